import type { Room } from '../collab/Room.ts';
import type { MeetingHooks } from '../meetings/hooks.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import { contentHash } from '../versions/contentHash.ts';

const HASH_DELAY_MS = 150;
const SYSTEM = { userId: 'system', name: 'Referat' };

/**
 * While the draft is out, keeps the content hash fresh (approvers approve
 * what it names) and voids approvals of other content at once, visibly and
 * audited. Also checks, on load, that approved minutes still hash to their
 * frozen hash.
 */
export function watchApprovals(hooks: MeetingHooks, store: MeetingStore) {
  const refresh = (meetingId: string) => {
    const room = store.rooms.peek(meetingId);
    const record = store.peek(meetingId);
    if (!room || !record || record.meta.phase !== 'review') return;
    const hash = contentHash(room.doc);
    if (hash === record.contentHash) return;
    record.contentHash = hash;
    const stale = record.workflow.approvals.filter((a) => !a.voidedAt && a.hash !== hash);
    if (stale.length === 0) {
      hooks.emit('stateChanged', meetingId);
      return;
    }
    room.watch(
      'voiding approvals',
      store.serial(meetingId, async () => {
        const now = new Date().toISOString();
        for (const approval of stale) approval.voidedAt ??= now;
        await store.save(record, ['workflow']);
        for (const approval of stale) {
          await store.audit(meetingId, SYSTEM, 'approval-voided', {
            approver: approval.name,
            approvedHash: approval.hash,
            contentHash: hash,
          });
        }
        hooks.emit('stateChanged', meetingId);
      }),
    );
  };

  hooks.on('phaseChanged', (meetingId, _from, to) => {
    if (to === 'review') store.rooms.peek(meetingId)?.guard('content hash', refresh)(meetingId);
  });

  hooks.on('afterLoad', (room: Room) => {
    const meetingId = room.meetingId;
    let timer: NodeJS.Timeout | null = null;
    // Hashing a big meeting takes a while on the event loop: wait at least ten
    // times as long as the last hash took, so it never takes more than about
    // a tenth of the server's time however fast people type.
    let lastHashMs = 0;
    const onUpdate = room.guard('content hash watcher', () => {
      if (store.phase(meetingId) !== 'review' || timer) return;
      timer = setTimeout(
        room.guard('content hash refresh', () => {
          timer = null;
          const started = performance.now();
          refresh(meetingId);
          lastHashMs = performance.now() - started;
        }),
        Math.max(HASH_DELAY_MS, 10 * lastHashMs),
      );
    });
    room.doc.on('update', onUpdate);
    room.beforeDestroy(() => {
      if (timer) clearTimeout(timer);
      room.doc.off('update', onUpdate);
    });
    room.watch(
      'approved hash check',
      store.load(meetingId).then((record) => {
        if (!record) return;
        if (record.meta.phase === 'review') refresh(meetingId);
        const frozen = record.meta.frozen;
        if (record.meta.phase === 'approved' && frozen && contentHash(room.doc) !== frozen.hash) {
          store.log.error('approved minutes differ from their frozen hash', { meetingId });
        }
      }),
    );
  });
}
