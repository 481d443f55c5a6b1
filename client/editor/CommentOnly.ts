import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, TextSelection } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import { ySyncPluginKey } from '@tiptap/y-tiptap';

export interface CommentOnlyOptions {
  /** Whether the reader may comment here but not write (read when each change happens). */
  active: () => boolean;
}

const isWordChar = (ch: string | undefined) => !!ch && /[\p{L}\p{N}_-]/u.test(ch);

/**
 * The word at `pos`, or else the last word before it (a click past the end
 * of a line), as a selection, as a double click selects in read-only text.
 */
function wordAt(doc: EditorView['state']['doc'], pos: number): TextSelection | null {
  const $pos = doc.resolve(pos);
  if (!$pos.parent.isTextblock) return null;
  const text = $pos.parent.textBetween(0, $pos.parent.content.size, undefined, '\ufffc');
  let from = $pos.parentOffset;
  if (!isWordChar(text[from])) {
    // Past the word: back over spaces and punctuation ("godkendes." + the line's end).
    while (from > 0 && !isWordChar(text[from - 1])) from--;
    if (from === 0) return null;
    from--;
  }
  let to = from + 1;
  while (isWordChar(text[from - 1])) from--;
  while (isWordChar(text[to])) to++;
  const start = $pos.start();
  return TextSelection.create(doc, start + from, start + to);
}

/**
 * For a reader who may comment but not write (a member during review): the
 * text keeps a caret, so the keyboard can move through it and select what to
 * comment on (Shift+arrows), as a mouse can; but nothing the reader does
 * changes it. Typing, deleting, pasting and dropping are stopped before the
 * browser touches the DOM, and any other change of the document (Enter, a
 * shortcut) is filtered out; only the sync's own transactions (remote edits,
 * marked with y-tiptap's meta) pass. The server refuses such an edit anyway;
 * here it never leaves the editor, so no refusal is ever shown for it.
 * (The editor says it is read-only to assistive technology: ItemEditor.)
 */
export const CommentOnly = Extension.create<CommentOnlyOptions>({
  name: 'commentOnly',

  addOptions() {
    return { active: () => false };
  },

  addProseMirrorPlugins() {
    const active = () => this.options.active();
    const refuse = (_view: EditorView, event: Event) => {
      if (!active()) return false;
      event.preventDefault();
      return true;
    };
    return [
      new Plugin({
        key: new PluginKey('commentOnly'),
        filterTransaction: (tr) =>
          !active() || !tr.docChanged || tr.getMeta(ySyncPluginKey) !== undefined,
        props: {
          handleDOMEvents: {
            beforeinput: refuse,
            cut: refuse,
            paste: refuse,
            drop: refuse,
            // In editable text a double click past a line's end selects nothing; in
            // read-only text it takes the last word. Keep the read-only habit.
            dblclick: (view, event) => {
              // The DOM's selection (the editor's own catches up only after this event):
              // nothing, or only the line's end, was taken.
              if (!active() || document.getSelection()?.toString().trim()) return false;
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
              const word = at ? wordAt(view.state.doc, at.pos) : null;
              if (word) view.dispatch(view.state.tr.setSelection(word));
              return false;
            },
          },
        },
      }),
    ];
  },
});
