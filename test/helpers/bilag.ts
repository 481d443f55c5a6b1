import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRef,
  PDFString,
  StandardFonts,
} from 'pdf-lib';
import type { BilagFile } from '../../shared/access/workflow.ts';
import type { TestServer } from './testServer.ts';

const run = promisify(execFile);

/** A PDF with one page per text (Helvetica, so pdftotext reads it back). */
export async function makePdf(pages: string[]): Promise<Uint8Array<ArrayBuffer>> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    doc.addPage([595, 842]).drawText(text, { x: 60, y: 700, size: 18, font });
  }
  return new Uint8Array(await doc.save());
}

/** A PNG chunk: length, type, data, CRC. */
function pngChunk(type: string, data: Buffer) {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/**
 * A PNG as its header declares it (8 bits per sample; colour type 2 = RGB,
 * 6 = RGBA) with `idat` as its compressed data, whatever that holds.
 */
export function pngFile(w: number, h: number, colour: number, idat: Buffer, interlace = 0) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8; // bit depth
  header[9] = colour;
  header[12] = interlace;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A w x h PNG of one colour (8-bit RGB), made by hand: signature, IHDR, IDAT, IEND. */
export function makePng(w = 8, h = 8, rgb: [number, number, number] = [30, 90, 200]): Uint8Array {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(w).fill(rgb).flat())]);
  return pngFile(w, h, 2, deflateSync(Buffer.concat(Array(h).fill(row))));
}

/** A real JPEG (493 x 58, progressive; from Node's documentation, MIT). */
export const jpegFixture = () =>
  readFile(new URL('../fixtures/bilag/stripe.jpg', import.meta.url)).then((b) => new Uint8Array(b));

/** POST /api/meetings/:id/bilag with the bytes as the body (Content-Type deliberately misleading). */
export function uploadBilag(
  server: TestServer,
  id: string,
  itemId: string,
  name: string,
  bytes: Uint8Array,
  token: string | null = server.organiserToken,
) {
  const query = new URLSearchParams({ item: itemId, name });
  return fetch(`${server.base}/api/meetings/${id}/bilag?${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/pdf',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: bytes as Uint8Array<ArrayBuffer>,
  });
}

/** Uploads and expects 201; the listed file. */
export async function uploaded(
  server: TestServer,
  id: string,
  itemId: string,
  name: string,
  bytes: Uint8Array,
  token?: string,
): Promise<BilagFile> {
  const res = await uploadBilag(server, id, itemId, name, bytes, token);
  if (res.status !== 201) throw new Error(`upload ${name}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { bilag: BilagFile }).bilag;
}

/** One bookmark read back from a PDF: its title, the page index it goes to, its children. */
export interface Bookmark {
  title: string;
  page: number;
  children: Bookmark[];
}

/** The PDF's outline, read with pdf-lib's low-level objects. */
export async function readBookmarks(bytes: Uint8Array): Promise<Bookmark[]> {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((p) => p.ref);
  const walk = (first: PDFDict | undefined): Bookmark[] => {
    const out: Bookmark[] = [];
    for (let entry = first; entry; entry = entry.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = entry.lookupMaybe(PDFName.of('Title'), PDFString, PDFHexString);
      const dest = entry.lookupMaybe(PDFName.of('Dest'), PDFArray);
      const pageRef = dest?.get(0);
      out.push({
        title: title?.decodeText() ?? '',
        page: pageRef instanceof PDFRef ? pages.indexOf(pageRef) : -1,
        children: walk(entry.lookupMaybe(PDFName.of('First'), PDFDict)),
      });
    }
    return out;
  };
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  return walk(outlines?.lookupMaybe(PDFName.of('First'), PDFDict));
}

export async function pageCount(bytes: Uint8Array): Promise<number> {
  return (await PDFDocument.load(bytes)).getPageCount();
}

/** The text pdftotext reads from a PDF. */
export async function pdfToText(bytes: Uint8Array, dir: string): Promise<string> {
  const file = path.join(dir, `package-${Date.now()}-${Math.random().toString(36).slice(2)}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout;
}
