import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { isSectionType } from '../../shared/schema/index.ts';

/**
 * Where the text is only read (approved minutes; a reader who may neither
 * write nor comment), a section nobody wrote in is left out, as in the
 * exports: an empty "Beslutning" is a place to type, not part of the
 * minutes. A decoration (`hidden`), so nothing in the document changes, and
 * only while the editor is not editable: a writer needs the place to type,
 * and a reviewer who comments sees that a section is still empty (and keeps
 * a caret whose selection a hidden block would disturb).
 */
export const HideEmptySections = Extension.create({
  name: 'hideEmptySections',

  addProseMirrorPlugins() {
    const editor = this.editor;
    return [
      new Plugin({
        key: new PluginKey('hideEmptySections'),
        props: {
          // Drawn again when the editor becomes editable or not (setEditable sets the view's props).
          decorations(state) {
            if (editor.isEditable) return DecorationSet.empty;
            const decorations: Decoration[] = [];
            state.doc.forEach((node, offset) => {
              if (isSectionType(node.type.name) && node.textContent.trim() === '') {
                decorations.push(
                  Decoration.node(offset, offset + node.nodeSize, {
                    hidden: 'hidden',
                    class: 'empty-section',
                  }),
                );
              }
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
