import { describe, expect, it } from 'vitest';
import { deviceMessage } from '../../shared/access/deviceMessages.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import {
  TestDevice,
  claimRequest,
  deviceChallenge,
  inviteIdOf,
  tokenRequest,
} from '../helpers/device.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { getState } from '../helpers/workflow.ts';

/**
 * The embedded mode: an invitation belongs to the browser (device key) that
 * claimed it first; every session proves it, and an approval is signed.
 */

const cleanup = useCleanups();
const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

const challenge = (server: TestServer) => deviceChallenge(server.api);
const tokenWith = (server: TestServer, credential: string, device: TestDevice, ch?: string) =>
  tokenRequest(server.api, credential, device, ch);
const claimWith = (server: TestServer, credential: string, key: JsonWebKey, signer: TestDevice) =>
  claimRequest(server.api, credential, key, signer);

describe('invitations claimed by a device', () => {
  it('the first browser claims; another device, a replayed challenge or no proof get nothing', async () => {
    const { server } = await startTempServer(cleanup);
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const { credential } = await server.invite(id, 'Kirsten Formand', 'member', true, {
      claim: false,
    });
    const [mine, theirs] = [await TestDevice.create(), await TestDevice.create()];

    // Unclaimed: a token needs a claim first.
    const early = await tokenWith(server, credential, mine);
    expect(early.status).toBe(401);
    expect(await codeOf(early)).toBe('claimRequired');

    // A claim must prove the key: a signature by another key is refused, nothing claimed.
    const forged = await claimWith(server, credential, mine.publicKey, theirs);
    expect(forged.status).toBe(401);
    expect(await codeOf(forged)).toBe('proofInvalid');

    // The real claim.
    await server.accessFor(credential, mine);
    const c2 = await challenge(server);
    expect((await tokenWith(server, credential, mine, c2)).status).toBe(200);
    // A challenge works once.
    const replay = await tokenWith(server, credential, mine, c2);
    expect(replay.status).toBe(401);
    expect(await codeOf(replay)).toBe('proofInvalid');
    // Another browser with the same link: refused, for good.
    const other = await tokenWith(server, credential, theirs);
    expect(other.status).toBe(409);
    expect(await codeOf(other)).toBe('inviteClaimed');
    const reclaim = await claimWith(server, credential, theirs.publicKey, theirs);
    expect(reclaim.status).toBe(409);
    expect(await codeOf(reclaim)).toBe('inviteClaimed');
    // No proof at all.
    const bare = await server.api('/session/token', { token: null, body: { credential } });
    expect(bare.status).toBe(401);

    // A new link for the invitation (the secretariat re-sends it) still needs this device.
    const relinked = await server.api(`/meetings/${id}/invites/${inviteIdOf(credential)}/link`, {
      body: {},
    });
    const fresh = ((await relinked.json()) as { credential: string }).credential;
    expect((await tokenWith(server, fresh, theirs)).status).toBe(409);
    expect((await tokenWith(server, fresh, mine)).status).toBe(200);

    // Bad input: a private key, a key off the curve, malformed proofs.
    const c4 = await challenge(server);
    for (const body of [
      { credential, publicKey: { ...mine.publicKey, d: 'x'.repeat(43) } },
      { credential, publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) } },
      { credential, publicKey: mine.publicKey, proof: { challenge: c4, signature: 'short' } },
      { credential, publicKey: mine.publicKey, proof: { challenge: '../x', signature: 'a' } },
    ]) {
      const res = await server.api('/session/claim', { token: null, body });
      expect([400, 401, 409]).toContain(res.status);
    }
  });

  it('an approval must carry the claimed device signature of exactly that content hash', async () => {
    const { server } = await startTempServer(cleanup);
    const id = await server.createMeeting('Driftsforum', 'driftsforum');
    const chair = await server.invite(id, 'Kirsten Formand', 'member', true);
    for (const to of ['meeting', 'review']) {
      expect((await server.api(`/meetings/${id}/phase`, { body: { to } })).status).toBe(200);
    }
    const hash = (await getState(server, id)).contentHash!;
    const stranger = await TestDevice.create();
    const attempts = [
      {},
      { signature: await stranger.approve(id, hash) },
      { signature: await server.deviceFor(chair.token)!.approve(id, '0'.repeat(64)) },
      { signature: await server.deviceFor(chair.token)!.approve('other-meeting', hash) },
    ];
    for (const extra of attempts) {
      const res = await server.api(`/meetings/${id}/approvals`, {
        token: chair.token,
        body: { hash, ...extra },
      });
      expect(res.status).toBe(401);
      expect(await codeOf(res)).toBe('proofInvalid');
    }
    expect((await getState(server, id)).approvals).toEqual([]);

    expect((await server.approve(id, chair.token, hash)).status).toBe(200);
    const [approval] = (await getState(server, id)).approvals;
    expect(approval.proof).toMatchObject({ kind: 'device' });
    // Checkable later by anyone with the public key kept in the record.
    if (approval.proof?.kind !== 'device') throw new Error('no device proof');
    const { createPublicKey, verify } = await import('node:crypto');
    expect(
      verify(
        'sha256',
        Buffer.from(deviceMessage.approve(id, hash)),
        {
          key: createPublicKey({ key: { ...approval.proof.publicKey }, format: 'jwk' }),
          dsaEncoding: 'ieee-p1363',
        },
        Buffer.from(approval.proof.signature, 'base64url'),
      ),
    ).toBe(true);
    const html = await (await server.api(`/meetings/${id}/export?format=html`)).text();
    expect(html).toContain(`underskrevet med enhedsnøgle ${approval.proof.keyId}`);
  });
});
