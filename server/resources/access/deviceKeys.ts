import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';
import { systemClock, type Clock } from '../../core/clock.ts';
import { UsedOnce } from './UsedOnce.ts';

/**
 * Device keys (embedded mode): a browser that claims an invitation makes a
 * non-extractable ECDSA P-256 key pair (WebCrypto, kept in IndexedDB) and
 * hands the server the public half. Every later session proves possession
 * by signing a fresh challenge; an approval signs the content hash. Messages
 * are domain-separated so a signature for one purpose never serves another.
 */

const B64URL_32 = /^[A-Za-z0-9_-]{43}$/;

/** A P-256 public key as WebCrypto exports it (JWK), with nothing private in it; else null. */
export function publicKeyFrom(value: unknown): JsonWebKey | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (v.kty !== 'EC' || v.crv !== 'P-256' || 'd' in v) return null;
  if (typeof v.x !== 'string' || typeof v.y !== 'string') return null;
  if (!B64URL_32.test(v.x) || !B64URL_32.test(v.y)) return null;
  const jwk = { kty: 'EC', crv: 'P-256', x: v.x, y: v.y };
  try {
    createPublicKey({ key: jwk, format: 'jwk' }); // a point on the curve
  } catch {
    return null;
  }
  return jwk;
}

/** The key's RFC 7638 thumbprint: how the key is named in records and audit entries. */
export function keyIdOf(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y });
  return createHash('sha256').update(canonical).digest('base64url');
}

/** Whether `signature` (base64url, IEEE P1363 r||s as WebCrypto makes it) signs `message` with `jwk`. */
export function verifySignature(jwk: JsonWebKey, message: string, signature: string): boolean {
  if (typeof signature !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
  try {
    return verify(
      'sha256',
      Buffer.from(message, 'utf8'),
      { key: createPublicKey({ key: { ...jwk }, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
      Buffer.from(signature, 'base64url'),
    );
  } catch {
    return false;
  }
}

export { deviceMessage } from '../../../shared/access/deviceMessages.ts';

const CHALLENGE_TTL_SECONDS = 120;
const MAX_OPEN_CHALLENGES = 20_000;

/**
 * Fresh random challenges, each accepted once and within two minutes. In
 * memory: after a restart a client simply asks for a new one.
 */
export class Challenges {
  private readonly open = new Map<string, number>();
  private readonly used: UsedOnce;

  /** `now`: the server's clock (ms), from which a challenge's two minutes count. */
  constructor(private readonly now: Clock = systemClock) {
    this.used = new UsedOnce(now);
  }

  issue(): { challenge: string; expiresAt: number } {
    const now = this.now() / 1000;
    if (this.open.size >= MAX_OPEN_CHALLENGES) {
      for (const [c, until] of this.open) if (until < now) this.open.delete(c);
      // Still full: the oldest go (a flood of requests cannot grow memory).
      for (const c of this.open.keys()) {
        if (this.open.size < MAX_OPEN_CHALLENGES) break;
        this.open.delete(c);
      }
    }
    const challenge = randomBytes(32).toString('base64url');
    const expiresAt = Math.floor(now) + CHALLENGE_TTL_SECONDS;
    this.open.set(challenge, expiresAt);
    return { challenge, expiresAt };
  }

  /** True once for a challenge this server issued and that has not expired. */
  take(challenge: string): boolean {
    const expiresAt = this.open.get(challenge);
    if (expiresAt === undefined) return false;
    this.open.delete(challenge);
    return expiresAt >= this.now() / 1000 && this.used.claim(challenge, expiresAt);
  }
}
