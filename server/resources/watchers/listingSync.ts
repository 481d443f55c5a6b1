import { MAX_FORUM_LENGTH, isIsoDate } from '../../../shared/meeting.ts';
import { headerMap, readHeader } from '../../../shared/minutes/layout.ts';
import type { Room } from '../../collab/Room.ts';
import type { RoomHooks } from '../../collab/Room.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';

const DELAY_MS = 300;

/**
 * The meeting list shows forum and date from each meeting's meta; they are
 * edited in the document's header. Keeps the meta in step, a moment after
 * the last header change (best effort: the document is the truth).
 */
export function watchListing(hooks: RoomHooks, store: MeetingStore) {
  const timers = new Map<Room, NodeJS.Timeout>();

  const sync = (room: Room) => {
    timers.delete(room);
    const header = readHeader(room.doc); // now: the room may be leaving memory
    room.watch(
      'meeting list sync',
      store.system(room.meetingId, (record) => {
        const date = isIsoDate(header.date) ? header.date : record.meta.date;
        const forum = header.forum.trim().slice(0, MAX_FORUM_LENGTH) || record.meta.forum;
        const same = record.meta.forum === forum && record.meta.date === date;
        if (!same) record.meta = { ...record.meta, forum, date };
        return { value: null, save: same ? [] : ['meta'], notify: !same };
      }),
    );
  };

  hooks.on('onUpdate', (room, tr) => {
    if (!tr.changed.has(headerMap(room.doc) as never)) return;
    clearTimeout(timers.get(room));
    timers.set(
      room,
      setTimeout(
        room.guard('meeting list sync', () => sync(room)),
        DELAY_MS,
      ),
    );
  });

  hooks.on('beforeUnload', (room) => {
    const timer = timers.get(room);
    if (!timer) return;
    clearTimeout(timer);
    sync(room);
  });
}
