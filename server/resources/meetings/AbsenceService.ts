import { readParticipants } from '../../../shared/minutes/layout.ts';
import { updateParticipant } from '../../../shared/minutes/operations.ts';
import type { ParticipantStatus } from '../../../shared/minutes/fields.ts';
import { AppError } from '../../core/errors.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { Access, MeetingStore } from './MeetingStore.ts';

/**
 * Afbud: an invitee registers their own absence (or takes it back) without
 * edit rights. Only their own participant, the one their invitation is
 * linked to (`Invite.participantId`), and only before the draft is out
 * (`reportAbsence` in the permission table). The server writes the status
 * into the document, so the chair and the secretariat see it live, and
 * audits it. Anyone else's absence is set by those who edit the document.
 */
export class AbsenceService {
  constructor(
    private readonly store: MeetingStore,
    /** The open documents: the status is written into the live one. */
    private readonly rooms: RoomManager,
  ) {}

  setOwn(
    access: Access,
    absent: boolean,
  ): Promise<{ participantId: string; status: ParticipantStatus }> {
    return this.store.mutate(access, 'reportAbsence', async (record) => {
      const inviteId = access.principal.inviteId;
      const invite = inviteId ? record.workflow.invites.find((i) => i.id === inviteId) : undefined;
      const participantId = invite?.participantId;
      if (!participantId) {
        throw new AppError(409, 'noParticipant', 'your invitation is not linked to a participant');
      }
      await this.store.requireHealthy(access.meetingId);
      const status: ParticipantStatus = absent ? 'absent' : 'present';
      const room = await this.rooms.read(access.meetingId, (room) => {
        const participant = readParticipants(room.doc).find((p) => p.id === participantId);
        if (!participant) return null;
        if (participant.status !== status) updateParticipant(room.doc, participantId, { status });
        return { room, name: participant.name };
      });
      if (!room) {
        throw new AppError(409, 'noParticipant', 'your participant is no longer in the document');
      }
      // Durable before the answer, like an edit acknowledged as saved.
      await room.room.persistence.flush();
      return {
        value: { participantId, status },
        save: [],
        notify: false,
        audit: [{ kind: 'absence', detail: { participantId, name: room.name, absent } }],
      };
    });
  }
}
