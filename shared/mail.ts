/** The languages mails are written in (Danish unless the invite says English). */
export const MAIL_LANGUAGES = ['da', 'en'] as const;
export type MailLanguage = (typeof MAIL_LANGUAGES)[number];

/** What a mail is about; one kind per occasion (server/resources/mail/mailTexts.ts). */
export const MAIL_KINDS = [
  'invitation',
  'agenda',
  'draft',
  'approvalRequest',
  'approvalReminder',
  'mention',
  'approved',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * Where one mail to one recipient is: `queued` (waiting for its first or
 * next attempt), `sending` (handed to the mail server now), `sent` (the mail
 * server accepted it), `failed` (refused for good, or out of attempts).
 */
export type MailStatus = 'queued' | 'sending' | 'sent' | 'failed';

/** One mail as the secretariat sees its delivery (GET /api/meetings/:id/mails). */
export interface MailView {
  id: string;
  kind: MailKind;
  to: { name: string; email: string; inviteId?: string };
  subject: string;
  status: MailStatus;
  attempts: number;
  createdAt: string;
  /** When the next attempt is due (queued after a failed attempt). */
  nextAttemptAt?: string;
  /** The mail server's answer (or the connection error) of the last failed attempt. */
  lastError?: string;
  sentAt?: string;
  failedAt?: string;
}
