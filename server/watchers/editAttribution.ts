import type * as Y from 'yjs';
import { itemsMap } from '../../shared/minutes/layout.ts';
import type { MeetingHooks } from '../meetings/hooks.ts';
import type { Access, MeetingRecord, MeetingStore } from '../meetings/MeetingStore.ts';

const SAVE_DELAY_MS = 2000;

/**
 * Who edited each agenda item and when (the authors the diff names): every
 * applied update is attributed to the connection that sent it. Written a
 * moment later, and when the meeting leaves memory.
 */
export function watchEditors(hooks: MeetingHooks, store: MeetingStore) {
  hooks.on('afterLoad', (room) => {
    const meetingId = room.meetingId;
    let timer: NodeJS.Timeout | null = null;
    const save = (record: MeetingRecord) =>
      void store
        .serial(meetingId, () => store.save(record, ['workflow']))
        .catch((err) => store.log.warn('edit attribution not saved', { meetingId, error: err }));
    const onTransaction = room.guard('edit attribution', (tr: Y.Transaction) => {
      const principal = (tr.origin as { access?: Access } | null)?.access?.principal;
      const record = store.peek(meetingId);
      if (!principal || !record || tr.changed.size === 0) return;
      const root = itemsMap(room.doc);
      const at = new Date().toISOString();
      // The diff asks "who edited this item after version X"; a newer time
      // for someone already known to have edited after the latest version
      // changes no answer, so it is kept in memory and not written (a typist
      // would otherwise cost one atomic file write per meeting every 2 s).
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
      if (changed && !timer) {
        timer = setTimeout(
          room.guard('edit attribution save', () => {
            timer = null;
            save(record);
          }),
          SAVE_DELAY_MS,
        );
      }
    });
    room.doc.on('afterTransaction', onTransaction);
    room.beforeDestroy(() => {
      room.doc.off('afterTransaction', onTransaction);
      if (!timer) return;
      // The meeting leaves memory: write what the timer would have written.
      clearTimeout(timer);
      const record = store.peek(meetingId);
      if (record) save(record);
    });
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
