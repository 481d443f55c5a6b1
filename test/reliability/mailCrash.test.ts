import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MailView } from '../../shared/mail.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { createMeetingAt, organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { startSmtpReceiver } from '../helpers/smtp.ts';
import { tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';

const cleanup = useCleanups();

describe('outbox across kill -9 (issue 15, acceptance 5)', () => {
  it('delivers a mail accepted before a kill -9 exactly once after the restart', async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    const smtp = await startSmtpReceiver();
    cleanup(() => smtp.close());
    // The mail server says "try later" until the server is killed.
    smtp.state.refuse = { at: 'rcpt', code: 451, message: 'Try again later' };
    const env = {
      REFERAT_SMTP_HOST: '127.0.0.1',
      REFERAT_SMTP_PORT: String(smtp.port),
      REFERAT_SMTP_SECURITY: 'none',
      REFERAT_MAIL_FROM: 'sekretariat@referat.test',
      // One attempt before the kill, then a long backoff.
      REFERAT_MAIL_RETRY_MS: '600000',
    };
    const start = async () => {
      const server = await spawnServer({ dataDir: data.dir, env });
      cleanup(() => void server.child.kill('SIGKILL'));
      const base = `http://127.0.0.1:${server.port}`;
      return { ...server, base, token: await organiserSignIn(base) };
    };
    const call = async (s: { base: string; token: string }, pathname: string, body?: unknown) => {
      const res = await fetch(`${s.base}/api${pathname}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    /** Invites someone with an address and mails the invitation; resolves when it is accepted. */
    const mailInvitation = async (
      s: { base: string; token: string },
      id: string,
      email: string,
    ) => {
      const made = await call(s, `/meetings/${id}/invites`, { name: email, email, role: 'member' });
      expect(made.status).toBe(201);
      const inviteId = (made.json.invite as { id: string }).id;
      const mailed = await call(s, `/meetings/${id}/invites/${inviteId}/mail`, {});
      expect(mailed.status).toBe(201);
      return mailed.json.mail as MailView;
    };
    const statusOf = async (s: { base: string; token: string }, id: string, mailId: string) =>
      ((await call(s, `/meetings/${id}/mails`)).json.mails as MailView[]).find(
        (m) => m.id === mailId,
      )?.status;

    let server = await start();
    const id = await createMeetingAt(server.base, server.token, 'Driftsforum');
    const accepted = await mailInvitation(server, id, 'anne@region.test');
    // Accepted = on disk, private to the server's user.
    const file = path.join(data.dir, 'outbox', `${accepted.id}.json`);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    await waitFor(() => smtp.state.refusals >= 1, 'the first attempt was refused');
    server.child.kill('SIGKILL');
    await server.exited;
    expect(smtp.mails).toHaveLength(0);

    smtp.state.refuse = null;
    server = await start();
    await waitFor(() => smtp.mails.length >= 1, 'the mail arrived after the restart');
    await waitFor(async () => (await statusOf(server, id, accepted.id)) === 'sent', 'marked sent');
    // Kill again after it was marked sent: the next server must not send it again. The
    // outbox sends oldest first, so once a later mail arrived, a second copy would have too.
    server.child.kill('SIGKILL');
    await server.exited;
    server = await start();
    const later = await mailInvitation(server, id, 'bo@kommune.test');
    await waitFor(() => smtp.to('bo@kommune.test').length === 1, 'a later mail arrived');
    await waitFor(
      async () => (await statusOf(server, id, later.id)) === 'sent',
      'later marked sent',
    );

    const first = smtp.to('anne@region.test');
    expect(first).toHaveLength(1);
    expect(first[0].messageId).toBe(`<${accepted.id}@referat.test>`);
    expect(first[0].subject).toMatch(/^Invitation: Driftsforum/);
    expect(smtp.mails).toHaveLength(2);
    server.child.kill('SIGKILL');
  });
});
