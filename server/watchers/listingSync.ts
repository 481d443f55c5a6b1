import { MAX_FORUM_LENGTH, isIsoDate } from '../../shared/meeting.ts';
import { headerMap, readHeader } from '../../shared/minutes/layout.ts';
import type { MeetingHooks } from '../meetings/hooks.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';

const DELAY_MS = 300;

/**
 * The meeting list shows forum and date from each meeting's meta; they are
 * edited in the document's header. Keeps the meta in step, a moment after
 * the last header change (best effort: the document is the truth).
 */
export function watchListing(hooks: MeetingHooks, store: MeetingStore) {
  hooks.on('afterLoad', (room) => {
    const meetingId = room.meetingId;
    let timer: NodeJS.Timeout | null = null;
    const run = room.guard('meeting list sync', () => {
      timer = null;
      const header = readHeader(room.doc); // now: the room may be destroyed while we wait
      const record = store.peek(meetingId);
      if (!record) return;
      const date = isIsoDate(header.date) ? header.date : record.meta.date;
      const forum = header.forum.trim().slice(0, MAX_FORUM_LENGTH) || record.meta.forum;
      store
        .serial(meetingId, async () => {
          if (record.meta.forum === forum && record.meta.date === date) return;
          const before = record.meta;
          record.meta = { ...record.meta, forum, date };
          await store.save(record, ['meta']).catch((err) => {
            record.meta = before;
            throw err;
          });
        })
        .catch((err) =>
          store.log.warn('meeting list entry not updated', { meetingId, error: err }),
        );
    });
    headerMap(room.doc).observe(
      room.guard('header watcher', () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(run, DELAY_MS);
      }),
    );
    room.beforeDestroy(() => {
      if (timer) clearTimeout(timer);
      if (timer !== null) run();
    });
  });
}
