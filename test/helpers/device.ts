import { webcrypto } from 'node:crypto';
import { deviceMessage } from '../../shared/access/deviceMessages.ts';

/**
 * A browser's device key, as the client makes it (client/deviceKey.ts):
 * ECDSA P-256 through WebCrypto, the private half not extractable.
 */
export class TestDevice {
  private constructor(
    private readonly pair: webcrypto.CryptoKeyPair,
    readonly publicKey: JsonWebKey,
  ) {}

  static async create(): Promise<TestDevice> {
    const pair = (await webcrypto.subtle.generateKey(
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['sign', 'verify'],
    )) as webcrypto.CryptoKeyPair;
    const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
    return new TestDevice(pair, { kty, crv, x, y });
  }

  async sign(message: string): Promise<string> {
    const signature = await webcrypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      this.pair.privateKey,
      new TextEncoder().encode(message),
    );
    return Buffer.from(signature).toString('base64url');
  }

  approve(meetingId: string, hash: string) {
    return this.sign(deviceMessage.approve(meetingId, hash));
  }
}

/** The invite id an invite link's credential names (its `iid` claim). */
export function inviteIdOf(credential: string): string {
  const payload = JSON.parse(Buffer.from(credential.split('.')[1], 'base64url').toString('utf8'));
  return String(payload.iid);
}

/** The API as tests call it (TestServer.api). */
type Api = (
  pathname: string,
  init?: { method?: string; body?: unknown; token?: string | null },
) => Promise<Response>;

/** A fresh challenge from POST /api/session/challenge. */
export async function deviceChallenge(api: Api): Promise<string> {
  const res = await api('/session/challenge', { method: 'POST', token: null });
  return ((await res.json()) as { challenge: string }).challenge;
}

/**
 * What a browser sends to claim the invitation of `credential` for
 * `publicKey`, the proof signed by `signer` (the key's holder, or not),
 * over a fresh or a given challenge.
 */
export async function claimRequest(
  api: Api,
  credential: string,
  publicKey: JsonWebKey,
  signer: TestDevice,
  given?: string,
): Promise<Response> {
  const challenge = given ?? (await deviceChallenge(api));
  const signature = await signer.sign(deviceMessage.claim(challenge, inviteIdOf(credential)));
  return api('/session/claim', {
    token: null,
    body: { credential, publicKey, proof: { challenge, signature } },
  });
}

/** What a browser with `device` sends for an access token (over a fresh or a given challenge). */
export async function tokenRequest(
  api: Api,
  credential: string,
  device: TestDevice,
  given?: string,
): Promise<Response> {
  const challenge = given ?? (await deviceChallenge(api));
  const signature = await device.sign(deviceMessage.session(challenge, inviteIdOf(credential)));
  return api('/session/token', {
    token: null,
    body: { credential, proof: { challenge, signature } },
  });
}
