import { can, type Role } from '../../../shared/access/permissions.ts';
import type { CommentMessage, CommentThread, Invite } from '../../../shared/access/workflow.ts';
import type { MailKind } from '../../../shared/mail.ts';
import { isIsoDate } from '../../../shared/meeting.ts';
import { readHeader } from '../../../shared/minutes/layout.ts';
import type { Principal } from '../access/tokens.ts';
import { exportFileName } from '../export/exportMeeting.ts';
import { AppError } from '../../core/errors.ts';
import type { CpuPool } from '../jobs/CpuPool.ts';
import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/log.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { MeetingRecord, MeetingStore } from '../meetings/MeetingStore.ts';
import type { VersionService } from '../versions/VersionService.ts';
import { meetingIcs } from './ics.ts';
import { mailText, type MailDetails, type MeetingFacts } from './mailTexts.ts';
import type { MailAttachment, Outbox, OutboxEntry } from './Outbox.ts';
import { renderMail } from './renderMail.ts';

/**
 * Which approved minutes a role gets attached: none when it may not read
 * them; the public version (closed items left out) for observers, who are
 * often from outside the forum and whose mailbox is beyond its control; the
 * full version for those who took part. Stricter than the app, where every
 * reader may download either.
 */
export function attachmentFor(role: Role): 'full' | 'public' | null {
  if (!can(role, 'approved', 'read')) return null;
  return role === 'observer' ? 'public' : 'full';
}

export interface MailServiceDeps {
  store: MeetingStore;
  /** The open documents: a mail names the meeting's time and place from the live header. */
  rooms: RoomManager;
  outbox: Outbox;
  versions: VersionService;
  cpuPool: CpuPool;
  /** Where links in mails point (config.publicUrl, or the local address). */
  baseUrl: () => string;
  from: { name: string; email: string };
  log: Logger;
  /** The server's clock: the stamp of a calendar invitation (when it was made). */
  now: Clock;
}

/**
 * Which mails a meeting's events make, to whom, in which language: each
 * recipient is an invite with an e-mail address (not revoked), each mail is
 * accepted into the outbox under a key naming its occasion, so the same
 * occasion never mails anyone twice.
 */
export class MailService {
  /** Mails being composed after an event (hooks are synchronous): awaited on close. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: MailServiceDeps) {}

  meetingUrl(meetingId: string): string {
    return `${this.deps.baseUrl()}/m/${meetingId}`;
  }

  /** Runs `compose` after an event; a failure is logged (the event itself stands). */
  later(what: string, meetingId: string, compose: () => Promise<unknown>) {
    const run = compose()
      .catch((err) => this.deps.log.error('mail not composed', { what, meetingId, error: err }))
      .finally(() => this.pending.delete(run));
    this.pending.add(run);
  }

  /** Resolves once every mail composed after an event is in the outbox. */
  async idle(): Promise<void> {
    while (this.pending.size) await Promise.allSettled([...this.pending]);
  }

  /** The meeting's title, date, times and place (the document's header, else the meta). */
  private async facts(record: MeetingRecord): Promise<MeetingFacts> {
    const header = await this.deps.rooms.read(record.meta.id, (room) => readHeader(room.doc));
    return {
      title: header.title.trim() || record.meta.title,
      date: isIsoDate(header.date) ? header.date : record.meta.date,
      start: header.startTime.trim(),
      end: header.endTime.trim(),
      place: header.place.trim(),
      onlineLink: header.onlineLink.trim(),
      commentDeadline: record.meta.commentDeadline,
      approvalDeadline: record.meta.approvalDeadline,
    };
  }

  /** The invites mails can go to. */
  private recipients(record: MeetingRecord): (Invite & { email: string })[] {
    return record.workflow.invites.filter(
      (i): i is Invite & { email: string } => !i.revokedAt && !!i.email,
    );
  }

  private queue(
    key: string,
    kind: MailKind,
    record: MeetingRecord,
    invite: Invite & { email: string },
    facts: MeetingFacts,
    details: Omit<MailDetails, 'recipient' | 'signature'>,
    attachments: MailAttachment[] = [],
  ): Promise<OutboxEntry> {
    const language = invite.language ?? 'da';
    const content = mailText(kind, language, facts, {
      ...details,
      recipient: { name: invite.name, role: invite.role },
      signature: this.deps.from.name,
    });
    return this.deps.outbox.accept({
      key: `${kind}:${record.meta.id}:${key}:${invite.id}`,
      meetingId: record.meta.id,
      kind,
      language,
      to: { name: invite.name, email: invite.email, inviteId: invite.id },
      ...renderMail(content, language),
      attachments,
    });
  }

  private async record(meetingId: string): Promise<MeetingRecord> {
    const record = await this.deps.store.load(meetingId);
    if (!record) throw new AppError(404, 'notFound', 'meeting not found');
    return record;
  }

  /**
   * The invitation to one invite, carrying its personal link (`link`, a
   * path with the credential in the fragment) and the meeting as a
   * calendar event. One mail per link issued.
   */
  async invitation(meetingId: string, invite: Invite, link: string): Promise<OutboxEntry> {
    const record = await this.record(meetingId);
    if (!invite.email) throw new AppError(409, 'noEmail', 'the invite has no e-mail address');
    const facts = await this.facts(record);
    const attachments: MailAttachment[] = [];
    if (facts.date) {
      const ics = meetingIcs({
        uid: `${meetingId}@${this.deps.from.email.split('@')[1]}`,
        date: facts.date,
        start: facts.start,
        end: facts.end,
        summary: facts.title,
        location: facts.place || facts.onlineLink,
        description: facts.onlineLink
          ? `${facts.onlineLink}\n${this.meetingUrl(meetingId)}`
          : this.meetingUrl(meetingId),
        url: this.meetingUrl(meetingId),
        organizer: this.deps.from,
        stamp: new Date(this.deps.now()),
      });
      attachments.push({
        filename: 'invitation.ics',
        contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
        content: ics,
      });
    }
    return this.queue(
      `${invite.linkGeneration ?? 1}`,
      'invitation',
      record,
      { ...invite, email: invite.email },
      facts,
      { url: `${this.deps.baseUrl()}${link}` },
      attachments,
    );
  }

  /** Agenda out (the meeting starts), draft out (comments; approval requests), minutes approved. */
  async phaseChanged(meetingId: string, to: string) {
    const record = await this.record(meetingId);
    const url = this.meetingUrl(meetingId);
    if (to === 'meeting') {
      const facts = await this.facts(record);
      for (const invite of this.recipients(record)) {
        await this.queue('', 'agenda', record, invite, facts, { url });
      }
    } else if (to === 'review') {
      const draft = [...record.workflow.versions].reverse().find((v) => v.kind === 'draft');
      const approvers = new Set((record.workflow.requiredApprovers ?? []).map((a) => a.userId));
      const facts = await this.facts(record);
      for (const invite of this.recipients(record)) {
        const kind = approvers.has(invite.userId) ? 'approvalRequest' : 'draft';
        const mayComment = can(invite.role, 'review', 'comment');
        await this.queue(draft?.id ?? '', kind, record, invite, facts, { url, mayComment });
      }
    } else if (to === 'approved') {
      await this.approved(record, url);
    }
  }

  private async approved(record: MeetingRecord, url: string) {
    const facts = await this.facts(record);
    const pdfs = new Map<'full' | 'public', MailAttachment | null>();
    for (const invite of this.recipients(record)) {
      const variant = attachmentFor(invite.role);
      let pdf: MailAttachment | null = null;
      if (variant) {
        if (!pdfs.has(variant)) pdfs.set(variant, await this.pdf(record, invite, variant));
        pdf = pdfs.get(variant) ?? null;
      }
      const key = record.meta.frozen?.versionId ?? '';
      try {
        await this.queue(
          key,
          'approved',
          record,
          invite,
          facts,
          { url, attached: !!pdf },
          pdf ? [pdf] : [],
        );
      } catch (err) {
        // Too large to mail: the mail goes without it, pointing to the download.
        if (!(pdf && err instanceof AppError && err.code === 'mailTooLarge')) throw err;
        await this.queue(key, 'approved', record, invite, facts, { url, attached: false });
      }
    }
  }

  /** The approved minutes as PDF, rendered as this invitee would download them; null if that fails. */
  private async pdf(
    record: MeetingRecord,
    invite: Invite,
    variant: 'full' | 'public',
  ): Promise<MailAttachment | null> {
    const meetingId = record.meta.id;
    const principal: Principal = {
      userId: invite.userId,
      name: invite.name,
      role: invite.role,
      meetingId,
      inviteId: invite.id,
      credential: { kind: 'invite', inviteId: invite.id, generation: invite.linkGeneration ?? 1 },
      tokenId: 'mail',
      expiresAt: 0,
    };
    try {
      const access = { principal, role: invite.role, meetingId };
      const { state, document } = await this.deps.versions.documentForExport(access);
      const publicVersion = variant === 'public';
      const { body } = await this.deps.cpuPool.exportMeeting(state, document, 'pdf', publicVersion);
      return {
        filename: exportFileName(state, 'pdf', publicVersion),
        contentType: 'application/pdf',
        content: typeof body === 'string' ? body : new Uint8Array(body),
      };
    } catch (err) {
      this.deps.log.error('approved minutes not rendered for mail', { meetingId, error: err });
      return null;
    }
  }

  /** Mails everyone mentioned in a new comment (by participant id), except its author. */
  async commentPosted(meetingId: string, _thread: CommentThread, message: CommentMessage) {
    if (message.mentions.length === 0) return;
    const record = await this.record(meetingId);
    const mentioned = new Set(message.mentions);
    const recipients = this.recipients(record).filter(
      (i) => i.participantId && mentioned.has(i.participantId) && i.userId !== message.authorId,
    );
    if (recipients.length === 0) return;
    const facts = await this.facts(record);
    for (const invite of recipients) {
      await this.queue(message.id, 'mention', record, invite, facts, {
        url: this.meetingUrl(meetingId),
        author: message.authorName,
        comment: message.text,
      });
    }
  }

  /** Reminds the required approvers who have not approved yet (once per draft and deadline). */
  async remindApprovers(meetingId: string) {
    const record = await this.record(meetingId);
    const deadline = record.meta.approvalDeadline;
    if (record.meta.phase !== 'review' || !deadline) return;
    const approved = new Set(
      record.workflow.approvals.filter((a) => !a.voidedAt).map((a) => a.userId),
    );
    const waiting = new Set(
      (record.workflow.requiredApprovers ?? [])
        .filter((a) => !approved.has(a.userId))
        .map((a) => a.userId),
    );
    const draft = [...record.workflow.versions].reverse().find((v) => v.kind === 'draft');
    const facts = await this.facts(record);
    for (const invite of this.recipients(record)) {
      if (!waiting.has(invite.userId)) continue;
      await this.queue(`${draft?.id}:${deadline}`, 'approvalReminder', record, invite, facts, {
        url: this.meetingUrl(meetingId),
      });
    }
  }

  async close() {
    await this.idle();
  }
}
