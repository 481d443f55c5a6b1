import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { TokenService, type Credential } from '../../server/resources/access/tokens.ts';

/**
 * TokenService checks a token's times against the server's clock itself
 * (hono/jwt would use Date.now): expiry, and no token issued or valid only
 * after the clock's now.
 */
const SECRET = 'test-token-secret-0123456789';
const START = Date.parse('2030-03-04T08:00:00Z');

function setup() {
  let now = START;
  const tokens = new TokenService(SECRET, () => now);
  return { tokens, move: (ms: number) => void (now += ms) };
}

const credential: Credential = {
  userId: 'organiser:sekretariatet',
  name: 'Sekretariatet',
  role: 'organiser',
  meetingId: '*',
  ref: { kind: 'session', sessionId: 's-1' },
  expiresAt: START / 1000 + 12 * 3600,
};

/** An access token's claims as this server makes them, at `iat` (Unix seconds). */
const claimsAt = (iat: number) => ({
  iss: 'referat',
  typ: 'access',
  sub: credential.userId,
  name: credential.name,
  mid: '*',
  role: 'organiser',
  jti: 'j-1',
  cred: credential.ref,
  iat,
  exp: iat + 60,
});

describe('TokenService, by the server’s clock', () => {
  it('an access token works until its expiry by the clock, and is then expired', async () => {
    const { tokens, move } = setup();
    const { token, expiresAt } = await tokens.issueAccess(credential, 900);
    expect(expiresAt).toBe('2030-03-04T08:15:00.000Z');
    move(900_000 - 1000);
    expect(await tokens.verifyAccess(token)).toMatchObject({ userId: credential.userId });
    move(1000);
    expect(await tokens.verifyAccess(token)).toBe('expired');
  });

  it('never issues past the credential: the last access token ends with it', async () => {
    const { tokens, move } = setup();
    move((12 * 3600 - 300) * 1000);
    const { exp } = await tokens.issueAccess(credential, 900);
    expect(exp).toBe(credential.expiresAt);
  });

  it('refuses as invalid what this server did not sign, expired or not, and what is issued after now', async () => {
    const { tokens } = setup();
    const now = START / 1000;
    // Expired and signed with another secret: not ours, so not "expired" (which asks for renewal).
    const forged = await sign(claimsAt(now - 3600), 'another-secret-0123456789abc', 'HS256');
    expect(await tokens.verifyAccess(forged)).toBe('invalid');
    // Ours, but issued after the clock's now, or valid only later.
    expect(await tokens.verifyAccess(await sign(claimsAt(now + 10), SECRET, 'HS256'))).toBe(
      'invalid',
    );
    const later = { ...claimsAt(now), nbf: now + 10 };
    expect(await tokens.verifyAccess(await sign(later, SECRET, 'HS256'))).toBe('invalid');
    // Without an expiry.
    const { exp: _exp, ...endless } = claimsAt(now);
    expect(await tokens.verifyAccess(await sign(endless, SECRET, 'HS256'))).toBe('invalid');
    // Ours and current: accepted; the same a second past its exp: expired.
    expect(await tokens.verifyAccess(await sign(claimsAt(now), SECRET, 'HS256'))).toMatchObject({
      tokenId: 'j-1',
    });
    expect(await tokens.verifyAccess(await sign(claimsAt(now - 61), SECRET, 'HS256'))).toBe(
      'expired',
    );
  });
});
