import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';

export interface SlashState {
  /** Document range of "/query", replaced when an entry is chosen. */
  from: number;
  to: number;
  query: string;
}

export const slashMenuKey = new PluginKey<SlashState | null>('slashMenu');

/** "/" typed at the start of an empty paragraph, optionally followed by a few letters. */
function findSlash(state: EditorState): SlashState | null {
  const { selection } = state;
  if (!selection.empty) return null;
  const $pos = selection.$from;
  if ($pos.parent.type.name !== 'paragraph') return null;
  const before = $pos.parent.textBetween(0, $pos.parentOffset, undefined, '\ufffc');
  const match = /^\/([\p{L}\d ]{0,24})$/u.exec(before);
  if (!match) return null;
  return { from: $pos.start(), to: $pos.pos, query: match[1].toLowerCase() };
}

export interface SlashMenuStorage {
  /** Set by the menu component while it is open; returns true when it used the key. */
  onKeyDown: ((event: KeyboardEvent) => boolean) | null;
}

/**
 * Tracks a "/" command being typed. The entries and their rendering live in
 * the React component (client/components/SlashMenu.tsx), which reads this
 * plugin's state and claims arrow keys, Enter and Escape while open.
 */
export const SlashMenu = Extension.create<object, SlashMenuStorage>({
  name: 'slashMenu',

  addStorage() {
    return { onKeyDown: null };
  },

  addProseMirrorPlugins() {
    const storage = this.storage;
    return [
      new Plugin<SlashState | null>({
        key: slashMenuKey,
        state: {
          init: () => null,
          apply: (tr, _value, _old, state) =>
            tr.getMeta(slashMenuKey) === 'close' ? null : findSlash(state),
        },
        props: {
          handleKeyDown(view, event) {
            if (!slashMenuKey.getState(view.state)) return false;
            return storage.onKeyDown?.(event) ?? false;
          },
        },
      }),
    ];
  },
});
