import * as Y from 'yjs';
import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { itemSchema } from '../schema/index.ts';
import type { ItemContent, MeetingContent } from './content.ts';
import { itemBodyJSON } from './content.ts';
import {
  HEADER_FIELDS,
  MAX_FIELD_LENGTH,
  PARTICIPANT_STATUSES,
  PARTICIPANT_TEXT_FIELDS,
  type HeaderField,
  type ItemFlags,
  type Participant,
} from './fields.ts';
import {
  ITEM_BODY_FIELD,
  headerMap,
  itemMap,
  itemOrderArray,
  itemsMap,
  participantsArray,
  visibleItemIds,
} from './layout.ts';

/**
 * Every change to a meeting's structure goes through these functions, on the
 * client (from the editor's buttons) as on the server (templates) and in
 * tests, so the Yjs layout is written in one place.
 */

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random id for an item or participant (not a meeting id). */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
}

const clip = (value: string) => value.slice(0, MAX_FIELD_LENGTH);

export function setHeaderField(doc: Y.Doc, field: HeaderField, value: string) {
  headerMap(doc).set(field, clip(value));
}

/** Creates an item at `index` of the visible agenda (default: the end). Returns its id. */
export function insertItem(doc: Y.Doc, content: ItemContent, index?: number): string {
  return insertItemJSON(doc, content, itemBodyJSON(content), index);
}

/**
 * Creates an item whose body is given as item-editor JSON (a copy of another
 * item, with its marks). Returns its id.
 */
export function insertItemJSON(
  doc: Y.Doc,
  flags: Partial<ItemFlags> & { id?: string },
  body: JSONContent,
  index?: number,
): string {
  const id = flags.id ?? newId();
  doc.transact(() => {
    const item = new Y.Map<unknown>();
    itemsMap(doc).set(id, item);
    item.set('presenter', clip(flags.presenter ?? ''));
    item.set('closed', flags.closed ?? false);
    item.set('carryOver', flags.carryOver ?? false);
    item.set('standing', flags.standing ?? '');
    const fragment = new Y.XmlFragment();
    item.set(ITEM_BODY_FIELD, fragment);
    prosemirrorJSONToYXmlFragment(itemSchema(), body, fragment);
    placeId(doc, id, index);
  });
  return id;
}

/** Inserts `id` before the visible item at `index` (or at the end). */
function placeId(doc: Y.Doc, id: string, index?: number) {
  const order = itemOrderArray(doc);
  const visible = visibleItemIds(doc).filter((v) => v !== id);
  if (index === undefined || index >= visible.length) {
    order.push([id]);
    return;
  }
  const before = visible[Math.max(0, index)];
  order.insert(order.toArray().indexOf(before), [id]);
}

function removeFromOrder(doc: Y.Doc, id: string) {
  const order = itemOrderArray(doc);
  const raw = order.toArray();
  for (let i = raw.length - 1; i >= 0; i--) if (raw[i] === id) order.delete(i, 1);
}

/**
 * Moves an item to `index` of the visible agenda. Only the id list changes:
 * the body is untouched, so whatever someone types into it meanwhile stays.
 */
export function moveItem(doc: Y.Doc, id: string, index: number) {
  if (!itemMap(doc, id)) return;
  doc.transact(() => {
    removeFromOrder(doc, id);
    placeId(doc, id, index);
  });
}

/** Takes an item off the agenda; its body is kept and can be restored. */
export function deleteItem(doc: Y.Doc, id: string) {
  doc.transact(() => removeFromOrder(doc, id));
}

export function restoreItem(doc: Y.Doc, id: string, index?: number) {
  if (!itemMap(doc, id) || visibleItemIds(doc).includes(id)) return;
  doc.transact(() => placeId(doc, id, index));
}

export function setItemFlag<K extends keyof ItemFlags>(
  doc: Y.Doc,
  id: string,
  key: K,
  value: ItemFlags[K],
) {
  const item = itemMap(doc, id);
  if (!item) return;
  item.set(key, typeof value === 'string' ? clip(value) : value);
}

/**
 * Where a new item goes by default: before the closing standing items
 * (punkter til næste møde, eventuelt), so they stay last.
 */
export function defaultInsertIndex(doc: Y.Doc): number {
  const ids = visibleItemIds(doc);
  let index = ids.length;
  while (index > 0 && itemMap(doc, ids[index - 1])?.get('standing') === 'end') index--;
  return index;
}

export function addParticipant(doc: Y.Doc, p: Omit<Participant, 'id'> & { id?: string }): string {
  // An import hands over '' for "no id yet": every participant needs its own.
  const id = p.id || newId();
  const map = new Y.Map<unknown>();
  doc.transact(() => {
    participantsArray(doc).push([map]);
    map.set('id', id);
    map.set('name', clip(p.name));
    map.set('title', clip(p.title));
    map.set('role', clip(p.role));
    map.set('organisation', clip(p.organisation));
    map.set('status', p.status);
  });
  return id;
}

function findParticipant(doc: Y.Doc, id: string): { map: Y.Map<unknown>; index: number } | null {
  const all = participantsArray(doc).toArray();
  const index = all.findIndex((m) => m instanceof Y.Map && m.get('id') === id);
  return index < 0 ? null : { map: all[index], index };
}

export function updateParticipant(doc: Y.Doc, id: string, patch: Partial<Omit<Participant, 'id'>>) {
  const found = findParticipant(doc, id);
  if (!found) return;
  doc.transact(() => {
    for (const key of PARTICIPANT_TEXT_FIELDS) {
      const value = patch[key];
      if (typeof value === 'string') found.map.set(key, clip(value));
    }
    if (patch.status && PARTICIPANT_STATUSES.includes(patch.status)) {
      found.map.set('status', patch.status);
    }
  });
}

export function removeParticipant(doc: Y.Doc, id: string) {
  const found = findParticipant(doc, id);
  if (found) participantsArray(doc).delete(found.index, 1);
}

/** Writes a whole meeting (template, next meeting, import) into an empty document. */
export function writeMeetingContent(doc: Y.Doc, content: MeetingContent) {
  doc.transact(() => {
    for (const field of HEADER_FIELDS) {
      const value = content.header[field];
      if (value) setHeaderField(doc, field, value);
    }
    for (const p of content.participants) addParticipant(doc, p);
    for (const item of content.items) insertItem(doc, item);
  });
}
