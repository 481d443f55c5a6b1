import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import type { MeetingContent } from '../../shared/minutes/content.ts';
import { writeMeetingContent } from '../../shared/minutes/operations.ts';
import { SCREENSHOT_DIR } from './browser.ts';
import type { TestServer } from './testServer.ts';
import { waitFor } from './waitFor.ts';
import { syncedClient } from './workflow.ts';

const run = promisify(execFile);

/** A meeting holding `content`, written by a client as the editor would. */
export async function meetingWith(
  server: TestServer,
  content: MeetingContent,
  cleanup: (fn: () => void) => void,
): Promise<string> {
  const id = await server.createMeeting(content.header.title || 'Referat');
  const c = await syncedClient(server, id, server.organiserToken, cleanup);
  writeMeetingContent(c.doc, content);
  await waitFor(() => c.tracker.state === 'saved', 'content saved');
  return id;
}

/** An export's bytes (fails unless 200). */
export async function exportBytes(server: TestServer, id: string, query: string): Promise<Buffer> {
  const res = await server.api(`/meetings/${id}/export?${query}`);
  if (res.status !== 200) throw new Error(`export ${query}: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

const unescapeXML = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Paragraphs of one part of a DOCX (default the body), in order, with style and raw XML. */
export async function docxParagraphs(
  bytes: Buffer,
  part = 'word/document.xml',
): Promise<{ style: string; text: string; xml: string }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(part)!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '',
    text: unescapeXML([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
    xml: p,
  }));
}

/** The names of a DOCX's parts. */
export async function docxParts(bytes: Buffer): Promise<string[]> {
  return Object.keys((await JSZip.loadAsync(bytes)).files);
}

/** The text of each page of a PDF (pdftotext), as trimmed non-empty lines. */
export async function pdfPages(bytes: Buffer, dir: string): Promise<string[][]> {
  const file = path.join(dir, `pages-${process.hrtime.bigint()}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  // pdftotext ends every page with a form feed.
  const pages = stdout.split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages.map((page) =>
    page
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
  );
}

/** Pictures of a PDF file's pages 1 to `last` (pdftoppm, 60 dpi) in test-output/`dir`/, to look at. */
export async function pagePictures(file: string, dir: string, last: number): Promise<void> {
  const out = path.join(SCREENSHOT_DIR, dir);
  await mkdir(out, { recursive: true });
  const args = ['-png', '-r', '60', '-f', '1', '-l', String(last), file, path.join(out, 'page')];
  await run('pdftoppm', args);
}
