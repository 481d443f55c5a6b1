import { crc32 } from 'node:zlib';

/**
 * On-disk framing of log records and snapshots. A record is
 * `u32 length | u32 crc32(payload) | payload` (little endian), so a torn write
 * (short tail) or flipped bits (crc mismatch) are detected on load. A snapshot
 * file is the magic `RFS1` followed by one record.
 */
export const RECORD_HEADER_BYTES = 8;
export const SNAPSHOT_MAGIC = Buffer.from('RFS1', 'ascii');
/** No record can be larger than this; a bigger length field means corruption. */
export const MAX_RECORD_BYTES = 512 * 1024 * 1024;

export function encodeRecord(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(RECORD_HEADER_BYTES + payload.byteLength);
  out.writeUInt32LE(payload.byteLength, 0);
  out.writeUInt32LE(crc32(payload), 4);
  out.set(payload, RECORD_HEADER_BYTES);
  return out;
}

export interface ParsedRecords {
  records: Uint8Array[];
  /** Bytes from the start that hold whole, valid records. */
  validBytes: number;
  /** Why parsing stopped before the end, or null if the whole buffer was valid. */
  damage: string | null;
}

export function parseRecords(buf: Uint8Array): ParsedRecords {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const records: Uint8Array[] = [];
  let offset = 0;
  while (offset < view.byteLength) {
    if (view.byteLength - offset < RECORD_HEADER_BYTES) {
      return { records, validBytes: offset, damage: `torn record header at byte ${offset}` };
    }
    const length = view.readUInt32LE(offset);
    const checksum = view.readUInt32LE(offset + 4);
    const start = offset + RECORD_HEADER_BYTES;
    if (length > MAX_RECORD_BYTES || start + length > view.byteLength) {
      return { records, validBytes: offset, damage: `torn record at byte ${offset}` };
    }
    const payload = view.subarray(start, start + length);
    if (crc32(payload) !== checksum) {
      return { records, validBytes: offset, damage: `checksum mismatch at byte ${offset}` };
    }
    records.push(new Uint8Array(payload));
    offset = start + length;
  }
  return { records, validBytes: offset, damage: null };
}

export function encodeSnapshot(state: Uint8Array): Buffer {
  return Buffer.concat([SNAPSHOT_MAGIC, encodeRecord(state)]);
}

/** The snapshot's state, or null if the file is damaged in any way. */
export function parseSnapshot(buf: Uint8Array): Uint8Array | null {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (view.byteLength < SNAPSHOT_MAGIC.byteLength || !view.subarray(0, 4).equals(SNAPSHOT_MAGIC)) {
    return null;
  }
  const parsed = parseRecords(view.subarray(SNAPSHOT_MAGIC.byteLength));
  if (parsed.damage !== null || parsed.records.length !== 1) return null;
  return parsed.records[0];
}
