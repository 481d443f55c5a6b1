import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import type { Role } from '../../shared/access/permissions.ts';
import type { CommentAnchor, MeetingState } from '../../shared/access/workflow.ts';
import type { Phase } from '../../shared/meeting.ts';
import { itemBody, visibleItemIds } from '../../shared/minutes/layout.ts';
import { connectClient } from './clients.ts';
import type { TestServer } from './testServer.ts';

/**
 * Every stored file of a meeting except the audit log (which records refused
 * attempts), as name -> sha256, to check that a refused action left the
 * stored state byte-identical.
 */
export async function storedState(
  dataDir: string,
  meetingId: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const rel = prefix + entry.name;
      if (entry.isDirectory()) await walk(path.join(dir, entry.name), rel + '/');
      else if (rel !== 'audit.jsonl') {
        out[rel] = createHash('sha256')
          .update(await readFile(path.join(dir, entry.name)))
          .digest('hex');
      }
    }
  };
  await walk(path.join(dataDir, 'meetings', meetingId), '');
  return out;
}

/** The Y.XmlText inside an item's body that contains `word`, and the word's index in it. */
function findText(doc: Y.Doc, itemId: string, word: string): { text: Y.XmlText; index: number } {
  const body = itemBody(doc, itemId);
  if (!body) throw new Error(`no item ${itemId}`);
  const stack: (Y.XmlElement | Y.XmlFragment | Y.XmlText)[] = [body];
  while (stack.length) {
    const node = stack.pop()!;
    if (node instanceof Y.XmlText) {
      const index = node.toString().indexOf(word);
      if (index >= 0) return { text: node, index };
    } else {
      stack.push(...(node.toArray() as (Y.XmlElement | Y.XmlText)[]));
    }
  }
  throw new Error(`"${word}" not in item ${itemId}`);
}

/** Types `text` right after the first occurrence of `after` in the item. */
export function typeAfter(doc: Y.Doc, itemId: string, after: string, text: string) {
  const found = findText(doc, itemId, after);
  found.text.insert(found.index + after.length, text);
}

/** Deletes the first occurrence of `text` in the item. */
export function deleteText(doc: Y.Doc, itemId: string, text: string) {
  const found = findText(doc, itemId, text);
  found.text.delete(found.index, text.length);
}

/** An anchor over `word` in an item, as the editor makes it (relative positions as JSON). */
export function anchorOn(doc: Y.Doc, itemId: string, word: string): CommentAnchor {
  const { text, index } = findText(doc, itemId, word);
  return {
    start: Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, index)),
    end: Y.relativePositionToJSON(
      Y.createRelativePositionFromTypeIndex(text, index + word.length, -1),
    ),
  };
}

/** The text an anchor covers now (empty when its text was deleted). */
export function anchoredText(doc: Y.Doc, anchor: CommentAnchor): string {
  const start = Y.createAbsolutePositionFromRelativePosition(
    Y.createRelativePositionFromJSON(anchor.start),
    doc,
  );
  const end = Y.createAbsolutePositionFromRelativePosition(
    Y.createRelativePositionFromJSON(anchor.end),
    doc,
  );
  if (!start || !end || start.type !== end.type || !(start.type instanceof Y.XmlText)) return '';
  return start.type.toString().slice(start.index, end.index);
}

export const firstItemId = (doc: Y.Doc) => visibleItemIds(doc)[0];

/**
 * A meeting from the Driftsforum template with one invitee per role (all
 * approvers, plus a co-chair who never approves in these tests so nothing
 * freezes by accident), brought to `phase`. For `approved`, only the co-chair
 * approves, then the others are invited.
 */
export async function meetingInPhase(server: TestServer, phase: Phase) {
  const id = await server.createMeeting('Driftsforum', 'driftsforum');
  const tokens = {} as Record<Role, string>;
  const invite = async () => {
    for (const role of ['organiser', 'minuteTaker', 'member', 'observer'] as Role[]) {
      tokens[role] = (await server.invite(id, `Test ${role}`, role, phase !== 'approved')).token;
    }
  };
  const chair = await server.invite(id, 'Formand', 'member', true);
  if (phase !== 'approved') await invite();
  const order: Phase[] = ['agenda', 'meeting', 'review', 'approved'];
  for (const to of order.slice(1, order.indexOf(phase) + 1)) {
    if (to === 'approved') {
      const state = await getState(server, id, chair.token);
      const res = await server.approve(id, chair.token, state.contentHash);
      if (res.status !== 200) throw new Error(`approve: ${res.status} ${await res.text()}`);
    } else {
      const res = await server.api(`/meetings/${id}/phase`, { body: { to } });
      if (res.status !== 200) throw new Error(`phase ${to}: ${res.status}`);
    }
  }
  if (phase === 'approved') await invite();
  return { id, tokens, chairToken: chair.token };
}

/** The meeting's state as the server reports it. */
export async function getState(
  server: TestServer,
  id: string,
  token?: string,
): Promise<MeetingState> {
  const res = await server.api(`/meetings/${id}`, { token });
  if (res.status !== 200) throw new Error(`GET meeting: ${res.status}`);
  return ((await res.json()) as { state: MeetingState }).state;
}

/** A connected, synced stock client with this token; destroyed by `cleanup`. */
export async function syncedClient(
  server: TestServer,
  id: string,
  token: string,
  cleanup: (fn: () => void) => void,
) {
  const c = connectClient(server.wsBase, id, token);
  cleanup(() => c.destroy());
  await c.synced();
  return c;
}
