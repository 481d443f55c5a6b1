import * as Y from 'yjs';
import {
  HEADER_FIELDS,
  PARTICIPANT_STATUSES,
  STANDING_VALUES,
  defaultItemFlags,
  emptyHeader,
  type ItemFlags,
  type MeetingHeader,
  type Participant,
  type ParticipantStatus,
  type Standing,
} from './fields.ts';

/**
 * How a meeting lives in its Y.Doc. The names are a storage format: never
 * rename them.
 *
 *   header        Y.Map<string>                 forum, date, times, place …
 *   participants  Y.Array<Y.Map>                one map per participant
 *   itemOrder     Y.Array<string>               item ids, in agenda order
 *   items         Y.Map<Y.Map>                  id -> { flags…, body: Y.XmlFragment }
 *
 * Why not one ProseMirror document for everything: y-prosemirror has no move,
 * it deletes and re-inserts, so text typed into an item while someone else
 * moves it would be lost. Here a move only rewrites the id list and every
 * item body is its own Y.XmlFragment bound to its own editor, so concurrent
 * typing and moving both survive. Deleting an item only takes its id out of
 * the order; the body stays in `items` and can be restored.
 */
export const HEADER_MAP = 'header';
export const PARTICIPANTS_ARRAY = 'participants';
export const ITEM_ORDER_ARRAY = 'itemOrder';
export const ITEMS_MAP = 'items';
export const ITEM_BODY_FIELD = 'body';

export type ItemMap = Y.Map<unknown>;

export const headerMap = (doc: Y.Doc) => doc.getMap<string>(HEADER_MAP);
export const participantsArray = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>(PARTICIPANTS_ARRAY);
export const itemOrderArray = (doc: Y.Doc) => doc.getArray<string>(ITEM_ORDER_ARRAY);
export const itemsMap = (doc: Y.Doc) => doc.getMap<ItemMap>(ITEMS_MAP);

/**
 * The agenda in order. Two people moving the same item at once leave its id
 * twice in the order; the first occurrence counts, so every client derives
 * the same agenda and numbering.
 */
export function visibleItemIds(doc: Y.Doc): string[] {
  const items = itemsMap(doc);
  const seen = new Set<string>();
  const ids: string[] = [];
  for (const id of itemOrderArray(doc).toArray()) {
    if (typeof id !== 'string' || seen.has(id) || !(items.get(id) instanceof Y.Map)) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids;
}

/**
 * Items that exist but are on no agenda position: deleted, restorable. Sorted,
 * because a Y.Map's key order depends on the order updates arrived in.
 */
export function deletedItemIds(doc: Y.Doc): string[] {
  const visible = new Set(visibleItemIds(doc));
  const items = itemsMap(doc);
  return [...items.keys()]
    .filter((id) => !visible.has(id) && items.get(id) instanceof Y.Map)
    .sort();
}

export function itemMap(doc: Y.Doc, id: string): ItemMap | null {
  const item = itemsMap(doc).get(id);
  return item instanceof Y.Map ? item : null;
}

export function itemBody(doc: Y.Doc, id: string): Y.XmlFragment | null {
  const body = itemMap(doc, id)?.get(ITEM_BODY_FIELD);
  return body instanceof Y.XmlFragment ? body : null;
}

const str = (value: unknown) => (typeof value === 'string' ? value : '');

export function readHeader(doc: Y.Doc): MeetingHeader {
  const map = headerMap(doc);
  const header = emptyHeader();
  for (const field of HEADER_FIELDS) header[field] = str(map.get(field));
  return header;
}

export function readParticipant(map: Y.Map<unknown>): Participant {
  const status = map.get('status');
  return {
    id: str(map.get('id')),
    name: str(map.get('name')),
    title: str(map.get('title')),
    role: str(map.get('role')),
    organisation: str(map.get('organisation')),
    status: PARTICIPANT_STATUSES.includes(status as ParticipantStatus)
      ? (status as ParticipantStatus)
      : 'present',
  };
}

export function readParticipants(doc: Y.Doc): Participant[] {
  return participantsArray(doc)
    .toArray()
    .filter((p): p is Y.Map<unknown> => p instanceof Y.Map)
    .map(readParticipant);
}

export function readItemFlags(item: ItemMap): ItemFlags {
  const flags = defaultItemFlags();
  const standing = item.get('standing');
  flags.presenter = str(item.get('presenter'));
  flags.closed = item.get('closed') === true;
  flags.carryOver = item.get('carryOver') === true;
  flags.standing = STANDING_VALUES.includes(standing as Standing) ? (standing as Standing) : '';
  return flags;
}

/** Participants grouped by organisation, groups in order of first appearance. */
export function groupByOrganisation<P extends { organisation: string }>(
  participants: P[],
): { organisation: string; participants: P[] }[] {
  const groups = new Map<string, P[]>();
  for (const p of participants) {
    const key = p.organisation.trim();
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  return [...groups.entries()].map(([organisation, members]) => ({
    organisation,
    participants: members,
  }));
}
