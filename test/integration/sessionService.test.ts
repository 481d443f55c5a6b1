import { describe, expect, it } from 'vitest';
import { useCleanups } from '../helpers/cleanups.ts';
import { TestClock } from '../helpers/clock.ts';
import { TestDevice, claimRequest, deviceChallenge, tokenRequest } from '../helpers/device.ts';
import { TEST_ORGANISER_KEY, startTempServer } from '../helpers/testServer.ts';

/**
 * SessionService (server/resources/access/): what the session routes do,
 * by the server's clock. With the clock handed in, expiry and waiting are
 * tested by moving it, never by waiting.
 */
const cleanup = useCleanups();

const START = '2030-03-04T08:00:00Z';

async function setup() {
  const clock = new TestClock(START);
  const { server } = await startTempServer(cleanup, {}, { now: clock.now });
  return { server, clock };
}

const codeOf = async (res: Response) => ((await res.json()) as { code: string }).code;

describe('SessionService, by the server’s clock', () => {
  it('a device’s challenge holds for two minutes: a claim or renewal over an older one is refused', async () => {
    const { server, clock } = await setup();
    const id = await server.createMeeting();
    const { credential } = await server.invite(id, 'Mette Medlem', 'member', false, {
      claim: false,
    });
    const device = await TestDevice.create();
    const claim = (challenge: string) =>
      claimRequest(server.api, credential, device.publicKey, device, challenge);
    const renew = (challenge: string) => tokenRequest(server.api, credential, device, challenge);

    // Answered a second after its two minutes (expiry counts whole seconds): refused, nothing claimed.
    let challenge = await deviceChallenge(server.api);
    clock.advance(121_000);
    const late = await claim(challenge);
    expect(late.status).toBe(401);
    expect(await codeOf(late)).toBe('proofInvalid');
    const unclaimed = await renew(await deviceChallenge(server.api));
    expect(await codeOf(unclaimed)).toBe('claimRequired');

    // Answered exactly two minutes after it was issued: still in time.
    challenge = await deviceChallenge(server.api);
    clock.advance(120_000);
    expect((await claim(challenge)).status).toBe(200);
    challenge = await deviceChallenge(server.api);
    clock.advance(120_000);
    expect((await renew(challenge)).status).toBe(200);
    challenge = await deviceChallenge(server.api);
    clock.advance(121_000);
    const stale = await renew(challenge);
    expect(stale.status).toBe(401);
    expect(await codeOf(stale)).toBe('proofInvalid');
  });

  it('an access token lasts its 15 minutes and the sign-in its 12 hours; renewal works in between', async () => {
    const { server, clock } = await setup();
    const res = await server.api('/session', {
      body: { key: TEST_ORGANISER_KEY, name: 'Sekretariatet' },
      token: null,
    });
    expect(res.status).toBe(201);
    const signIn = (await res.json()) as {
      credential: string;
      credentialExpiresAt: string;
      token: string;
      expiresAt: string;
    };
    expect(signIn.expiresAt).toBe('2030-03-04T08:15:00.000Z');
    expect(signIn.credentialExpiresAt).toBe('2030-03-04T20:00:00.000Z');
    const list = (token: string) => server.api('/meetings', { token });
    const renew = () =>
      server.api('/session/token', { body: { credential: signIn.credential }, token: null });

    clock.advance(15 * 60_000 - 1000);
    expect((await list(signIn.token)).status).toBe(200);
    clock.advance(1000);
    const expired = await list(signIn.token);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toMatchObject({ code: 'tokenExpired', reason: 'expired' });

    const renewed = await renew();
    expect(renewed.status).toBe(200);
    expect((await list(((await renewed.json()) as { token: string }).token)).status).toBe(200);
    // The last token before the sign-in ends is cut to what is left of it.
    clock.set('2030-03-04T19:55:00Z');
    const last = (await (await renew()).json()) as { token: string; expiresAt: string };
    expect(last.expiresAt).toBe('2030-03-04T20:00:00.000Z');
    clock.set('2030-03-04T20:00:00Z');
    const over = await renew();
    expect(over.status).toBe(401);
    expect(await codeOf(over)).toBe('tokenExpired');
    expect((await list(last.token)).status).toBe(401);
  });

  it('a source that guessed wrong waits by the clock; another source is never held up', async () => {
    const { server, clock } = await setup();
    const { sessions } = server;
    const wrong = { key: 'not-the-organiser-key-0000', name: 'Gætter' };
    const right = { key: TEST_ORGANISER_KEY, name: 'Sekretariatet' };
    for (let i = 0; i < 6; i++) {
      await expect(sessions.signIn('198.51.100.7', wrong)).rejects.toMatchObject({
        status: 401,
        code: 'wrongKey',
      });
    }
    expect(sessions.signInWait('198.51.100.7')).toBe(1000);
    expect(sessions.signInWait('203.0.113.9')).toBe(0);
    expect((await sessions.signIn('203.0.113.9', right)).role).toBe('organiser');

    // Through the route: the waiting source is refused before its key is read, and told for how long.
    for (let i = 0; i < 6; i++) {
      expect((await server.api('/session', { body: wrong, token: null })).status).toBe(401);
    }
    const held = await server.api('/session', { body: right, token: null });
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toBe('1');
    expect(await held.json()).toMatchObject({ code: 'signInWait', retryAfterSeconds: 1 });
    clock.advance(1000);
    expect((await server.api('/session', { body: right, token: null })).status).toBe(201);
  });
});
