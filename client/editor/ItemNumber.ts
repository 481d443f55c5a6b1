import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

const key = new PluginKey<number>('itemNumber');

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    itemNumber: {
      /** Shows `n.` in front of the item's title. */
      setItemNumber: (n: number) => ReturnType;
    };
  }
}

/**
 * Draws the item's number in front of its title. The number is derived from
 * the item's place on the agenda (never stored, never typed), so it changes
 * for everyone the moment an item is inserted, deleted or moved.
 */
export const ItemNumber = Extension.create({
  name: 'itemNumber',

  addCommands() {
    return {
      setItemNumber:
        (n) =>
        ({ tr, dispatch }) => {
          if (dispatch) tr.setMeta(key, n).setMeta('addToHistory', false);
          return true;
        },
    };
  },

  addProseMirrorPlugins() {
    return [
      new Plugin<number>({
        key,
        state: {
          init: () => 0,
          apply: (tr, value) => tr.getMeta(key) ?? value,
        },
        props: {
          decorations(state) {
            const n = key.getState(state) ?? 0;
            const first = state.doc.firstChild;
            if (!n || first?.type.name !== 'agendaItemTitle') return null;
            const widget = document.createElement('span');
            widget.className = 'item-number';
            widget.contentEditable = 'false';
            widget.textContent = `${n}.`;
            return DecorationSet.create(state.doc, [
              Decoration.widget(1, widget, { side: -1, key: `n${n}`, ignoreSelection: true }),
            ]);
          },
        },
      }),
    ];
  },
});
