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
