import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  absolutePositionToRelativePosition,
  relativePositionToAbsolutePosition,
  ySyncPluginKey,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import type { CommentAnchor } from '../../shared/access/workflow.ts';

export interface HighlightedThread {
  id: string;
  anchor: CommentAnchor;
  resolved: boolean;
}

const key = new PluginKey<DecorationSet>('commentHighlights');

function binding(state: EditorState) {
  return ySyncPluginKey.getState(state) as
    { doc: Y.Doc; type: Y.XmlFragment; binding: { mapping: Map<unknown, unknown> } } | undefined;
}

/** Where an anchor lies in this editor now: null when its text is gone (orphaned). */
export function resolveAnchor(
  state: EditorState,
  anchor: CommentAnchor,
): { from: number; to: number } | null {
  const sync = binding(state);
  if (!sync?.binding) return null;
  const abs = (json: unknown) => {
    try {
      return relativePositionToAbsolutePosition(
        sync.doc,
        sync.type,
        Y.createRelativePositionFromJSON(json),
        sync.binding.mapping as never,
      );
    } catch {
      return null;
    }
  };
  const from = abs(anchor.start);
  const to = abs(anchor.end);
  return from !== null && to !== null && to > from ? { from, to } : null;
}

/** The current selection as an anchor (relative positions) with its text, or null if empty. */
export function selectionAnchor(
  state: EditorState,
): { anchor: CommentAnchor; quote: string } | null {
  const sync = binding(state);
  const { from, to, empty } = state.selection;
  if (!sync?.binding || empty) return null;
  const rel = (pos: number) =>
    Y.relativePositionToJSON(
      absolutePositionToRelativePosition(pos, sync.type, sync.binding.mapping as never),
    );
  return {
    anchor: { start: rel(from), end: rel(to) },
    quote: state.doc.textBetween(from, to, ' ').slice(0, 500),
  };
}

/**
 * Marks the text each open comment thread is anchored to. The anchors are
 * Yjs relative positions, so they follow everyone's edits; a thread whose
 * text is deleted simply has no mark (the panel shows it as orphaned).
 */
export const CommentHighlights = Extension.create<{ threads: () => HighlightedThread[] }>({
  name: 'commentHighlights',
  addOptions: () => ({ threads: () => [] }),
  addProseMirrorPlugins() {
    const threads = () => this.options.threads();
    const build = (state: EditorState) => {
      const decorations: Decoration[] = [];
      for (const thread of threads()) {
        if (thread.resolved) continue;
        const range = resolveAnchor(state, thread.anchor);
        if (range) {
          decorations.push(
            Decoration.inline(range.from, range.to, {
              class: 'comment-mark',
              'data-thread': thread.id,
            }),
          );
        }
      }
      return DecorationSet.create(state.doc, decorations);
    };
    return [
      new Plugin({
        key,
        state: {
          init: (_, state) => build(state),
          apply: (tr, old, _oldState, newState) =>
            tr.docChanged || tr.getMeta(key) ? build(newState) : old,
        },
        props: { decorations: (state) => key.getState(state) },
      }),
    ];
  },
});

/** Tells the editor the threads changed (re-draws the marks). */
export function refreshHighlights(view: { state: EditorState; dispatch(tr: unknown): void }) {
  view.dispatch(view.state.tr.setMeta(key, true));
}
