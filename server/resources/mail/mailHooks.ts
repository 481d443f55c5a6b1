import type { RoomHooks } from '../../collab/Room.ts';
import type { MeetingStore } from '../meetings/MeetingStore.ts';
import type { ApprovalReminders } from './ApprovalReminders.ts';
import type { MailService } from './MailService.ts';

/**
 * The mails that follow a meeting's events: the agenda when the meeting
 * starts, the draft (and approval requests) when it is sent, the approved
 * minutes, @mentions; the approval reminder follows the phase and deadline.
 */
export function watchMail(
  hooks: RoomHooks,
  store: MeetingStore,
  mails: MailService,
  reminders: ApprovalReminders,
) {
  hooks.on('phaseChanged', (meetingId, from, to) => {
    const meta = store.peek(meetingId)?.meta;
    if (meta) reminders.schedule(meta);
    // Withdrawing the draft (review -> meeting) sends nothing.
    if (to === 'meeting' && from !== 'agenda') return;
    mails.later(`phase ${to}`, meetingId, () => mails.phaseChanged(meetingId, to));
  });
  hooks.on('commentPosted', (meetingId, thread, message) => {
    mails.later('mention', meetingId, () => mails.commentPosted(meetingId, thread, message));
  });
}
