import { execFile } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { MeetingContent, Block } from '../../shared/minutes/content.ts';
import { writeMeetingContent } from '../../shared/minutes/operations.ts';
import { FIXTURE_MEETINGS } from '../fixtures/referater.ts';
import { SCREENSHOT_DIR } from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';
import { pagePictures } from '../helpers/exports.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { syncedClient } from '../helpers/workflow.ts';

const run = promisify(execFile);
const cleanup = useCleanups();

const setup = () => startTempServer(cleanup);

/** A meeting holding `content`, written by a client as the editor would. */
async function meetingWith(server: TestServer, content: MeetingContent): Promise<string> {
  const id = await server.createMeeting(content.header.title || 'Referat');
  const c = await syncedClient(server, id, server.organiserToken, cleanup);
  writeMeetingContent(c.doc, content);
  await waitFor(() => c.tracker.state === 'saved', 'content saved');
  return id;
}

async function download(server: TestServer, id: string, query: string) {
  const res = await server.api(`/meetings/${id}/export?${query}`);
  expect(
    res.status,
    await res
      .clone()
      .text()
      .catch(() => ''),
  ).toBe(200);
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Paragraph texts of a DOCX (word/document.xml), in order, with their style. */
async function docxParagraphs(bytes: Buffer): Promise<{ style: string; text: string }[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) => ({
    style: /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '',
    text: [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((m) => m[1])
      .join('')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'"),
  }));
}

async function pdfText(bytes: Buffer, dir: string): Promise<string> {
  const file = path.join(dir, `export-${Date.now()}.pdf`);
  await writeFile(file, bytes);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

/** Asserts that `needles` occur in `haystack` in this order. */
function expectInOrder(haystack: string, needles: string[], what: string) {
  let from = 0;
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from);
    expect(at, `${what}: "${needle}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + needle.length;
  }
}

const blockTexts = (b: Block): string[] =>
  'paragraph' in b
    ? [b.paragraph]
    : 'points' in b
      ? b.points.flatMap((p) => (typeof p === 'string' ? [p] : [p.text, ...p.sub.map(String)]))
      : b.bullets;

const LABELS: Record<string, string> = {
  sagsfremstilling: 'Sagsfremstilling',
  indstilling: 'Indstilling',
  bilag: 'Bilag',
  referat: 'Referat',
  beslutning: 'Beslutning',
  uddybning: 'Uddybning',
};

/** What must appear, in order: participants, then per item "n. title" and its section labels. */
function expectedSequence(content: MeetingContent): string[] {
  const seq: string[] = [];
  const present = content.participants.filter((p) => p.status !== 'absent');
  const absent = content.participants.filter((p) => p.status === 'absent');
  const byOrg = (list: typeof present) => {
    const orgs = [...new Set(list.map((p) => p.organisation))];
    return orgs.flatMap((o) => [o, ...list.filter((p) => p.organisation === o).map((p) => p.name)]);
  };
  if (present.length) seq.push('Deltagere', ...byOrg(present));
  if (absent.length) seq.push('Afbud', ...byOrg(absent));
  content.items.forEach((item, i) => {
    seq.push(`${i + 1}. ${item.title}`);
    for (const s of item.sections) seq.push(LABELS[s.type]);
  });
  return seq;
}

describe('export', () => {
  for (const [name, content] of Object.entries(FIXTURE_MEETINGS)) {
    it(`${name}: DOCX and PDF hold every item, section label and participant in order`, async () => {
      const { server, dataDir } = await setup();
      const id = await meetingWith(server, content);
      const sequence = expectedSequence(content);

      const docx = await download(server, id, 'format=docx');
      expect(docx.res.headers.get('content-type')).toContain('wordprocessingml');
      expect(docx.res.headers.get('content-disposition')).toMatch(
        /attachment; filename="dagsorden-.*\.docx"/,
      );
      const paragraphs = await docxParagraphs(docx.bytes);
      expectInOrder(paragraphs.map((p) => p.text).join('\n'), sequence, 'docx');
      // Real headings: item titles are Heading 1, section labels Heading 2.
      const headings = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
      for (const [i, item] of content.items.entries()) {
        expect(headings).toContain(`${i + 1}. ${item.title}`);
      }
      expect(paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toContain(
        'Indstilling',
      );
      // Every point of every indstilling and beslutning is there.
      const all = paragraphs.map((p) => p.text).join('\n');
      for (const item of content.items) {
        for (const s of item.sections.filter(
          (x) => x.type === 'indstilling' || x.type === 'beslutning',
        )) {
          for (const text of s.blocks.flatMap(blockTexts)) expect(all).toContain(text);
        }
      }
      // Danish language on the text.
      const zip = await JSZip.loadAsync(docx.bytes);
      expect(await zip.file('word/styles.xml')!.async('string')).toContain('w:val="da-DK"');

      const pdf = await download(server, id, 'format=pdf');
      expect(pdf.res.headers.get('content-type')).toBe('application/pdf');
      const text = await pdfText(pdf.bytes, dataDir);
      expectInOrder(
        text,
        sequence.map((s) => s.replace(/\s+/g, ' ')),
        'pdf',
      );
      expect(text).toMatch(/Side 1 af \d+/);
      expect(pdf.bytes.toString('latin1')).toContain('/Lang (da-DK)');
      expect(pdf.bytes.toString('latin1')).toMatch(/\/StructTreeRoot/);

      const html = (await download(server, id, 'format=html')).bytes.toString('utf8');
      expect(html).toContain('<html lang="da">');
      expectInOrder(html.replace(/<[^>]+>/g, '\n').replace(/&amp;/g, '&'), sequence, 'html');

      if (name === 'driftsforum-midt-2020-12-09.txt') {
        // Pages to look at (pdftoppm), kept in test-output/.
        const file = path.join(dataDir, 'look.pdf');
        await writeFile(file, pdf.bytes);
        await pagePictures(file, 'export', 3);
        const out = path.join(SCREENSHOT_DIR, 'export');
        expect(
          (await readdir(out)).filter((f) => f.endsWith('.png')).length,
        ).toBeGreaterThanOrEqual(2);
      }
    });
  }

  it('the public version contains no text of a closed item', async () => {
    const { server, dataDir } = await setup();
    const content = structuredClone(FIXTURE_MEETINGS['driftsforum-midt-2020-12-09.txt']);
    const closed = content.items[1];
    closed.closed = true;
    const id = await meetingWith(server, content);
    const secretTexts = [
      closed.title,
      closed.presenter ?? '',
      ...closed.sections.flatMap((s) => s.blocks.flatMap(blockTexts)),
    ]
      .filter((t) => t.length > 12)
      // Only text unique to the closed item (other items may share phrases).
      .filter((t) => content.items.every((i) => i === closed || !JSON.stringify(i).includes(t)));
    expect(secretTexts.length).toBeGreaterThan(3);

    const docx = (await docxParagraphs((await download(server, id, 'format=docx&public=1')).bytes))
      .map((p) => p.text)
      .join('\n');
    const pdf = await pdfText((await download(server, id, 'format=pdf&public=1')).bytes, dataDir);
    const html = (await download(server, id, 'format=html&public=1')).bytes.toString('utf8');
    for (const [what, text] of [
      ['docx', docx],
      ['pdf', pdf],
      ['html', html],
    ] as const) {
      for (const secret of secretTexts) {
        expect(
          text.includes(secret.replace(/\s+/g, what === 'pdf' ? ' ' : '$&')),
          `${what}: ${secret}`,
        ).toBe(false);
      }
      expect(text, what).toContain('2. Lukket punkt');
      expect(text, what).toContain(`3. ${content.items[2].title.replace(/\s+/g, ' ')}`);
    }
    // The internal version still has it.
    const internal = (await docxParagraphs((await download(server, id, 'format=docx')).bytes))
      .map((p) => p.text)
      .join('\n');
    expect(internal).toContain(closed.title);
  });

  it('refuses bad input and callers without access', async () => {
    const { server } = await setup();
    const id = await server.createMeeting('Møde');
    for (const query of ['format=exe', 'format=pdf&public=yes', 'format=']) {
      expect((await server.api(`/meetings/${id}/export?${query}`)).status, query).toBe(400);
    }
    expect((await server.api(`/meetings/${id}/export?format=pdf`, { token: null })).status).toBe(
      401,
    );
    const other = await server.createMeeting('Andet møde');
    const { token } = await server.invite(other, 'Bo', 'member');
    expect((await server.api(`/meetings/${id}/export?format=pdf`, { token })).status).toBe(403);
    // An access token is never taken from the URL; a download link (60 s, this export only) is.
    const { token: observer } = await server.invite(id, 'Ole', 'observer');
    expect(
      (await fetch(`${server.base}/api/meetings/${id}/export?format=html&token=${observer}`))
        .status,
    ).toBe(401);
    const link = (await (
      await server.api(`/meetings/${id}/downloads`, {
        token: observer,
        body: { format: 'html', public: false },
      })
    ).json()) as { url: string };
    const res = await fetch(`${server.base}${link.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
  });
});
