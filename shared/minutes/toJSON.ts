import * as Y from 'yjs';
import type { JSONContent } from '@tiptap/core';
import { meetingSchema } from '../schema/index.ts';
import { fragmentToJSON } from './fragmentJSON.ts';
import {
  HEADER_FIELDS,
  PARTICIPANT_STATUSES,
  defaultItemFlags,
  type ParticipantStatus,
} from './fields.ts';
import {
  ITEM_BODY_FIELD,
  deletedItemIds,
  headerMap,
  itemBody,
  itemMap,
  itemsMap,
  participantsArray,
  readHeader,
  readItemFlags,
  readParticipant,
  visibleItemIds,
} from './layout.ts';

/** A meeting read out of its Y.Doc as ProseMirror JSON of the meeting schema. */
export interface MeetingJSON {
  /** `doc` node: meetingHeader, participants, agendaItem* (in agenda order). */
  document: JSONContent;
  /** Items taken off the agenda, kept restorable. */
  deletedItems: JSONContent[];
  /**
   * Everything that does not fit the schema: unknown fields, unknown nodes,
   * invalid structure. The content is still in `document` (or named here with
   * its value); it is reported, never silently dropped.
   */
  problems: string[];
}

/** The fields an item's Y.Map may hold: its flags and its body. */
const ITEM_FIELDS = new Set([...Object.keys(defaultItemFlags()), ITEM_BODY_FIELD]);

function agendaItemJSON(doc: Y.Doc, id: string, problems: string[], where: string): JSONContent {
  const item = itemMap(doc, id)!;
  const body = itemBody(doc, id);
  if (!body) problems.push(`${where}: has no body`);
  for (const key of item.keys()) {
    if (!ITEM_FIELDS.has(key)) {
      problems.push(`${where}: unknown field "${key}" = ${JSON.stringify(item.get(key))}`);
    }
  }
  const content = body ? (fragmentToJSON(body, problems, where).content ?? []) : [];
  const node: JSONContent = { type: 'agendaItem', attrs: { id, ...readItemFlags(item) }, content };
  try {
    meetingSchema().nodeFromJSON(node).check();
  } catch (err) {
    problems.push(`${where}: ${(err as Error).message}`);
  }
  return node;
}

/**
 * Turns a meeting's Y.Doc into JSON with the shared schema (for the REST API,
 * export and tests) and checks it against that schema.
 */
export function meetingToJSON(doc: Y.Doc): MeetingJSON {
  const problems: string[] = [];
  for (const key of headerMap(doc).keys()) {
    if (!(HEADER_FIELDS as readonly string[]).includes(key)) {
      problems.push(`header: unknown field "${key}" = ${JSON.stringify(headerMap(doc).get(key))}`);
    }
  }
  const participants: JSONContent[] = [];
  participantsArray(doc)
    .toArray()
    .forEach((entry, i) => {
      if (!(entry instanceof Y.Map)) {
        problems.push(`participant ${i + 1}: not a map: ${JSON.stringify(entry)}`);
        return;
      }
      const status = entry.get('status');
      if (!PARTICIPANT_STATUSES.includes(status as ParticipantStatus)) {
        problems.push(`participant ${i + 1}: unknown status ${JSON.stringify(status)}`);
      }
      participants.push({ type: 'participant', attrs: { ...readParticipant(entry) } });
    });
  const items = visibleItemIds(doc).map((id, i) =>
    agendaItemJSON(doc, id, problems, `item ${i + 1} (${id})`),
  );
  for (const [id, value] of itemsMap(doc).entries()) {
    if (!(value instanceof Y.Map)) {
      problems.push(
        `items: "${id.slice(0, 64)}" is not an item: ${JSON.stringify(value)?.slice(0, 200)}`,
      );
    }
  }
  const deletedItems = deletedItemIds(doc).map((id) =>
    agendaItemJSON(doc, id, problems, `deleted item ${id}`),
  );
  const document: JSONContent = {
    type: 'doc',
    content: [
      { type: 'meetingHeader', attrs: { ...readHeader(doc) } },
      { type: 'participants', content: participants },
      ...items,
    ],
  };
  return { document, deletedItems, problems };
}
