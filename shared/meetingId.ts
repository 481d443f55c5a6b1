/**
 * Meeting ids appear in file paths and URLs, so they are checked against one
 * strict pattern before anything touches the disk: lowercase ASCII letters,
 * digits and inner hyphens, 3 to 64 characters. No dots, slashes, percent
 * signs or non-ASCII look-alikes can pass.
 */
export const MEETING_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{1,62})[a-z0-9]$/;

export function isValidMeetingId(id: unknown): id is string {
  return typeof id === 'string' && MEETING_ID_PATTERN.test(id);
}

/** A new random id: 16 characters from [a-z0-9], about 82 bits. */
export function newMeetingId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}
