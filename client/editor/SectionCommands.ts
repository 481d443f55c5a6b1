import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import type { EditorState, Transaction } from '@tiptap/pm/state';
import { Selection, TextSelection } from '@tiptap/pm/state';
import { SECTIONS, SECTION_TYPES, type SectionType } from '../../shared/schema/index.ts';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    sectionCommands: {
      /** Inserts an empty section of `type` where it belongs and puts the cursor in it. */
      insertSection: (type: SectionType) => ReturnType;
      /** Appends a standard phrase to the item's last section of `type` (made if missing). */
      insertPhrase: (text: string, type: SectionType) => ReturnType;
    };
  }
}

const order = (name: string) => SECTION_TYPES.indexOf(name as SectionType);

/**
 * Where a new section of `type` goes. The first of its type goes to its usual
 * place (sagsfremstilling, indstilling, bilag, referat, beslutning,
 * uddybning), whatever section the cursor is in. A further one goes after the
 * section holding the cursor (top-level index `cursorIndex`), skipping
 * following sections that come before it in that order, so a second
 * beslutning typed after an uddybning lands right there, as in the published
 * minutes.
 */
export function insertPosition(doc: PMNode, cursorIndex: number, type: SectionType): number {
  let exists = false;
  doc.forEach((node) => (exists ||= node.type.name === type));
  let index = exists ? cursorIndex : 0; // 0: the title
  while (index + 1 < doc.childCount && order(doc.child(index + 1).type.name) <= order(type)) {
    index++;
  }
  let pos = 0;
  for (let i = 0; i <= index && i < doc.childCount; i++) pos += doc.child(i).nodeSize;
  return pos;
}

/** Inserts a section into `tr` (as its document now stands) and puts the cursor in it. */
function insertSectionTr(tr: Transaction, cursorIndex: number, type: SectionType, text = '') {
  const schema = tr.doc.type.schema;
  const paragraph = schema.nodes.paragraph.create(null, text ? schema.text(text) : null);
  const section = schema.nodes[type].create(null, paragraph);
  const pos = insertPosition(tr.doc, cursorIndex, type);
  tr.insert(pos, section);
  tr.setSelection(TextSelection.create(tr.doc, pos + 2 + paragraph.content.size));
  return tr.scrollIntoView();
}

/** Top-level index of the node holding the selection (0, the title, when outside any). */
const cursorIndexOf = (state: EditorState) =>
  state.selection.$from.depth >= 1 ? state.selection.$from.index(0) : 0;

/** Section insertion from toolbar, slash menu and keyboard (Mod-Alt + letter). */
export const SectionCommands = Extension.create({
  name: 'sectionCommands',

  addCommands() {
    return {
      insertSection:
        (type) =>
        ({ tr, state, dispatch }) => {
          if (!state.schema.nodes[type]) return false;
          if (!dispatch) return true;
          // An empty section of this type later on (from the template) is used, not doubled.
          let empty = -1;
          state.doc.forEach((node, offset) => {
            if (empty < 0 && node.type.name === type && offset >= state.selection.from - 1) {
              if (node.textContent === '' && node.childCount <= 1) empty = offset;
            }
          });
          // The empty line the command was typed on ("/…" or Enter) goes away.
          // Deleting a line inside a section leaves the top-level indices as they are.
          const $from = state.selection.$from;
          if (
            $from.depth === 2 &&
            $from.parent.type.name === 'paragraph' &&
            $from.parent.content.size === 0 &&
            $from.node(1).childCount > 1
          ) {
            tr.delete($from.before(2), $from.after(2));
          }
          if (empty >= 0) {
            const at = tr.mapping.map(empty) + 1;
            tr.setSelection(Selection.findFrom(tr.doc.resolve(at), 1, true) ?? tr.selection);
            return true;
          }
          insertSectionTr(tr, cursorIndexOf(state), type);
          return true;
        },
      insertPhrase:
        (text, type) =>
        ({ tr, state, dispatch }) => {
          let last = -1;
          state.doc.forEach((node, offset) => {
            if (node.type.name === type) last = offset;
          });
          if (!dispatch) return true;
          if (last < 0) {
            insertSectionTr(tr, cursorIndexOf(state), type, text);
            return true;
          }
          const section = state.doc.nodeAt(last)!;
          const lastBlock = section.lastChild;
          const end = last + section.nodeSize - 1;
          if (lastBlock?.type.name === 'paragraph' && lastBlock.content.size === 0) {
            tr.insertText(text, end - 1);
          } else {
            const p = state.schema.nodes.paragraph.create(null, state.schema.text(text));
            tr.insert(end, p);
          }
          tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map(end)));
          return true;
        },
    };
  },

  addKeyboardShortcuts() {
    const sections = Object.fromEntries(
      SECTION_TYPES.map((type) => [
        `Mod-Alt-${SECTIONS[type].shortcut.toLowerCase()}`,
        () => this.editor.commands.insertSection(type),
      ]),
    );
    return {
      // The title is one line: Enter goes on to the first section (made if there is none).
      Enter: ({ editor }) => {
        const { state } = editor;
        const $from = state.selection.$from;
        if ($from.parent.type.name !== 'agendaItemTitle') return false;
        const after = $from.after(1);
        if (after >= state.doc.content.size) {
          return editor.commands.insertSection('sagsfremstilling');
        }
        const next = Selection.findFrom(state.doc.resolve(after), 1, true);
        if (!next) return false;
        editor.view.dispatch(state.tr.setSelection(next).scrollIntoView());
        return true;
      },
      ...sections,
    };
  },
});
