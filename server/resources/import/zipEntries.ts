import { Unzip, UnzipInflate } from 'fflate';

/** What reading an uploaded ZIP archive may cost. */
export interface ZipLimits {
  /** Entries in the archive (read or not): beyond it the archive is refused. */
  maxEntries: number;
  /** Uncompressed bytes of any one entry that is read. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all the entries read together. */
  maxTotalBytes: number;
}

/** A file that breaks a limit or is not a ZIP archive we can read; the message says which. */
export class ZipError extends Error {}

/**
 * Compressed bytes handed to the inflater at a time. Deflate expands at most
 * ~1,032:1, so one push yields at most ~4 MB: a zip bomb is stopped within
 * that much of crossing a limit, never after inflating a whole entry.
 */
const PUSH_BYTES = 4096;

/**
 * The entries named in `wanted`, inflated from `bytes` as a stream with
 * every limit checked before and while inflating: the entry count as
 * entries are met, an entry's declared sizes before it is inflated (a
 * declared uncompressed size over the limit is refused at once), and the
 * bytes actually produced as they come (declared sizes can lie), stopping
 * at the first chunk over a limit. Entries not wanted are never inflated.
 * Read from the local headers in order; the first of two entries with the
 * same name counts.
 */
export function readZipEntries(
  bytes: Uint8Array,
  wanted: readonly string[],
  limits: ZipLimits,
): Map<string, Uint8Array> {
  const chunks = new Map<string, Uint8Array[]>();
  const complete = new Set<string>();
  let entries = 0;
  let total = 0;
  let failure: Error | null = null;
  const fail = (message: string) => {
    failure ??= new ZipError(message);
  };

  const unzip = new Unzip((file) => {
    if (failure) return;
    if (++entries > limits.maxEntries) {
      return fail(`the file has more than ${limits.maxEntries} entries`);
    }
    if (!wanted.includes(file.name) || chunks.has(file.name)) return;
    const name = file.name;
    if (file.compression !== 0 && file.compression !== 8) {
      return fail(`${name} uses an unsupported compression method (${file.compression})`);
    }
    if (file.size !== undefined && file.size > bytes.length) {
      return fail(`${name} claims more data than the file holds`);
    }
    if (file.originalSize !== undefined && file.originalSize > limits.maxEntryBytes) {
      return fail(`${name} is larger than ${mib(limits.maxEntryBytes)} uncompressed`);
    }
    const parts: Uint8Array[] = [];
    chunks.set(name, parts);
    let size = 0;
    file.ondata = (err, data, final) => {
      if (failure) return;
      if (err) return fail(`${name} could not be inflated: ${err.message}`);
      size += data.length;
      total += data.length;
      if (size > limits.maxEntryBytes) {
        return fail(`${name} is larger than ${mib(limits.maxEntryBytes)} uncompressed`);
      }
      if (total > limits.maxTotalBytes) {
        return fail(`the parts of the file are larger than ${mib(limits.maxTotalBytes)} together`);
      }
      if (data.length) parts.push(data);
      if (final) complete.add(name);
    };
    file.start();
  });
  unzip.register(UnzipInflate);

  try {
    for (let at = 0; !failure && at < bytes.length; at += PUSH_BYTES) {
      unzip.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= bytes.length);
    }
  } catch (err) {
    fail(`not a readable ZIP archive (${(err as Error).message})`);
  }
  if (failure) throw failure;

  const found = new Map<string, Uint8Array>();
  for (const [name, parts] of chunks) {
    if (!complete.has(name)) throw new ZipError(`${name} is cut off`);
    found.set(name, join(parts));
  }
  return found;
}

function join(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const mib = (bytes: number) => `${Math.round((bytes / 2 ** 20) * 10) / 10} MiB`;
