import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail the receiver accepted: the envelope and the parsed message. */
export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  parsed: ParsedMail;
  messageId: string;
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** How the receiver answers: a refusal (code and text) at RCPT TO or DATA, or acceptance. */
export type Refusal = { at: 'rcpt' | 'data'; code: number; message: string } | null;

/**
 * A real SMTP server (the smtp-server package) on loopback that keeps what it
 * receives, parsed with mailparser. `refuse` makes it answer RCPT TO or DATA
 * with an error (4xx: try again later; 5xx: never) until set back to null.
 */
export async function startSmtpReceiver() {
  const mails: ReceivedMail[] = [];
  const state = { refuse: null as Refusal, refusals: 0 };
  const refusal = (at: 'rcpt' | 'data') => {
    const r = state.refuse;
    if (!r || r.at !== at) return null;
    state.refusals++;
    return Object.assign(new Error(r.message), { responseCode: r.code });
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      callback(refusal('rcpt') ?? undefined);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = refusal('data');
        if (refused) return callback(refused);
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            mails.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              raw,
              parsed,
              messageId: parsed.messageId ?? '',
              to: session.envelope.rcptTo.map((r) => r.address).join(','),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      });
    },
  });
  // A sender killed mid-session (the kill -9 tests) resets its connection: that is
  // the sender's business, not a failure of the receiver, so it is counted, not thrown.
  const connectionErrors: Error[] = [];
  server.on('error', (err) => connectionErrors.push(err));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    state,
    connectionErrors,
    /** Mails to one address. */
    to: (address: string) => mails.filter((m) => m.envelopeTo.includes(address)),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
export type SmtpReceiver = Awaited<ReturnType<typeof startSmtpReceiver>>;

/** The server config that sends to `receiver` (plain SMTP on loopback, quick retries). */
export function mailConfig(receiver: { port: number } | null) {
  return {
    ...(receiver ? { smtpHost: '127.0.0.1', smtpPort: receiver.port } : {}),
    smtpSecurity: 'none' as const,
    mailFrom: 'sekretariat@referat.test',
    mailFromName: 'Sekretariatet for Driftsforum',
    mailRetryMs: 20,
    mailRetryMaxMs: 200,
  };
}

/** An iCalendar file's content lines, unfolded (RFC 5545 3.1), as name(with params) -> value. */
export function parseIcs(ics: string): {
  lines: string[];
  physical: string[];
  get(name: string): string[];
} {
  const physical = ics.split('\r\n');
  const lines = ics
    .replace(/\r\n[ \t]/g, '')
    .split('\r\n')
    .filter(Boolean);
  return {
    lines,
    physical,
    get: (name: string) =>
      lines
        .filter((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
        .map((l) => l.slice(l.indexOf(':') + 1)),
  };
}

/** An iCalendar TEXT value read back (RFC 5545 3.3.11). */
export function unescapeIcsText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
