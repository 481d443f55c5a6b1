import { createHash } from 'node:crypto';
import type { MailKind, MailLanguage, MailView } from '../../../shared/mail.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { OutboxStorage } from '../../storage/OutboxStorage.ts';

/** A file attached to a mail. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array | string;
}

/** One mail to one recipient, as it is handed to the mail server. */
export interface OutgoingMail {
  /** Stable per mail: a second delivery of the same mail carries the same Message-ID. */
  messageId: string;
  to: { name: string; email: string };
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** Hands a mail to the mail server; rejects with the server's answer when it is refused. */
export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A mail accepted for sending. */
export interface NewMail {
  /**
   * What makes this mail this mail (e.g. "mention:<meeting>:<message>:<invite>"):
   * accepting the same key again gives the mail accepted first, so an event
   * seen twice (a hook after a restart, a timer) never mails twice.
   */
  key: string;
  meetingId: string;
  kind: MailKind;
  language: MailLanguage;
  to: { name: string; email: string; inviteId?: string };
  subject: string;
  text: string;
  html: string;
  attachments?: MailAttachment[];
}

/** An outbox entry as stored: the delivery status, and the mail itself until it is sent. */
export interface OutboxEntry extends MailView {
  meetingId: string;
  messageId: string;
  language: MailLanguage;
  content?: {
    text: string;
    html: string;
    attachments: { filename: string; contentType: string; base64: string }[];
  };
}

export interface OutboxOptions {
  /** Mails not yet sent, at most (503 beyond). */
  maxQueued: number;
  /** Largest mail accepted (413 beyond). */
  maxBytes: number;
  /** Wait before the second attempt, doubled after each failure… */
  retryMs: number;
  /** …up to this. */
  retryMaxMs: number;
  /** Attempts before giving up. */
  maxAttempts: number;
  /** The domain of the Message-IDs (the sender's). */
  domain: string;
}

/** setTimeout's longest delay; a later due time is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The persistent outbox: a mail is written to disk (fsync'd, one file per
 * mail) before it counts as accepted, then sent by one loop, one mail at a
 * time, with retries and capped exponential backoff. It is marked sent on
 * disk as soon as the mail server accepted it (and its text dropped); at
 * start every mail not marked sent is sent. A crash between the server's
 * acceptance and the mark would send that mail again, with the same
 * Message-ID, so the copy can be recognised.
 */
export class Outbox {
  private readonly entries = new Map<string, OutboxEntry>();
  /** Accepts in progress by id: the same key accepted twice at once writes once. */
  private readonly accepting = new Map<string, Promise<OutboxEntry>>();
  private timer: NodeJS.Timeout | null = null;
  private pumping: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly storage: OutboxStorage,
    /** null: no mail server configured; mails wait, shown as not sent. */
    private readonly transport: MailTransport | null,
    private readonly options: OutboxOptions,
    private readonly log: Logger,
  ) {}

  get configured(): boolean {
    return this.transport !== null;
  }

  /** Loads the stored outbox and starts sending what is not sent yet. */
  async start(): Promise<void> {
    for (const raw of await this.storage.readAll()) {
      const entry = raw as OutboxEntry;
      if (typeof entry?.id !== 'string') continue;
      // Interrupted mid-send by a stop: whether it went out is unknown, so it goes again.
      if (entry.status === 'sending') entry.status = 'queued';
      // A restart is when a mail setting was likely fixed: waiting mails go now, not at their backoff.
      if (entry.status === 'queued') delete entry.nextAttemptAt;
      this.entries.set(entry.id, entry);
    }
    const waiting = [...this.entries.values()].filter((e) => e.status === 'queued').length;
    if (waiting > 0) {
      this.log.info('outbox: mails to send', { waiting, configured: this.configured });
    }
    this.kick();
  }

  /**
   * Accepts a mail: resolves once it is stored durably (then it will be
   * sent, across restarts); the same key again resolves to the first mail.
   */
  accept(mail: NewMail): Promise<OutboxEntry> {
    const id = createHash('sha256').update(mail.key).digest('hex').slice(0, 32);
    const known = this.entries.get(id) ?? this.accepting.get(id);
    if (known) return Promise.resolve(known);
    const pending = this.store(id, mail).finally(() => this.accepting.delete(id));
    this.accepting.set(id, pending);
    return pending;
  }

  /** Throws (503) unless another mail can be accepted now. */
  checkRoom() {
    if (this.closed) throw new AppError(503, 'busy', 'the server is shutting down');
    let waiting = this.accepting.size;
    for (const e of this.entries.values())
      if (e.status === 'queued' || e.status === 'sending') waiting++;
    if (waiting >= this.options.maxQueued) {
      throw new AppError(
        503,
        'outboxFull',
        `${this.options.maxQueued} mails are waiting to be sent already; try again later`,
      );
    }
  }

  private async store(id: string, mail: NewMail): Promise<OutboxEntry> {
    this.checkRoom();
    const attachments = (mail.attachments ?? []).map((a) => ({
      filename: a.filename,
      contentType: a.contentType,
      base64: Buffer.from(a.content).toString('base64'),
    }));
    const bytes =
      Buffer.byteLength(mail.text) +
      Buffer.byteLength(mail.html) +
      attachments.reduce((n, a) => n + a.base64.length, 0);
    if (bytes > this.options.maxBytes) {
      throw new AppError(
        413,
        'mailTooLarge',
        `the mail would be ${bytes} bytes; at most ${this.options.maxBytes} are sent`,
      );
    }
    const entry: OutboxEntry = {
      id,
      messageId: `<${id}@${this.options.domain}>`,
      meetingId: mail.meetingId,
      kind: mail.kind,
      language: mail.language,
      to: mail.to,
      subject: mail.subject,
      status: 'queued',
      attempts: 0,
      createdAt: new Date().toISOString(),
      content: { text: mail.text, html: mail.html, attachments },
    };
    await this.storage.write(id, entry);
    this.entries.set(id, entry);
    this.kick();
    return entry;
  }

  /** The delivery status of a meeting's mails, oldest first (never their text). */
  list(meetingId: string): MailView[] {
    return [...this.entries.values()]
      .filter((e) => e.meetingId === meetingId)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(mailView);
  }

  /** Stops sending (after the mail being sent now is marked) and closes the transport. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([this.pumping, ...this.accepting.values()]);
    this.transport?.close();
  }

  /** Sends what is due now (unless a send loop runs already), then waits for the next due time. */
  private kick() {
    if (this.pumping || this.closed || !this.transport) return;
    this.pumping = this.pump().finally(() => {
      this.pumping = null;
      this.schedule();
    });
  }

  private async pump() {
    while (!this.closed) {
      const now = Date.now();
      let due: OutboxEntry | undefined;
      for (const e of this.entries.values()) {
        if (e.status !== 'queued' || Date.parse(e.nextAttemptAt ?? '') > now) continue;
        if (!due || e.createdAt < due.createdAt) due = e;
      }
      if (!due) return;
      await this.attempt(due);
    }
  }

  private schedule() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.closed || !this.transport) return;
    let next = Infinity;
    for (const e of this.entries.values()) {
      if (e.status === 'queued') next = Math.min(next, Date.parse(e.nextAttemptAt ?? '') || 0);
    }
    if (next === Infinity) return;
    const delay = Math.min(MAX_TIMER_MS, Math.max(0, next - Date.now()));
    this.timer = setTimeout(() => this.kick(), delay);
    this.timer.unref();
  }

  private async attempt(entry: OutboxEntry) {
    const content = entry.content;
    if (!content) {
      // Stored without its text (cannot happen unless edited by hand): nothing to send.
      const now = new Date().toISOString();
      return this.settle({ ...entry, status: 'failed', failedAt: now, lastError: 'no content' });
    }
    entry.status = 'sending';
    entry.attempts += 1;
    try {
      await this.transport!.send({
        messageId: entry.messageId,
        to: entry.to,
        subject: entry.subject,
        text: content.text,
        html: content.html,
        attachments: content.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.base64, 'base64'),
        })),
      });
    } catch (err) {
      const { message, permanent } = describeRefusal(err);
      const { nextAttemptAt: _next, ...rest } = entry;
      if (permanent || entry.attempts >= this.options.maxAttempts) {
        this.log.warn('mail failed for good', { id: entry.id, kind: entry.kind, error: message });
        const failedAt = new Date().toISOString();
        return this.settle({ ...rest, status: 'failed', failedAt, lastError: message });
      }
      const wait = Math.min(
        this.options.retryMaxMs,
        this.options.retryMs * 2 ** Math.min(30, entry.attempts - 1),
      );
      this.log.info('mail not sent; will retry', { id: entry.id, wait, error: message });
      const nextAttemptAt = new Date(Date.now() + wait).toISOString();
      return this.settle({ ...rest, status: 'queued', nextAttemptAt, lastError: message });
    }
    // Sent: the text is not kept (the status is), so the outbox stays small.
    const { nextAttemptAt: _n, lastError: _e, content: _c, ...sent } = entry;
    await this.settle({ ...sent, status: 'sent', sentAt: new Date().toISOString() });
  }

  /**
   * Writes the entry's new status, and only then shows it: whoever sees
   * "sent" may rely on it surviving a crash. If the write fails, memory
   * takes the status anyway (this run will not send the mail again) and the
   * failure is logged: after a restart a mail marked sent only in memory
   * would go out again.
   */
  private async settle(next: OutboxEntry) {
    try {
      await this.storage.write(next.id, next);
    } catch (err) {
      this.log.error('outbox status not written', {
        id: next.id,
        status: next.status,
        error: err,
      });
    }
    this.entries.set(next.id, next);
  }
}

/** What the secretariat sees of an entry: its delivery, never its text. */
export function mailView(entry: OutboxEntry): MailView {
  const { content: _c, meetingId: _m, messageId: _id, language: _l, ...view } = entry;
  return view;
}

/** The mail server's answer (or the connection error), and whether retrying is pointless (5xx). */
export function describeRefusal(err: unknown): { message: string; permanent: boolean } {
  const e = err as {
    response?: unknown;
    responseCode?: unknown;
    message?: unknown;
    code?: unknown;
  };
  const code = typeof e?.responseCode === 'number' ? e.responseCode : 0;
  const text =
    typeof e?.response === 'string' && e.response
      ? e.response
      : `${typeof e?.code === 'string' ? `${e.code}: ` : ''}${String(e?.message ?? err)}`;
  return { message: text.slice(0, 500), permanent: code >= 500 && code < 600 };
}
