import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { JSONContent } from '@tiptap/core';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { MeetingContent } from '../../shared/minutes/content.ts';
import { insertItemJSON } from '../../shared/minutes/operations.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { docxParagraphs, exportBytes, meetingWith, pagePictures } from '../helpers/exports.ts';
import { allNodes, pdfFacts, type StructNode } from '../helpers/pdfStructure.ts';
import { startTempServer } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { syncedClient } from '../helpers/workflow.ts';

const run = promisify(execFile);
const cleanup = useCleanups();

/** A poppler tool's output; a missing tool fails the test (it never skips). */
async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    return (await run(tool, args, { maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (err) {
    throw new Error(`${tool} failed (is poppler-utils installed?): ${(err as Error).message}`);
  }
}

const SOFT = '\u00ad';
const LINK = 'https://example.org/referat?a=1&b=ø';
const LINK_HREF = 'https://example.org/referat?a=1&b=%C3%B8';
const BILAG = 'https://example.org/bilag/1.pdf';

/** Names and signs that are ordinary in Danish public bodies' minutes. */
const unicodeMeeting: MeetingContent = {
  header: {
    title: 'Ω-udvalget',
    forum: 'Ω-udvalget for Kalaallit nunaaĸ 🙂',
    date: '2026-06-10',
    startTime: '09:00',
    endTime: '11:30',
    place: 'Αθηνά-salen ← indgang B',
    chair: 'Łukasz Żółć',
    minuteTaker: 'Zoë Šimić',
  },
  participants: [
    {
      name: 'Łukasz Żółć',
      title: 'Konsulent',
      role: 'Ω-ansvarlig',
      organisation: 'Region Nordjylland',
      status: 'present',
    },
    {
      // "Zoë" written with a combining diaeresis (NFD), as some keyboards do.
      name: 'Zoe\u0308 Šimić',
      title: 'Leder',
      role: '',
      organisation: 'Grad Đurđević',
      status: 'present',
    },
    {
      name: 'Пётр Иванов',
      title: 'Forsker',
      role: '',
      organisation: 'Αθηνά Universitet',
      status: 'guest',
    },
    {
      name: 'Aviâja Lynge',
      title: 'Konsulent i Kalaallit nunaaĸ',
      role: '',
      organisation: 'Namminersorlutik',
      status: 'absent',
    },
  ],
  items: [
    {
      title: 'Budget ≥ 2027 → ≤ 2030 🙂',
      presenter: 'Αθηνά Παπαδοπούλου',
      sections: [
        {
          type: 'sagsfremstilling',
          blocks: [
            { paragraph: `Sundheds${SOFT}området i Đurđević og Kalaallit nunaaĸ: Пётр → Łukasz.` },
          ],
        },
        {
          type: 'indstilling',
          blocks: [
            {
              points: [
                'At budgettet ≥ 2 mio. godkendes 🙂.',
                { text: 'At Ω-gruppen ← Zoë følger op:', sub: ['på Αθηνά', 'på Пётр'] },
              ],
            },
          ],
        },
        {
          type: 'beslutning',
          blocks: [{ points: ['Godkendt ≤ 2030.'], start: 2 }],
        },
        { type: 'bilag', blocks: [{ bullets: ['Notat → Đurđević', 'Oversigt 🙂 ≥ 3'] }] },
      ],
    },
  ],
};

const text = (t: string, href?: string): JSONContent =>
  href
    ? { type: 'text', text: t, marks: [{ type: 'link', attrs: { href } }] }
    : { type: 'text', text: t };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

/** An item with links as the editor makes them, and one a crafted client made. */
const linkItem: JSONContent = {
  type: 'doc',
  content: [
    { type: 'agendaItemTitle', content: [text('Links fra Łukasz')] },
    {
      type: 'sagsfremstilling',
      content: [
        paragraph(text('Se '), text('referatet på nettet', LINK), text(' for Ω → Пётр.')),
        paragraph(text('Og '), text('denne', 'javascript:alert(1)'), text(' er ikke et link.')),
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [paragraph(text('Bilag 1 🙂', BILAG))] }],
        },
      ],
    },
  ],
};

/**
 * The text of the HTML export as a reader sees it: the body's text with list
 * markers as the PDF prints them ("•", "1.", "a)", counting from `start`),
 * a definition term followed by ":" (the PDF sets "Label: value"), entities
 * decoded, soft hyphens invisible.
 */
function htmlText(html: string): string {
  const body = /<body>([\s\S]*)<\/body>/.exec(html)![1];
  const lists: { ordered: boolean; letters: boolean; n: number }[] = [];
  let out = '';
  for (const [token] of body.matchAll(/<[^>]+>|[^<]+/g)) {
    if (!token.startsWith('<')) {
      out += token;
      continue;
    }
    const tag = /^<\/?(\w+)/.exec(token)![1];
    const closing = token.startsWith('</');
    if ((tag === 'ol' || tag === 'ul') && !closing) {
      const start = Number(/start="(\d+)"/.exec(token)?.[1] ?? 1);
      lists.push({ ordered: tag === 'ol', letters: /type="a"/.test(token), n: start });
    } else if ((tag === 'ol' || tag === 'ul') && closing) lists.pop();
    else if (tag === 'li' && !closing) {
      const list = lists.at(-1)!;
      const n = list.n++;
      out += ` ${list.ordered ? (list.letters ? `${String.fromCharCode(96 + n)})` : `${n}.`) : '•'} `;
    } else if (tag === 'dt' && closing) out += ': ';
    else out += ' ';
  }
  return out
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replaceAll(SOFT, '');
}

/** Compared as NFC with whitespace collapsed (line and page breaks are layout). */
const normalise = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** Heading levels in reading order. */
const headingLevels = (nodes: StructNode[]) =>
  allNodes(nodes)
    .filter((n) => /^H\d$/.test(n.type))
    .map((n) => Number(n.type.slice(1)));

/** Each level at most one deeper than the one before, starting at 1 (`first`). */
function expectNoSkips(levels: number[], what: string, first = 1) {
  expect(levels.length, what).toBeGreaterThan(2);
  expect(levels[0], what).toBe(first);
  levels.forEach((level, i) => {
    if (i)
      expect(level, `${what}: level ${level} after ${levels[i - 1]}`).toBeLessThanOrEqual(
        levels[i - 1] + 1,
      );
  });
}

describe('export of names and signs outside Latin-1', () => {
  it('PDF: text equals the HTML export, fonts embedded, PDF/UA structure; DOCX: hyperlinks, defined styles, no skipped levels', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const id = await meetingWith(server, unicodeMeeting, cleanup);
    const c = await syncedClient(server, id, server.organiserToken, cleanup);
    insertItemJSON(c.doc, { presenter: 'Zoë Šimić' }, linkItem);
    await waitFor(() => c.tracker.state === 'saved', 'link item saved');

    const pdf = await exportBytes(server, id, 'format=pdf');
    const html = (await exportBytes(server, id, 'format=html')).toString('utf8');
    const file = path.join(dataDir, 'unicode.pdf');
    await writeFile(file, pdf);

    // 1. The PDF's text is the HTML's, word for word (page numbers are artifacts of the page).
    const extracted = (await poppler('pdftotext', ['-enc', 'UTF-8', file, '-']))
      .split('\n')
      .filter((line) => !/^Side \d+ af \d+$/.test(line.trim()))
      .join('\n');
    const pdfText = normalise(extracted);
    expect(pdfText).toBe(normalise(htmlText(html)));
    for (const expected of [
      'Łukasz Żółć – Konsulent (Ω-ansvarlig)',
      'Zoë Šimić – Leder',
      'Пётр Иванов – Forsker – gæst',
      'Kalaallit nunaaĸ 🙂',
      'Budget ≥ 2027 → ≤ 2030 🙂',
      'Sundhedsområdet',
      'a) på Αθηνά',
      '2. Godkendt ≤ 2030.',
    ]) {
      expect(pdfText).toContain(expected);
    }
    expect(pdfText).not.toContain('\ufffd');

    // 2. Every font embedded (a subset), none of the standard 14 / WinAnsi.
    const fonts = (await poppler('pdffonts', [file]))
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const cols = line.trim().split(/\s+/);
        return { name: cols[0], line, emb: cols.at(-5), uni: cols.at(-3) };
      });
    expect(fonts.length).toBeGreaterThanOrEqual(3);
    for (const font of fonts) {
      expect(font.emb, font.line).toBe('yes');
      expect(font.uni, font.line).toBe('yes');
      expect(font.name, font.line).toMatch(/^[A-Z]{6}\+DejaVu/);
      expect(font.line).not.toMatch(/Helvetica|Times|Courier|WinAnsi/);
    }

    // 3. Structure: title, language, headings without skips, lists, links, all text tagged.
    const facts = await pdfFacts(pdf);
    expect(facts.lang).toMatch(/^da\b/);
    expect(facts.title).toBe('Dagsorden – Ω-udvalget for Kalaallit nunaaĸ 🙂');
    expect(facts.displayDocTitle).toBe(true);
    expect(facts.xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(facts.xmp).toContain('Ω-udvalget for Kalaallit nunaaĸ');
    expect(facts.tree.map((n) => n.type)).toEqual(['Document']);
    const levels = headingLevels(facts.tree);
    expectNoSkips(levels, 'PDF headings');
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(Math.max(...levels)).toBe(3);
    const nodes = allNodes(facts.tree);
    // Lists: four groups of participants, indstilling (with one sub-list), beslutning, bilag, the link item's bullets.
    const lists = nodes.filter((n) => n.type === 'L');
    expect(lists).toHaveLength(9);
    for (const list of lists) {
      expect(list.children.length).toBeGreaterThan(0);
      for (const li of list.children) {
        expect(li.type).toBe('LI');
        expect(li.children.map((k) => k.type)).toEqual(['Lbl', 'LBody']);
        const [label, body] = li.children;
        expect(label.mcids).toBeGreaterThanOrEqual(1);
        // The text itself, or a Link holding it.
        expect(body.mcids + body.children.length).toBeGreaterThanOrEqual(1);
      }
    }
    // No list item or list part outside a list.
    for (const n of nodes.filter((n) => n.type !== 'L')) {
      expect(
        n.children.filter((k) => k.type === 'LI'),
        n.type,
      ).toEqual([]);
    }
    expect(nodes.filter((n) => n.type === 'LI')).toHaveLength(12);
    expect(facts.untaggedText).toBe(0);
    expect(facts.contentMcids).toBe(facts.treeMcids);
    const linkElements = nodes.filter((n) => n.type === 'Link');
    expect(linkElements.length).toBe(2);
    for (const link of linkElements) {
      expect(link.annotations).toBeGreaterThanOrEqual(1);
      expect(link.mcids).toBeGreaterThanOrEqual(1);
    }
    // One annotation per piece of a link's text (a line, a replaced glyph), all in its Link element.
    expect([...new Set(facts.links.map((l) => l.uri))].sort()).toEqual([BILAG, LINK_HREF]);
    expect(linkElements.reduce((n, l) => n + l.annotations, 0)).toBe(facts.links.length);
    for (const link of facts.links) {
      expect(link.inStructure, link.uri).toBe(true);
      expect(link.contents, link.uri).toMatch(/\S/);
    }
    expect(facts.links.find((l) => l.uri === LINK_HREF)!.contents).toContain('referatet på nettet');
    expect(pdf.toString('latin1')).not.toContain('javascript');

    // 4. Pages to look at (test-output/export-unicode/page-1.png).
    await pagePictures(file, 'export-unicode', 2);

    // HTML: real links, the crafted one as text.
    expect(html).toContain(`<a href="${LINK_HREF.replace(/&/g, '&amp;')}">referatet på nettet</a>`);
    expect(html).not.toContain('javascript');

    // 5. DOCX: hyperlinks as external relationships, every used style defined, no skipped levels.
    const docx = await exportBytes(server, id, 'format=docx');
    const zip = await JSZip.loadAsync(docx);
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const document = await zip.file('word/document.xml')!.async('string');
    const styles = await zip.file('word/styles.xml')!.async('string');
    const hyperlinks = [...rels.matchAll(/<Relationship [^>]*\/>/g)]
      .map(([r]) => r)
      .filter((r) => r.includes('relationships/hyperlink'));
    const targets = hyperlinks.map((r) => /Target="([^"]+)"/.exec(r)![1].replace(/&amp;/g, '&'));
    expect(targets.sort()).toEqual([BILAG, LINK_HREF]);
    for (const r of hyperlinks) {
      expect(r).toContain('TargetMode="External"');
      const rid = /Id="([^"]+)"/.exec(r)![1];
      expect(document).toMatch(new RegExp(`<w:hyperlink [^>]*r:id="${rid}"`));
    }
    expect(rels + document).not.toContain('javascript');
    const defined = new Set([...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]));
    const used = new Set<string>();
    for (const part of Object.keys(zip.files).filter((f) => /^word\/[^/]+\.xml$/.test(f))) {
      const xml = await zip.file(part)!.async('string');
      for (const m of xml.matchAll(/<w:(?:pStyle|rStyle) w:val="([^"]+)"/g)) used.add(m[1]);
    }
    expect(used.size).toBeGreaterThan(3);
    expect([...used].filter((s) => !defined.has(s))).toEqual([]);
    const paragraphs = await docxParagraphs(docx);
    const docxLevels = paragraphs
      .map((p) => (p.style === 'Title' ? 0 : Number(/^Heading(\d)$/.exec(p.style)?.[1] ?? -1)))
      .filter((l) => l >= 0);
    expectNoSkips(docxLevels, 'DOCX headings', 0);
    const docxText = paragraphs.map((p) => p.text).join('\n');
    expect(docxText).toContain('Łukasz Żółć – Konsulent (Ω-ansvarlig)');
    expect(docxText).toContain('Пётр Иванов – Forsker – gæst');
  });
});
