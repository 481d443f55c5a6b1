import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import type { BilagFile } from '../../../shared/access/workflow.ts';
import { meetingToJSON } from '../../../shared/minutes/toJSON.ts';

/** JSON with object keys sorted, so equal content always gives equal text. */
export function canonicalJSON(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJSON).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJSON(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** What an approval binds to of a bilag: which item, its name and its bytes (by checksum). */
export interface BilagRef {
  itemId: string;
  name: string;
  sha256: string;
}

/**
 * The bilag of the document's agenda items, in item order (then upload
 * order). Files of items not on the agenda (deleted, restorable) are not
 * part of the minutes and are left out.
 */
export function bilagRefs(document: unknown, files: readonly BilagFile[]): BilagRef[] {
  const content = (document as { content?: { type?: string; attrs?: { id?: unknown } }[] }).content;
  const itemIds = (content ?? [])
    .filter((node) => node.type === 'agendaItem')
    .map((node) => String(node.attrs?.id ?? ''));
  return itemIds.flatMap((itemId) =>
    files
      .filter((f) => f.itemId === itemId)
      .map((f) => ({ itemId, name: f.name, sha256: f.sha256 })),
  );
}

/**
 * The hash approvals bind to: SHA-256 of the minutes as schema JSON (header,
 * participants, agenda items in order), independent of how Yjs encodes them,
 * together with the list of bilag (name and checksum, in item order).
 * Typing and deleting a character leaves it unchanged; any visible change,
 * and adding or removing a bilag, does not. Without bilag it is the hash of
 * the document alone, as before bilag existed, so older versions verify.
 */
export function hashDocumentJSON(document: unknown, bilag: readonly BilagRef[]): string {
  const hashed = bilag.length ? { document, bilag } : document;
  return createHash('sha256').update(canonicalJSON(hashed)).digest('hex');
}

/** The content hash of the live document with the meeting's bilag. */
export function contentHash(doc: Y.Doc, files: readonly BilagFile[]): string {
  const document = meetingToJSON(doc).document;
  return hashDocumentJSON(document, bilagRefs(document, files));
}
