import StarterKit from '@tiptap/starter-kit';
import type { AnyExtension } from '@tiptap/core';

/**
 * The Y.Doc field holding the minutes' body (a Y.XmlFragment bound by
 * TipTap's Collaboration extension). A storage format: never rename it.
 */
export const BODY_FIELD = 'body';

/**
 * The document schema, shared by the client editor, the server and the tests.
 * Custom nodes (agenda items, indstilling, beslutning …) join this list, one
 * node per file in this folder. Undo/redo is left to Collaboration's Yjs undo
 * manager, which only undoes the local user's own changes.
 */
export function schemaExtensions(): AnyExtension[] {
  return [StarterKit.configure({ undoRedo: false })];
}
