import { describe, expect, it } from 'vitest';
import { auditSentence } from '../../client/workflow/auditSentence.ts';
import type { AuditEntry } from '../../shared/access/workflow.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { TestDevice, claimRequest, tokenRequest } from '../helpers/device.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';

/**
 * Invitations claimed by a browser's device key (the embedded mode), under
 * attack: browsers racing for one link, and a claimed link used elsewhere,
 * which the secretariat learns from the audit log.
 */

const cleanup = useCleanups();

/** What a browser with `device` sends to claim the invitation of `credential`. */
const claim = (server: TestServer, credential: string, device: TestDevice) =>
  claimRequest(server.api, credential, device.publicKey, device);

/** What a browser with `device` sends for an access token (after the claim). */
const session = (server: TestServer, credential: string, device: TestDevice) =>
  tokenRequest(server.api, credential, device);

const audit = async (server: TestServer, id: string) =>
  ((await (await server.api(`/meetings/${id}/audit`)).json()) as { entries: AuditEntry[] }).entries;

describe('claiming an invitation with a device key', () => {
  it('browsers racing for one link: exactly one claims it; the others are refused and audited', async () => {
    const { server } = await startTempServer(cleanup);
    const id = await server.createMeeting();
    const chair = await server.invite(id, 'Łukasz Żółć', 'member', true, { claim: false });
    const devices = await Promise.all(Array.from({ length: 6 }, () => TestDevice.create()));
    const answers = await Promise.all(devices.map((d) => claim(server, chair.credential, d)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(5);
    const winner = devices[statuses.indexOf(200)];
    expect((await session(server, chair.credential, winner)).status).toBe(200);

    const entries = await audit(server, id);
    expect(entries.filter((e) => e.kind === 'invite-claim')).toHaveLength(1);
    const refused = entries.filter((e) => e.kind === 'invite-claim-refused');
    expect(refused).toHaveLength(5);
    expect(refused[0]).toMatchObject({
      userId: 'system',
      detail: { inviteId: chair.invite.id, name: 'Łukasz Żółć', reason: 'inviteClaimed' },
    });
    expect(auditSentence(refused[0], 'da').sentence).toContain(
      'Referat afviste et forsøg på at bruge Łukasz Żółćs invitation fra en anden browser',
    );
  });

  it('a claimed link used in another browser grants nothing, is audited, and cannot flood the log', async () => {
    const { server } = await startTempServer(cleanup);
    const id = await server.createMeeting();
    const chair = await server.invite(id, 'Formand', 'member', true, { claim: false });
    const own = await TestDevice.create();
    expect((await claim(server, chair.credential, own)).status).toBe(200);

    // The forwarded link in another browser: its token request is signed by another key.
    const other = await TestDevice.create();
    for (let i = 0; i < 20; i++) {
      const res = await session(server, chair.credential, other);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { code: string }).code).toBe('inviteClaimed');
    }
    const refused = (await audit(server, id)).filter((e) => e.kind === 'invite-claim-refused');
    // A few entries, then one a minute: twenty attempts do not make twenty lines.
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThan(10);
    expect(refused[0].detail).toMatchObject({ reason: 'proofInvalid', by: 'device' });
    // The browser that claimed it keeps working.
    expect((await session(server, chair.credential, own)).status).toBe(200);
  });
});
