import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** Largest presence state accepted per client (JSON characters). */
export const MAX_PRESENCE_STATE = 4096;
/** Awareness entries one message may carry. */
export const MAX_PRESENCE_ENTRIES = 8;

interface PresenceEntry {
  clientId: number;
  clock: number;
  state: string;
}

/**
 * Checks and rewrites an incoming awareness update (y-protocols format:
 * count, then per entry clientID, clock, JSON state). Entries for awareness
 * ids another connection owns are dropped; a state's `user.name` is replaced
 * by the name in the sender's token, so nobody can appear as someone else.
 * Returns the update to apply, or null if nothing is left. Throws on
 * malformed input (the caller closes the connection).
 */
export function filterPresence(
  update: Uint8Array,
  name: string,
  ownedByOthers: (clientId: number) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > MAX_PRESENCE_ENTRIES) throw new Error(`awareness update with ${count} entries`);
  const kept: PresenceEntry[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (raw.length > MAX_PRESENCE_STATE) throw new Error('awareness state too large');
    if (ownedByOthers(clientId)) continue;
    const state: unknown = JSON.parse(raw);
    if (state === null) {
      kept.push({ clientId, clock, state: 'null' });
      continue;
    }
    if (typeof state !== 'object' || Array.isArray(state))
      throw new Error('awareness state not an object');
    const s = state as Record<string, unknown>;
    const user =
      typeof s.user === 'object' && s.user !== null ? (s.user as Record<string, unknown>) : {};
    const color =
      typeof user.color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(user.color)
        ? user.color
        : undefined;
    s.user = { name, ...(color ? { color } : {}) };
    kept.push({ clientId, clock, state: JSON.stringify(s) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes after awareness update');
  if (kept.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, kept.length);
  for (const entry of kept) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
