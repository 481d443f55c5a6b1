import { inflateSync } from 'node:zlib';

/**
 * Largest image (pixels) the agenda package embeds: a 48-megapixel phone
 * photo fits. A PNG declaring 20000 x 20000 in 1.5 MB made pdfkit inflate
 * 6 GB outside the worker's heap limit.
 */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** An image as the package may embed it: its size, and whether pdfkit must decode its pixels. */
export interface ImageFacts {
  pixels: number;
  /** pdfkit inflates it (alpha, transparency or interlacing); else it copies the bytes. */
  decoded: boolean;
}

/**
 * Whether pdfkit can embed an image without harm, read from its bytes: a
 * JPEG's size from its frame header; a PNG's from its header, and where
 * pdfkit would decode it (asynchronously, where a damaged file throws past
 * any try/catch and stops the worker) its data inflated here first, bounded
 * by the size it declares, with every row's filter checked. Null: too large
 * or damaged (the package shows a note instead).
 */
export function imageFacts(bytes: Uint8Array): ImageFacts | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const facts = b[0] === 0xff && b[1] === 0xd8 ? jpegFacts(b) : pngFacts(b);
  return facts && facts.pixels > 0 && facts.pixels <= MAX_IMAGE_PIXELS ? facts : null;
}

/** The first frame header (SOFn) of a JPEG: its width and height. */
function jpegFacts(b: Buffer): ImageFacts | null {
  let at = 2;
  while (at + 9 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { pixels: b.readUInt16BE(at + 5) * b.readUInt16BE(at + 7), decoded: false };
    at += 2 + b.readUInt16BE(at + 2);
  }
  return null;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7's passes: first column and row, then the steps. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

function pngFacts(b: Buffer): ImageFacts | null {
  if (b.length < 33 || b.toString('latin1', 12, 16) !== 'IHDR') return null;
  const width = b.readUInt32BE(16);
  const height = b.readUInt32BE(20);
  const [bits, colour, , , interlace] = b.subarray(24, 29);
  const channels = CHANNELS[colour];
  if (!channels || ![1, 2, 4, 8, 16].includes(bits) || width * height > MAX_IMAGE_PIXELS) {
    return null;
  }
  const idat: Buffer[] = [];
  let transparency = false;
  for (let at = 8; at + 8 <= b.length;) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + length));
    if (type === 'tRNS') transparency = true;
    at += 12 + length;
  }
  const pixels = width * height;
  const decoded = colour === 4 || colour === 6 || (colour === 3 && transparency) || interlace === 1;
  if (!decoded) return { pixels, decoded };
  // The rows as pdfkit (png-js) will read them, per pass: where they start, how many, how long.
  const passes = [];
  let size = 0;
  for (const [x0, y0, dx, dy] of interlace === 1 ? ADAM7 : [[0, 0, 1, 1]]) {
    const cols = Math.ceil((width - x0) / dx);
    const count = Math.ceil((height - y0) / dy);
    if (cols <= 0 || count <= 0) continue;
    const rowBytes = 1 + Math.ceil((cols * channels * bits) / 8);
    passes.push({ start: size, count, rowBytes });
    size += count * rowBytes;
  }
  let data: Buffer;
  try {
    data = inflateSync(Buffer.concat(idat), { maxOutputLength: size + 1024 });
  } catch {
    return null; // damaged, or far more data than the size it declares
  }
  if (data.length < size) return null;
  for (const { start, count, rowBytes } of passes) {
    for (let r = 0; r < count; r++) if (data[start + r * rowBytes] > 4) return null;
  }
  return { pixels, decoded };
}
