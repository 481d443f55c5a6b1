import type * as Y from 'yjs';
import { itemsMap } from '../../../shared/minutes/layout.ts';
import type { Room } from '../../collab/Room.ts';
import type { RoomHooks } from '../../collab/Room.ts';
import type { Access, MeetingStore } from '../meetings/MeetingStore.ts';

const SAVE_DELAY_MS = 2000;

/**
 * Who edited each agenda item and when (the authors the diff names): every
 * applied update is attributed to the connection that sent it. Written a
 * moment later, and when the meeting leaves memory.
 */
export function watchEditors(hooks: RoomHooks, store: MeetingStore) {
  /** Open meetings with attribution not yet written. */
  const timers = new Map<Room, NodeJS.Timeout>();
  const save = (room: Room) =>
    room.watch(
      'edit attribution save',
      store.system(room.meetingId, () => ({ value: null, notify: false })),
    );

  hooks.on('onUpdate', (room, tr: Y.Transaction) => {
    const principal = (tr.origin as { access?: Access } | null)?.access?.principal;
    const record = store.peek(room.meetingId);
    if (!principal || !record) return;
    const root = itemsMap(room.doc);
    const at = new Date().toISOString();
    // The diff asks "who edited this item after version X"; a newer time for
    // someone already known to have edited after the latest version changes
    // no answer, so it is kept in memory and not written (a typist would
    // otherwise cost one atomic file write per meeting every 2 s).
    const latestVersion = record.workflow.versions.at(-1)?.createdAt ?? '';
    let changed = false;
    for (const type of tr.changed.keys()) {
      const itemId = itemIdOf(type, root);
      if (!itemId) continue;
      const editors = (record.workflow.editors[itemId] ??= {});
      const previous = editors[principal.userId];
      editors[principal.userId] = { name: principal.name, at };
      if (!previous || previous.at <= latestVersion || previous.name !== principal.name) {
        changed = true;
      }
    }
    if (changed && !timers.has(room)) {
      timers.set(
        room,
        setTimeout(
          room.guard('edit attribution save', () => {
            timers.delete(room);
            save(room);
          }),
          SAVE_DELAY_MS,
        ),
      );
    }
  });

  hooks.on('beforeUnload', (room) => {
    const timer = timers.get(room);
    if (!timer) return;
    // The meeting leaves memory: write what the timer would have written.
    clearTimeout(timer);
    timers.delete(room);
    save(room);
  });
}

/** The agenda item a changed type belongs to (walking up to the `items` map), if any. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function itemIdOf(type: Y.AbstractType<any>, root: object): string | null {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (let t: Y.AbstractType<any> | null = type; t?._item; t = t._item.parent as never) {
    if ((t._item.parent as object) === root) return t._item.parentSub;
  }
  return null;
}
