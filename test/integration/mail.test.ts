import { describe, expect, it } from 'vitest';
import type { Role } from '../../shared/access/permissions.ts';
import type { AuditEntry, Invite } from '../../shared/access/workflow.ts';
import type { MailView } from '../../shared/mail.ts';
import { addParticipant, setHeaderField } from '../../shared/minutes/operations.ts';
import { dayBefore } from '../../shared/rosters/roster.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import {
  mailConfig,
  parseIcs,
  startSmtpReceiver,
  unescapeIcsText,
  type SmtpReceiver,
} from '../helpers/smtp.ts';
import { TestClock } from '../helpers/clock.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { anchorOn, firstItemId, getState, syncedClient } from '../helpers/workflow.ts';

const cleanup = useCleanups();

const HOSTILE = '<img src=x onerror=alert(1)>';
const POLISH = 'Łukasz Żółć';
const TITLE =
  'Driftsforum Voksenpsykiatri – Klynge MIDT, møde om «sengepladser» & ventetider; 2. halvår';
const PLACE = 'Regionshuset, Skottenborg 26; lokale 3\\4';

async function receiver(): Promise<SmtpReceiver> {
  const smtp = await startSmtpReceiver();
  cleanup(() => smtp.close());
  return smtp;
}

/** A meeting with a full header (date, times, a place with , ; \). */
async function meeting(server: TestServer): Promise<string> {
  const id = await server.createMeeting(TITLE, 'driftsforum');
  const room = await server.rooms.read(id, (r) => {
    setHeaderField(r.doc, 'title', TITLE);
    setHeaderField(r.doc, 'date', '2030-06-12');
    setHeaderField(r.doc, 'startTime', '10:00');
    setHeaderField(r.doc, 'endTime', '12.30');
    setHeaderField(r.doc, 'place', PLACE);
    return r;
  });
  await room.persistence.flush();
  return id;
}

async function invite(
  server: TestServer,
  id: string,
  body: {
    name: string;
    email?: string;
    role: Role;
    approver?: boolean;
    language?: 'da' | 'en';
    participantId?: string;
  },
) {
  const res = await server.api(`/meetings/${id}/invites`, { body });
  expect(res.status).toBe(201);
  const made = (await res.json()) as { invite: Invite; credential: string };
  return { ...made, token: await server.accessFor(made.credential) };
}

async function mails(server: TestServer, id: string, token?: string | null) {
  const res = await server.api(`/meetings/${id}/mails`, { token });
  expect(res.status).toBe(200);
  return (await res.json()) as { configured: boolean; mails: MailView[] };
}

const phase = async (server: TestServer, id: string, body: Record<string, unknown>) => {
  const res = await server.api(`/meetings/${id}/phase`, { body });
  expect(res.status, await res.clone().text()).toBe(200);
};

/** Monday 3 June 2030, noon in Copenhagen: the servers' day, so no deadline depends on the real one. */
const MONDAY = '2030-06-03T10:00:00Z';

describe('e-mail (issue 15)', () => {
  it('sends the invitation with a personal link, escaped names and a valid calendar event', async () => {
    const smtp = await receiver();
    const clock = new TestClock(MONDAY);
    const { server } = await startTempServer(cleanup, mailConfig(smtp), { now: clock.now });
    const id = await meeting(server);
    const hostile = await invite(server, id, {
      name: HOSTILE,
      email: 'x@kommune.test',
      role: 'member',
    });
    const polish = await invite(server, id, {
      name: POLISH,
      email: 'lukasz@region.test',
      role: 'member',
      language: 'en',
    });

    const res = await server.api(`/meetings/${id}/invites/${hostile.invite.id}/mail`, { body: {} });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { mail: MailView }).mail.status).toMatch(/queued|sending|sent/);
    expect(
      (await server.api(`/meetings/${id}/invites/${polish.invite.id}/mail`, { body: {} })).status,
    ).toBe(201);
    await waitFor(() => smtp.mails.length === 2, 'both invitations arrived');

    const [mail] = smtp.to('x@kommune.test');
    expect(mail.subject).toBe(`Invitation: ${TITLE} den 12. juni 2030`);
    expect(mail.parsed.from?.value[0]).toMatchObject({
      address: 'sekretariat@referat.test',
      name: 'Sekretariatet for Driftsforum',
    });
    expect(
      mail.parsed.to && !Array.isArray(mail.parsed.to) ? mail.parsed.to.value[0].name : '',
    ).toBe(HOSTILE);
    expect(mail.text).toContain(`Kære ${HOSTILE}`);
    expect(mail.text).toContain('Du inviteres hermed til');
    expect(mail.text).toContain('onsdag den 12. juni 2030');
    expect(mail.html).toContain('Kære &lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).toContain('«sengepladser»');
    expect(mail.html).toContain('&amp; ventetider');
    // The personal link: a new generation, the earlier link no longer works.
    const link = /http:\/\/[\w.]+:\d+\/m\/[^\s#]+#invite=(\S+)/.exec(mail.text);
    expect(link).not.toBeNull();
    expect(link![0].startsWith(`${server.base}/m/${id}#invite=`)).toBe(true);
    await server.accessFor(link![1]);
    const old = await server.api('/session/token', {
      body: { credential: hostile.credential },
      token: null,
    });
    expect(old.status).toBe(401);
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@referat\.test>$/);

    // The calendar event.
    const icsPart = mail.parsed.attachments.find((a) => a.filename === 'invitation.ics');
    expect(icsPart?.contentType).toBe('text/calendar');
    const raw = icsPart!.content.toString('utf8');
    expect(raw.endsWith('\r\n')).toBe(true);
    expect(raw.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    const ics = parseIcs(raw);
    for (const line of ics.physical) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.physical.some((l) => l.startsWith(' '))).toBe(true); // the long summary was folded
    expect(ics.get('BEGIN')).toEqual(['VCALENDAR', 'VTIMEZONE', 'DAYLIGHT', 'STANDARD', 'VEVENT']);
    expect(ics.get('UID')).toEqual([`${id}@referat.test`]);
    // When the event was made, by the server's clock.
    expect(ics.get('DTSTAMP')).toEqual(['20300603T100000Z']);
    expect(ics.lines).toContain('DTSTART;TZID=Europe/Copenhagen:20300612T100000');
    expect(ics.lines).toContain('DTEND;TZID=Europe/Copenhagen:20300612T123000');
    expect(unescapeIcsText(ics.get('SUMMARY')[0])).toBe(TITLE);
    expect(ics.get('LOCATION')[0]).toBe('Regionshuset\\, Skottenborg 26\\; lokale 3\\\\4');
    expect(unescapeIcsText(ics.get('LOCATION')[0])).toBe(PLACE);
    expect(ics.lines.find((l) => l.startsWith('ORGANIZER'))).toBe(
      'ORGANIZER;CN="Sekretariatet for Driftsforum":mailto:sekretariat@referat.test',
    );

    const [english] = smtp.to('lukasz@region.test');
    expect(english.subject).toBe(`Invitation: ${TITLE} on 12 June 2030`);
    expect(english.text).toContain(`Dear ${POLISH}`);
    expect(english.html).toContain(`Dear ${POLISH}`);

    // Status and audit.
    await waitFor(
      async () => (await mails(server, id)).mails.every((m) => m.status === 'sent'),
      'marked sent',
    );
    const audit = (await server.storage.audit.read(id)) as AuditEntry[];
    const mailed = audit.filter((e) => e.kind === 'invite-mail');
    expect(mailed.map((e) => e.detail.email)).toEqual(['x@kommune.test', 'lukasz@region.test']);
    expect(audit.filter((e) => e.kind === 'invite-link')).toHaveLength(2);
  });

  it('mails the agenda, the draft with its deadlines, approval requests and the approved minutes with the PDF', async () => {
    const smtp = await receiver();
    const clock = new TestClock(MONDAY);
    const { server } = await startTempServer(cleanup, mailConfig(smtp), { now: clock.now });
    const id = await meeting(server);
    const chair = await invite(server, id, {
      name: 'Anne Formand',
      email: 'anne@region.test',
      role: 'member',
      approver: true,
    });
    await invite(server, id, { name: POLISH, email: 'lukasz@region.test', role: 'member' });
    await invite(server, id, {
      name: 'Olga Observatør',
      email: 'olga@presse.test',
      role: 'observer',
    });
    await invite(server, id, { name: 'Uden Adresse', role: 'member' });
    const revoked = await invite(server, id, {
      name: 'Trukket Tilbage',
      email: 'gone@region.test',
      role: 'member',
    });
    expect(
      (await server.api(`/meetings/${id}/invites/${revoked.invite.id}`, { method: 'DELETE' }))
        .status,
    ).toBe(200);

    await phase(server, id, { to: 'meeting' });
    await waitFor(() => smtp.mails.length === 3, 'the agenda went to the three with an address');
    expect(smtp.mails.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'anne@region.test',
      'lukasz@region.test',
      'olga@presse.test',
    ]);
    expect(smtp.mails.every((m) => m.subject === `Dagsorden: ${TITLE} den 12. juni 2030`)).toBe(
      true,
    );

    await phase(server, id, {
      to: 'review',
      commentDeadline: '2030-06-07',
      approvalDeadline: '2030-06-14',
    });
    await waitFor(() => smtp.mails.length === 6, 'the draft went out');
    const [request] = smtp.to('anne@region.test').slice(1);
    expect(request.subject).toBe(`Udkast til referat til godkendelse: ${TITLE} den 12. juni 2030`);
    expect(request.text).toContain('Godkendelse senest:');
    expect(request.text).toContain('godkend det i Referat senest fredag den 14. juni 2030.');
    const [draft] = smtp.to('lukasz@region.test').slice(1);
    expect(draft.subject).toBe(`Udkast til referat til kommentering: ${TITLE} den 12. juni 2030`);
    expect(draft.text).toContain('Kommentarer bedes givet senest fredag den 7. juni 2030.');
    const [observed] = smtp.to('olga@presse.test').slice(1);
    expect(observed.text).toContain('Du kan læse udkastet i Referat.');

    const state = await getState(server, id, chair.token);
    const res = await server.approve(id, chair.token, state.contentHash);
    expect(res.status).toBe(200);
    await waitFor(() => smtp.mails.length === 9, 'the approved minutes went out');
    const approved = smtp.mails.slice(6);
    expect(
      approved.every((m) => m.subject === `Godkendt referat: ${TITLE} den 12. juni 2030`),
    ).toBe(true);
    const pdfOf = (address: string) =>
      smtp
        .to(address)
        .at(-1)!
        .parsed.attachments.find((a) => a.contentType === 'application/pdf');
    const full = pdfOf('anne@region.test');
    expect(full?.content.subarray(0, 5).toString()).toBe('%PDF-');
    expect(full?.filename).not.toContain('offentlig');
    // The observer gets the public version (closed items left out).
    expect(pdfOf('olga@presse.test')?.filename).toContain('offentlig');
    const list = (await mails(server, id)).mails;
    expect(list.map((m) => m.kind).sort()).toEqual(
      [
        'agenda',
        'agenda',
        'agenda',
        'approvalRequest',
        'draft',
        'draft',
        'approved',
        'approved',
        'approved',
      ].sort(),
    );
    expect(list.find((m) => m.to.email === 'gone@region.test')).toBeUndefined();
  });

  it('mails the participant mentioned in a comment, once, never its author', async () => {
    const smtp = await receiver();
    const { server } = await startTempServer(cleanup, mailConfig(smtp));
    const id = await meeting(server);
    const ids = await server.rooms.read(id, (r) => ({
      polish: addParticipant(r.doc, {
        name: POLISH,
        title: '',
        role: '',
        organisation: 'Region',
        status: 'present',
      }),
      author: addParticipant(r.doc, {
        name: 'Karen Skriver',
        title: '',
        role: '',
        organisation: 'Kommune',
        status: 'present',
      }),
    }));
    const mentioned = await invite(server, id, {
      name: POLISH,
      email: 'lukasz@region.test',
      role: 'member',
      participantId: ids.polish,
    });
    const author = await invite(server, id, {
      name: 'Karen Skriver',
      email: 'karen@kommune.test',
      role: 'member',
      participantId: ids.author,
    });
    const client = await syncedClient(server, id, author.token, cleanup);
    const item = firstItemId(client.doc);
    const text = `@${POLISH} og @Karen Skriver: se ${HOSTILE} – kan I bekræfte tallene?`;
    const res = await server.api(`/meetings/${id}/comments`, {
      token: author.token,
      body: {
        itemId: item,
        anchor: anchorOn(client.doc, item, 'dagsordenen'),
        quote: 'dagsordenen',
        text,
      },
    });
    expect(res.status).toBe(201);
    const thread = ((await res.json()) as { thread: { id: string } }).thread;
    await server.mails.idle();
    await waitFor(() => smtp.mails.length === 1, 'the mention arrived');
    const [mail] = smtp.mails;
    expect(mail.envelopeTo).toEqual(['lukasz@region.test']);
    expect(mail.subject).toBe(`Karen Skriver har nævnt dig i en kommentar: ${TITLE}`);
    expect(mail.text).toContain(`> ${text}`);
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(mail.html).not.toContain('<img');
    // A reply mentions the author; resolving the thread mails nobody.
    const reply = await server.api(`/meetings/${id}/comments/${thread.id}/replies`, {
      token: mentioned.token,
      body: { text: 'Tak, @Karen Skriver – tallene passer.' },
    });
    expect(reply.status).toBe(201);
    const resolve = await server.api(`/meetings/${id}/comments/${thread.id}/resolve`, {
      token: author.token,
      body: { resolved: true },
    });
    expect(resolve.status).toBe(200);
    await server.mails.idle();
    await waitFor(() => smtp.mails.length === 2, 'the reply mention arrived');
    expect(smtp.mails[1].envelopeTo).toEqual(['karen@kommune.test']);
    expect(smtp.mails[1].subject).toBe(`${POLISH} har nævnt dig i en kommentar: ${TITLE}`);
    expect((await mails(server, id)).mails).toHaveLength(2);
  });

  it('reminds approvers who have not approved before the deadline, scheduled again from the stored deadline after a restart', async () => {
    const smtp = await receiver();
    const config = { ...mailConfig(smtp), approvalReminderDays: 0 };
    const temp = await startTempServer(cleanup, config, { now: new TestClock(MONDAY).now });
    let server = temp.server;
    const id = await meeting(server);
    await invite(server, id, {
      name: 'Anne Formand',
      email: 'anne@region.test',
      role: 'member',
      approver: true,
    });
    const done = await invite(server, id, {
      name: 'Bo Formand',
      email: 'bo@kommune.test',
      role: 'member',
      approver: true,
    });
    await phase(server, id, { to: 'meeting' });
    await phase(server, id, { to: 'review', approvalDeadline: '2030-06-06' });
    const state = await getState(server, id, done.token);
    expect((await server.approve(id, done.token, state.contentHash)).status).toBe(200);
    await server.mails.idle();
    await waitFor(() => smtp.mails.length === 4, 'agenda and approval requests');
    // Due the day of the deadline at 09:00: not yet on Monday. With 5 days' notice it is due now.
    expect(
      (await mails(server, id)).mails.filter((m) => m.kind === 'approvalReminder'),
    ).toHaveLength(0);
    server = await temp.restart({ ...config, approvalReminderDays: 5 });
    await waitFor(() => smtp.mails.length === 5, 'the reminder arrived');
    const reminder = smtp.mails[4];
    expect(reminder.envelopeTo).toEqual(['anne@region.test']);
    expect(reminder.subject).toBe(`Påmindelse: godkend referatet af ${TITLE} senest 6. juni 2030`);
    // Another restart does not remind again.
    server = await temp.restart({ ...config, approvalReminderDays: 5 });
    await server.mails.idle();
    await waitFor(
      async () => (await mails(server, id)).mails.every((m) => m.status === 'sent'),
      'all sent',
    );
    expect(
      (await mails(server, id)).mails.filter((m) => m.kind === 'approvalReminder'),
    ).toHaveLength(1);
    expect(smtp.mails).toHaveLength(5);
  });

  it('reminds at 09:00 Danish time by the server’s clock: not a minute before, not after the deadline day', async () => {
    const smtp = await receiver();
    const clock = new TestClock(MONDAY);
    const config = { ...mailConfig(smtp), approvalReminderDays: 0 };
    const temp = await startTempServer(cleanup, config, { now: clock.now });
    let server = temp.server;
    /** A meeting in review whose approver has an address, with its approval deadline. */
    const inReview = async (approvalDeadline: string) => {
      const id = await meeting(server);
      await invite(server, id, {
        name: 'Anne Formand',
        email: `anne-${approvalDeadline}@region.test`,
        role: 'member',
        approver: true,
      });
      await phase(server, id, { to: 'meeting' });
      await phase(server, id, { to: 'review', approvalDeadline });
      return id;
    };
    const tuesday = await inReview('2030-06-04');
    const thursday = await inReview('2030-06-06');
    /** The reminders of a meeting, once everything due at the (re)start is in the outbox. */
    const reminded = async (id: string) => {
      await server.mails.idle();
      return (await mails(server, id)).mails.filter((m) => m.kind === 'approvalReminder');
    };
    // Scheduled again from the stored deadlines at each start, by the clock's time then.
    const restartAt = async (instant: string) => {
      clock.set(instant);
      server = await temp.restart();
    };
    expect(await reminded(tuesday)).toHaveLength(0);
    // Midnight in Copenhagen: Tuesday's deadline day is over, unreminded.
    await restartAt('2030-06-04T22:00:00Z');
    expect(await reminded(tuesday)).toHaveLength(0);
    // 08:59 and 09:00 in Copenhagen (summer time, UTC+2) on Thursday.
    await restartAt('2030-06-06T06:59:00Z');
    expect(await reminded(thursday)).toHaveLength(0);
    await restartAt('2030-06-06T07:00:00Z');
    expect(await reminded(thursday)).toHaveLength(1);
    expect(await reminded(tuesday)).toHaveLength(0);
  });

  it('names the comment deadline’s weekday in Danish, whichever day the draft goes out', async () => {
    const smtp = await receiver();
    const clock = new TestClock('2030-01-02T11:00:00Z');
    const temp = await startTempServer(cleanup, mailConfig(smtp), { now: clock.now });
    // The server's day, Wednesday 2 to Tuesday 8 January 2030, and the deadline five days on.
    const week = [
      ['2030-01-02', '2030-01-07', 'mandag den 7. januar 2030'],
      ['2030-01-03', '2030-01-08', 'tirsdag den 8. januar 2030'],
      ['2030-01-04', '2030-01-09', 'onsdag den 9. januar 2030'],
      ['2030-01-05', '2030-01-10', 'torsdag den 10. januar 2030'],
      ['2030-01-06', '2030-01-11', 'fredag den 11. januar 2030'],
      ['2030-01-07', '2030-01-12', 'lørdag den 12. januar 2030'],
      ['2030-01-08', '2030-01-13', 'søndag den 13. januar 2030'],
    ];
    for (const [day, deadline, said] of week) {
      clock.set(`${day}T11:00:00Z`);
      // Started that day, so the secretariat's sign-in (an hour's token) is that day's too.
      const server = await temp.restart();
      const id = await meeting(server);
      const email = `medlem-${day}@region.test`;
      await invite(server, id, { name: 'Mette Medlem', email, role: 'member' });
      await phase(server, id, { to: 'meeting' });
      // The day before the server's is past, though years ahead of the real date.
      const late = await server.api(`/meetings/${id}/phase`, {
        body: { to: 'review', commentDeadline: dayBefore(day) },
      });
      expect(late.status).toBe(400);
      await phase(server, id, { to: 'review', commentDeadline: deadline });
      await waitFor(() => smtp.to(email).length === 2, `the draft sent on ${day}`);
      expect(smtp.to(email)[1].text).toContain(`Kommentarer bedes givet senest ${said}.`);
    }
  });

  it('retries with backoff while the mail server refuses for now, shows why, and gives up at a permanent refusal', async () => {
    const smtp = await receiver();
    const { server } = await startTempServer(cleanup, {
      ...mailConfig(smtp),
      mailRetryMs: 50,
      mailRetryMaxMs: 100,
    });
    const id = await meeting(server);
    const a = await invite(server, id, { name: 'Anne', email: 'anne@region.test', role: 'member' });
    smtp.state.refuse = {
      at: 'rcpt',
      code: 451,
      message: 'Postkassen er midlertidigt utilgængelig',
    };
    expect(
      (await server.api(`/meetings/${id}/invites/${a.invite.id}/mail`, { body: {} })).status,
    ).toBe(201);
    await waitFor(() => smtp.state.refusals >= 3, 'three refused attempts');
    const waiting = (await mails(server, id)).mails[0];
    expect(waiting.status).toMatch(/queued|sending/);
    expect(waiting.attempts).toBeGreaterThanOrEqual(3);
    expect(waiting.lastError).toContain('451');
    expect(waiting.lastError).toContain('midlertidigt');
    smtp.state.refuse = null;
    await waitFor(() => smtp.mails.length === 1, 'delivered once accepted');
    await waitFor(async () => (await mails(server, id)).mails[0].status === 'sent', 'marked sent');

    smtp.state.refuse = { at: 'data', code: 550, message: 'Modtageren findes ikke' };
    expect(
      (await server.api(`/meetings/${id}/invites/${a.invite.id}/mail`, { body: {} })).status,
    ).toBe(201);
    await waitFor(
      async () => (await mails(server, id)).mails[1]?.status === 'failed',
      'failed for good',
    );
    const failed = (await mails(server, id)).mails[1];
    expect(failed.attempts).toBe(1);
    expect(failed.lastError).toContain('550');
    expect(smtp.mails).toHaveLength(1);
  });

  it('without a mail server keeps mails queued and says so; bounds the outbox', async () => {
    const { server } = await startTempServer(cleanup, { ...mailConfig(null), mailMaxQueued: 2 });
    const id = await meeting(server);
    const made = [];
    for (const name of ['A', 'B', 'C'])
      made.push(
        await invite(server, id, { name, email: `${name.toLowerCase()}@x.test`, role: 'member' }),
      );
    for (const m of made.slice(0, 2)) {
      expect(
        (await server.api(`/meetings/${id}/invites/${m.invite.id}/mail`, { body: {} })).status,
      ).toBe(201);
    }
    const listed = await mails(server, id);
    expect(listed.configured).toBe(false);
    expect(listed.mails.map((m) => [m.status, m.attempts])).toEqual([
      ['queued', 0],
      ['queued', 0],
    ]);
    const full = await server.api(`/meetings/${id}/invites/${made[2].invite.id}/mail`, {
      body: {},
    });
    expect(full.status).toBe(503);
    expect(((await full.json()) as { code: string }).code).toBe('outboxFull');
    // Refused before the link was replaced: C's link still works.
    await server.accessFor(made[2].credential);
  });

  it('refuses a mail larger than the limit', async () => {
    const { server } = await startTempServer(cleanup, { ...mailConfig(null), mailMaxBytes: 2000 });
    const id = await meeting(server);
    const a = await invite(server, id, { name: 'A', email: 'a@x.test', role: 'member' });
    const res = await server.api(`/meetings/${id}/invites/${a.invite.id}/mail`, { body: {} });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { code: string }).code).toBe('mailTooLarge');
  });

  it('refuses the mail routes to everyone but the secretariat, and bad input', async () => {
    // Half past midnight on 2 January 2030 in Copenhagen, still 1 January in UTC.
    const clock = new TestClock('2030-01-01T23:30:00Z');
    const { server } = await startTempServer(cleanup, mailConfig(null), { now: clock.now });
    const id = await meeting(server);
    const target = await invite(server, id, {
      name: 'Anne',
      email: 'anne@region.test',
      role: 'member',
    });
    const noEmail = await invite(server, id, { name: 'Bo', role: 'member' });
    for (const role of ['observer', 'member', 'minuteTaker'] as Role[]) {
      const { token } = await invite(server, id, { name: `Test ${role}`, role });
      expect((await server.api(`/meetings/${id}/mails`, { token })).status).toBe(403);
      expect(
        (await server.api(`/meetings/${id}/invites/${target.invite.id}/mail`, { token, body: {} }))
          .status,
      ).toBe(403);
    }
    expect((await server.api(`/meetings/${id}/mails`, { token: null })).status).toBe(401);
    expect(
      (
        await server.api(`/meetings/${id}/invites/${target.invite.id}/mail`, {
          token: null,
          body: {},
        })
      ).status,
    ).toBe(401);
    const other = await server.createMeeting('Andet møde');
    const otherInvite = await invite(server, other, {
      name: 'Cecilie',
      email: 'c@x.test',
      role: 'organiser',
    });
    expect((await server.api(`/meetings/${id}/mails`, { token: otherInvite.token })).status).toBe(
      403,
    );

    const code = async (res: Response) => [
      res.status,
      ((await res.json()) as { code: string }).code,
    ];
    expect(
      await code(await server.api(`/meetings/${id}/invites/not-a-uuid/mail`, { body: {} })),
    ).toEqual([400, 'invalidInput']);
    expect(
      await code(
        await server.api(`/meetings/${id}/invites/${crypto.randomUUID()}/mail`, { body: {} }),
      ),
    ).toEqual([404, 'notFound']);
    expect(
      await code(
        await server.api(`/meetings/${id}/invites/${noEmail.invite.id}/mail`, { body: {} }),
      ),
    ).toEqual([409, 'noEmail']);
    expect(
      (await server.api(`/meetings/${id}/invites/${target.invite.id}`, { method: 'DELETE' }))
        .status,
    ).toBe(200);
    expect(
      await code(
        await server.api(`/meetings/${id}/invites/${target.invite.id}/mail`, { body: {} }),
      ),
    ).toEqual([409, 'inviteRevoked']);
    expect((await server.api(`/meetings/..%2f..%2fetc/mails`)).status).toBe(400);
    expect((await mails(server, id)).mails).toHaveLength(0);

    // Invites: a malformed address or language; phases: deadlines.
    for (const body of [
      { name: 'X', role: 'member', email: 'not an address' },
      { name: 'X', role: 'member', email: 'a@b.test\r\nBcc: evil@x.test' },
      { name: 'X', role: 'member', language: 'de' },
    ]) {
      expect((await server.api(`/meetings/${id}/invites`, { body })).status).toBe(400);
    }
    await phase(server, id, { to: 'meeting' });
    for (const body of [
      { to: 'review', commentDeadline: '2001-01-01' },
      { to: 'review', approvalDeadline: 'tomorrow' },
      // The server's date in UTC, but yesterday in Denmark (and years ahead of the real one).
      { to: 'review', commentDeadline: '2030-01-01' },
      { to: 'review', commentDeadline: '2030-01-07', approvalDeadline: '2030-01-05' },
      { to: 'meeting', approvalDeadline: '2030-01-05' },
    ]) {
      expect((await server.api(`/meetings/${id}/phase`, { body })).status).toBe(400);
    }
    expect((await getState(server, id)).meta.phase).toBe('meeting');
    // Today in Denmark is still in time.
    await phase(server, id, { to: 'review', commentDeadline: '2030-01-02' });
  });
});
