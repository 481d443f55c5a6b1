import type { MeetingMeta } from '../../../shared/meeting.ts';
import { systemClock, type Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { MeetingStorage } from '../../storage/MeetingStorage.ts';
import type { MailService } from './MailService.ts';

/** setTimeout's longest delay; a later reminder is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The offset of Danish time from UTC at instant `t` (ms). */
function copenhagenOffset(t: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Copenhagen',
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    })
      .formatToParts(t)
      .map((p) => [p.type, Number(p.value)]),
  );
  const local = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute);
  return local - Math.floor(t / 60_000) * 60_000;
}

/** The instant of `hour`:00 Danish time on `date` (YYYY-MM-DD) plus `days`. */
export function copenhagenTime(date: string, days: number, hour: number): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d + days, hour);
  let t = wall - copenhagenOffset(wall);
  t = wall - copenhagenOffset(t);
  return t;
}

/**
 * Reminders before the approval deadline: at 09:00 Danish time, `days`
 * before the deadline day, to the approvers who have not approved. Nothing
 * of it is kept but the deadline itself: on start every meeting in review
 * with a deadline is scheduled again from its meta, a reminder already due
 * goes at once (until the deadline day is over), and the outbox's key makes
 * a reminder sent before the restart not go twice.
 */
export class ApprovalReminders {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly mails: MailService,
    /** The meetings: their stored deadlines are scheduled again on start. */
    private readonly meetings: MeetingStorage,
    private readonly days: number,
    private readonly log: Logger,
    /** The server's clock: when 09:00 on the reminder's day has come. */
    private readonly now: Clock = systemClock,
  ) {}

  async start() {
    for (const meta of await this.meetings.list()) this.schedule(meta);
  }

  /** (Re)schedules the meeting's reminder from its meta; none outside review or without a deadline. */
  schedule(meta: MeetingMeta) {
    this.cancel(meta.id);
    if (this.closed || meta.phase !== 'review' || !meta.approvalDeadline) return;
    const due = copenhagenTime(meta.approvalDeadline, -this.days, 9);
    const over = copenhagenTime(meta.approvalDeadline, 1, 0);
    const wait = () => {
      const now = this.now();
      if (now >= over) return;
      if (now < due) {
        const timer = setTimeout(wait, Math.min(MAX_TIMER_MS, due - now));
        timer.unref();
        this.timers.set(meta.id, timer);
        return;
      }
      this.timers.delete(meta.id);
      this.mails.later('approval reminder', meta.id, () => this.mails.remindApprovers(meta.id));
    };
    wait();
    this.log.debug('approval reminder scheduled', { meetingId: meta.id, due: new Date(due) });
  }

  cancel(meetingId: string) {
    clearTimeout(this.timers.get(meetingId));
    this.timers.delete(meetingId);
  }

  close() {
    this.closed = true;
    for (const id of [...this.timers.keys()]) this.cancel(id);
  }
}
