import type { Transporter } from 'nodemailer';
import type { Config } from '../../core/config.ts';
import type { MailTransport, OutgoingMail } from './Outbox.ts';

/**
 * Mails over SMTP with nodemailer: one connection per mail (the outbox sends
 * one at a time), TLS as configured, timeouts short enough that a dead mail
 * server delays the outbox by seconds, not minutes. nodemailer is loaded
 * with the first mail, not at start-up (it is a large package, and a restart
 * should reach the meetings first).
 */
export function smtpTransport(config: Config): MailTransport {
  let transporter: Promise<Transporter> | null = null;
  const connect = async () => {
    const { default: nodemailer } = await import('nodemailer');
    return nodemailer.createTransport({
      host: config.smtpHost,
      port: config.smtpPort,
      secure: config.smtpSecurity === 'tls',
      requireTLS: config.smtpSecurity === 'starttls',
      ignoreTLS: config.smtpSecurity === 'none',
      ...(config.smtpUser ? { auth: { user: config.smtpUser, pass: config.smtpPassword } } : {}),
      connectionTimeout: 20_000,
      greetingTimeout: 20_000,
      socketTimeout: 60_000,
    });
  };
  const from = { name: config.mailFromName, address: config.mailFrom };
  return {
    async send(mail: OutgoingMail) {
      transporter ??= connect().catch((err: unknown) => {
        transporter = null; // loaded again with the next mail
        throw err;
      });
      const smtp = await transporter;
      await smtp.sendMail({
        from,
        to: { name: mail.to.name, address: mail.to.email },
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        // Mailbox rules and vacation replies leave generated mail alone (RFC 3834).
        headers: { 'Auto-Submitted': 'auto-generated' },
        attachments: mail.attachments.map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content),
        })),
      });
    },
    close: () => void transporter?.then((t) => t.close()).catch(() => {}),
  };
}
