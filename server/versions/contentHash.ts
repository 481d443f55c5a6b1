import { createHash } from 'node:crypto';
import type * as Y from 'yjs';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';

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

/**
 * The hash approvals bind to: SHA-256 of the minutes as schema JSON (header,
 * participants, agenda items in order), independent of how Yjs encodes them.
 * Typing and deleting a character leaves it unchanged; any visible change does not.
 */
export function hashDocumentJSON(document: unknown): string {
  return createHash('sha256').update(canonicalJSON(document)).digest('hex');
}

export function contentHash(doc: Y.Doc): string {
  return hashDocumentJSON(meetingToJSON(doc).document);
}
