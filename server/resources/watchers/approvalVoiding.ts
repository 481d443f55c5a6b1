import type { Room, RoomHooks } from '../../collab/Room.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { Logger } from '../../core/log.ts';
import type { Access, MeetingStore } from '../meetings/MeetingStore.ts';
import { contentHash } from '../versions/contentHash.ts';
import type { ApprovalService } from '../approvals/ApprovalService.ts';

const HASH_DELAY_MS = 150;

/**
 * While the draft is out, keeps the content hash fresh (approvers approve
 * what it names) and voids approvals of other content at once, visibly and
 * audited. Also checks, on load, that approved minutes still hash to their
 * frozen hash.
 */
export function watchApprovals({
  hooks,
  rooms,
  store,
  approvals,
  log,
}: {
  hooks: RoomHooks;
  /** The open documents: sending the draft hashes the live one at once. */
  rooms: RoomManager;
  store: MeetingStore;
  approvals: ApprovalService;
  log: Logger;
}) {
  /**
   * Per open meeting: the pending refresh, how long the last hash took, and
   * who edited since the last refresh (named when their edit voids an
   * approval: the audit log says whose edit it was, not "Referat").
   */
  const pending = new Map<
    Room,
    { timer: NodeJS.Timeout | null; lastHashMs: number; editors: Map<string, string> }
  >();
  const stateOf = (room: Room) => {
    let state = pending.get(room);
    if (!state) pending.set(room, (state = { timer: null, lastHashMs: 0, editors: new Map() }));
    return state;
  };

  const refresh = (room: Room) => {
    const record = store.peek(room.meetingId);
    if (!record || record.meta.phase !== 'review') return;
    const hash = contentHash(room.doc, record.workflow.bilag);
    const editors = stateOf(room).editors;
    const editedBy = [...new Set(editors.values())];
    editors.clear();
    if (hash === record.contentHash) return;
    record.contentHash = hash;
    // Nothing to void: the new hash only has to reach the approvers.
    if (record.workflow.approvals.every((a) => a.voidedAt || a.hash === hash))
      return hooks.emit('stateChanged', room.meetingId);
    room.watch(
      'voiding approvals',
      store.system(room.meetingId, (live) => ({
        value: null,
        audit: approvals.contentChanged(live, hash, editedBy),
      })),
    );
  };

  hooks.on('onUpdate', (room, tr) => {
    // Hashing a big meeting takes a while on the event loop: wait at least ten
    // times as long as the last hash took, so it never takes more than about
    // a tenth of the server's time however fast people type.
    const state = stateOf(room);
    if (store.phase(room.meetingId) !== 'review') return;
    const editor = (tr.origin as { access?: Access } | null)?.access?.principal;
    if (editor) state.editors.set(editor.userId, editor.name);
    if (state.timer) return;
    state.timer = setTimeout(
      room.guard('content hash refresh', () => {
        state.timer = null;
        const started = performance.now();
        refresh(room);
        state.lastHashMs = performance.now() - started;
      }),
      Math.max(HASH_DELAY_MS, 10 * state.lastHashMs),
    );
  });

  hooks.on('beforeUnload', (room) => {
    const state = pending.get(room);
    if (state?.timer) clearTimeout(state.timer);
    pending.delete(room);
  });

  hooks.on('phaseChanged', (meetingId, _from, to) => {
    const room = rooms.peek(meetingId);
    if (to === 'review' && room) room.guard('content hash', refresh)(room);
  });

  hooks.on('afterLoad', (room) => {
    const meetingId = room.meetingId;
    room.watch(
      'approved hash check',
      store.load(meetingId).then((record) => {
        if (!record) return;
        if (record.meta.phase === 'review') refresh(room);
        const frozen = record.meta.frozen;
        if (
          record.meta.phase === 'approved' &&
          frozen &&
          contentHash(room.doc, record.workflow.bilag) !== frozen.hash
        ) {
          log.error('approved minutes differ from their frozen hash', { meetingId });
        }
      }),
    );
  });
}
