/**
 * This browser's device key (embedded mode): an ECDSA P-256 key pair made
 * once with WebCrypto, its private half NOT extractable (no script, not
 * even ours, can read it out), kept in IndexedDB. Claiming an invitation
 * gives the server the public half; every later session and every approval
 * is signed with the private half, so a forwarded link opened in another
 * browser grants nothing.
 */

const DB = 'referat-device';
const STORE = 'keys';
const KEY = 'device';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function database(): Promise<IDBDatabase> {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  return request(open);
}

let pair: Promise<CryptoKeyPair> | null = null;

/** The device key pair, made on first use. Throws where WebCrypto is missing (plain http). */
export function deviceKeyPair(): Promise<CryptoKeyPair> {
  pair ??= (async () => {
    if (!globalThis.crypto?.subtle) throw new Error('insecureContext');
    const db = await database();
    const stored = await request(db.transaction(STORE).objectStore(STORE).get(KEY));
    if (stored) return stored as CryptoKeyPair;
    const made = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(made, KEY));
    return made;
  })().catch((err: unknown) => {
    pair = null;
    throw err;
  });
  return pair;
}

export async function devicePublicKey(): Promise<JsonWebKey> {
  const { kty, crv, x, y } = await crypto.subtle.exportKey(
    'jwk',
    (await deviceKeyPair()).publicKey,
  );
  return { kty, crv, x, y };
}

/** The device's signature of `message` (base64url, r||s as the server expects). */
export async function deviceSign(message: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    (await deviceKeyPair()).privateKey,
    new TextEncoder().encode(message),
  );
  let binary = '';
  for (const byte of new Uint8Array(signature)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export { deviceMessage } from '../shared/access/deviceMessages.ts';
