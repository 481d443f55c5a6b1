import { describe, expect, it } from 'vitest';
import type { ItemContent, MeetingContent } from '../../shared/minutes/content.ts';
import { SECTIONS } from '../../shared/schema/sections.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import {
  docxParagraphs,
  docxParts,
  exportBytes,
  meetingWith,
  pdfPages,
} from '../helpers/exports.ts';
import { startTempServer } from '../helpers/testServer.ts';

const cleanup = useCleanups();

const NOTICE = 'Indeholder lukkede punkter – må ikke videregives';
const MARK = 'Lukket punkt – må ikke videregives';
const LABELS = Object.values(SECTIONS).map((s) => s.label.da);
const FOOTER = /^Side \d+ af \d+$/;

/** A meeting as a minute-taker leaves it: sections added but never filled, fields left empty. */
const halfFilled: MeetingContent = {
  header: {
    title: 'Driftsforum marts',
    forum: 'Driftsforum Nord',
    date: '2026-03-03',
    startTime: '09:00',
    endTime: '',
    place: '',
    onlineLink: '',
    chair: 'Maj Skårhøj',
    minuteTaker: '',
  },
  participants: [
    { name: 'Anne Holm', title: '', role: '', organisation: 'Aalborg Kommune', status: 'present' },
    { name: 'Bo Nielsen', title: 'Klinikchef', role: '', organisation: '', status: 'present' },
    { name: '', title: '', role: '', organisation: 'Aalborg Kommune', status: 'present' },
  ],
  items: [
    {
      title: 'Godkendelse af dagsorden',
      standing: 'start',
      sections: [
        {
          type: 'indstilling',
          blocks: [{ paragraph: 'Det indstilles, at dagsordenen godkendes.' }],
        },
        { type: 'beslutning', blocks: [] },
      ],
    },
    {
      title: 'Orientering om budgettet',
      presenter: '  ',
      sections: [
        {
          type: 'sagsfremstilling',
          blocks: [{ paragraph: 'Budgettet er lagt.' }, { paragraph: '' }],
        },
        { type: 'uddybning', blocks: [{ points: ['', ''] }] },
        { type: 'bilag', blocks: [{ bullets: [' '] }] },
      ],
    },
    { title: 'Eventuelt', standing: 'end', sections: [{ type: 'referat', blocks: [] }] },
  ],
};

describe('export leaves out what was never filled in', () => {
  it('no empty section, no empty field, no placeholder in DOCX, PDF or HTML', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const id = await meetingWith(server, halfFilled, cleanup);
    const empty = ['Beslutning', 'Uddybning', 'Bilag', 'Referat'];

    const docx = await docxParagraphs(await exportBytes(server, id, 'format=docx'));
    // Organisations (under "Deltagere") and section labels (under an item) are Heading 2.
    expect(docx.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual([
      'Aalborg Kommune',
      'Øvrige',
      'Indstilling',
      'Sagsfremstilling',
    ]);
    const docxTexts = docx.map((p) => p.text);
    for (const label of empty) expect(docxTexts, label).not.toContain(label);
    // No empty paragraphs or list entries, no "v. " without a presenter, no dangling separators.
    expect(docxTexts.filter((t) => t.trim() === '')).toEqual([]);
    expect(docxTexts.filter((t) => /^v\.\s*$|–\s*$|\(\s*\)/.test(t))).toEqual([]);
    expect(docxTexts).toContain('Anne Holm');
    expect(docxTexts).toContain('Bo Nielsen – Klinikchef');
    expect(docxTexts.join('\n')).not.toMatch(/Sted:|Online:|Referent:|oplægsholder|Stilling|Rolle/);

    const lines = (await pdfPages(await exportBytes(server, id, 'format=pdf'), dataDir)).flat();
    for (const label of empty) expect(lines, label).not.toContain(label);
    expect(lines).toContain('Indstilling');
    expect(lines.filter((l) => /^v\.\s*$|–\s*$|\(\s*\)/.test(l))).toEqual([]);
    expect(lines.join('\n')).not.toMatch(/Sted:|Online:|Referent:|oplægsholder|Stilling|Rolle/);

    const html = (await exportBytes(server, id, 'format=html')).toString('utf8');
    for (const label of empty) expect(html, label).not.toContain(`<h3>${label}</h3>`);
    expect(html).toContain('<h3>Indstilling</h3>');
    expect(html).not.toMatch(/<p><\/p>|<li>\s*<\/li>|<ol[^>]*><\/ol>|<ul[^>]*><\/ul>/);
    expect(html).not.toContain('class="presenter"');
    expect(html).not.toMatch(/<dt>(Sted|Online|Referent)<\/dt>/);
  });
});

/** A long item (sagsfremstilling over a page) so the notice is seen on several pages. */
function withClosedItem(): MeetingContent {
  const long = Array.from(
    { length: 40 },
    (_, i) => `Afsnit ${i + 1} om den fortrolige sag, som forummet drøftede grundigt på mødet.`,
  );
  return {
    header: { title: 'Driftsforum april', forum: 'Driftsforum Nord', date: '2026-04-14' },
    participants: [],
    items: [
      {
        title: 'Orientering fra kommunerne',
        sections: [{ type: 'referat', blocks: [{ paragraph: 'Kommunerne orienterede.' }] }],
      },
      {
        title: 'Personalesag i klinikken',
        closed: true,
        presenter: 'Maj Skårhøj',
        sections: [{ type: 'sagsfremstilling', blocks: long.map((paragraph) => ({ paragraph })) }],
      },
      {
        title: 'Eventuelt',
        sections: [{ type: 'referat', blocks: [{ paragraph: 'Intet.' }] }],
      },
    ],
  };
}

describe('the full export marks closed items', () => {
  it('"Lukket punkt" on the item and a notice on every page, in DOCX, PDF and HTML; not in the public version', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const id = await meetingWith(server, withClosedItem(), cleanup);

    const docxBytes = await exportBytes(server, id, 'format=docx');
    const docx = await docxParagraphs(docxBytes);
    const at = docx.findIndex((p) => p.text === '2. Personalesag i klinikken');
    expect(at).toBeGreaterThan(0);
    expect(docx[at].style).toBe('Heading1');
    expect(docx[at + 1].text).toBe(MARK);
    // Only the closed item is marked.
    expect(docx.filter((p) => p.text === MARK)).toHaveLength(1);
    // Word's running header, on every page.
    const headers = (await docxParts(docxBytes)).filter((f) => /^word\/header\d*\.xml$/.test(f));
    expect(headers.length).toBeGreaterThan(0);
    const headerTexts = (
      await Promise.all(headers.map((part) => docxParagraphs(docxBytes, part)))
    ).flatMap((ps) => ps.map((p) => p.text));
    expect(headerTexts).toContain(NOTICE);

    const pages = await pdfPages(await exportBytes(server, id, 'format=pdf'), dataDir);
    expect(pages.length).toBeGreaterThan(1);
    for (const [i, page] of pages.entries()) expect(page, `page ${i + 1}`).toContain(NOTICE);
    const lines = pages.flat();
    const heading = lines.indexOf('2. Personalesag i klinikken');
    expect(heading).toBeGreaterThan(0);
    expect(lines[heading + 1]).toBe(MARK);
    expect(lines.filter((l) => l === MARK)).toHaveLength(1);

    const html = (await exportBytes(server, id, 'format=html')).toString('utf8');
    expect(html).toContain(
      `<h2>2. Personalesag i klinikken</h2><p class="closed-mark">${MARK}</p>`,
    );
    expect(html).toContain(`<p class="closed-notice" role="note">${NOTICE}.</p>`);
    expect(html).toMatch(/@page\{@top-center\{content:"Indeholder lukkede punkter/);

    // The public version leaves the item out and has nothing to warn about.
    for (const format of ['docx', 'pdf', 'html']) {
      const bytes = await exportBytes(server, id, `format=${format}&public=1`);
      const text =
        format === 'docx'
          ? (await docxParagraphs(bytes)).map((p) => p.text).join('\n')
          : format === 'pdf'
            ? (await pdfPages(bytes, dataDir)).flat().join('\n')
            : bytes.toString('utf8');
      expect(text, format).not.toContain('må ikke videregives');
      expect(text, format).toContain('2. Lukket punkt');
    }
  });

  it('a meeting without closed items carries no notice', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const content = withClosedItem();
    content.items[1].closed = false;
    const id = await meetingWith(server, content, cleanup);
    const docxBytes = await exportBytes(server, id, 'format=docx');
    expect((await docxParts(docxBytes)).filter((f) => f.startsWith('word/header'))).toEqual([]);
    expect((await docxParagraphs(docxBytes)).map((p) => p.text).join('\n')).not.toContain(
      'videregives',
    );
    const pdf = (await pdfPages(await exportBytes(server, id, 'format=pdf'), dataDir)).flat();
    expect(pdf.join('\n')).not.toContain('videregives');
    expect((await exportBytes(server, id, 'format=html')).toString('utf8')).not.toContain(
      'videregives',
    );
  });
});

/**
 * Forty items of varying length, each with a presenter and two or three
 * sections: headings land at every height of a page, so a layout that
 * parts a heading from its text shows it somewhere.
 */
function longMeeting(): MeetingContent {
  const words = (n: number, seed: number) =>
    Array.from(
      { length: n },
      (_, i) => ['drøftelse', 'af', 'samarbejdet', 'om', 'borgerne'][(i + seed) % 5],
    ).join(' ');
  const items: ItemContent[] = Array.from({ length: 40 }, (_, i) => ({
    title: `Sag nummer ${i + 1}`,
    presenter: i % 3 === 0 ? '' : `Oplægsholder ${i + 1}`,
    closed: i === 7,
    sections: [
      {
        type: 'sagsfremstilling',
        blocks: [{ paragraph: `Baggrund ${i + 1}: ${words(15 + ((i * 37) % 110), i)}.` }],
      },
      {
        type: 'indstilling',
        blocks: [
          {
            points: [
              `Det indstilles, at sag ${i + 1} tages til efterretning.`,
              'At den følges op.',
            ],
          },
        ],
      },
      ...(i % 2
        ? [{ type: 'beslutning' as const, blocks: [{ paragraph: `Besluttet for sag ${i + 1}.` }] }]
        : []),
    ],
  }));
  return {
    header: {
      title: 'Langt møde',
      forum: 'Driftsforum Nord',
      date: '2026-05-05',
      place: 'Aalborg',
    },
    participants: Array.from({ length: 12 }, (_, i) => ({
      name: `Deltager ${i + 1}`,
      title: 'Leder',
      role: '',
      organisation: i % 2 ? 'Aalborg Kommune' : 'Psykiatrien',
      status: 'present' as const,
    })),
    items,
  };
}

describe('headings stay with the text that follows them', () => {
  it('no PDF page ends with a heading; DOCX headings keep with the next paragraph; HTML avoids breaks after them', async () => {
    const { server, dataDir } = await startTempServer(cleanup);
    const content = longMeeting();
    const id = await meetingWith(server, content, cleanup);
    const headings = new Set<string>([
      ...LABELS,
      'Deltagere',
      'Afbud',
      'Aalborg Kommune',
      'Psykiatrien',
      MARK,
      ...content.items.map((item, i) => `${i + 1}. ${item.title}`),
      ...content.items.filter((item) => item.presenter).map((item) => `v. ${item.presenter}`),
    ]);

    const pages = await pdfPages(await exportBytes(server, id, 'format=pdf'), dataDir);
    expect(pages.length).toBeGreaterThan(5);
    const stranded = pages.slice(0, -1).flatMap((page, i) => {
      const body = page.filter((l) => !FOOTER.test(l) && l !== NOTICE);
      const last = body.at(-1) ?? '';
      return headings.has(last) ? [`page ${i + 1} ends with "${last}"`] : [];
    });
    expect(stranded).toEqual([]);
    // Every heading is still there, once.
    const lines = pages.flat();
    for (const [i, item] of content.items.entries()) {
      expect(lines.filter((l) => l === `${i + 1}. ${item.title}`)).toHaveLength(1);
    }

    const docx = await docxParagraphs(await exportBytes(server, id, 'format=docx'));
    const docxHeadings = docx.filter((p) => /^Heading\d$/.test(p.style));
    expect(docxHeadings.length).toBeGreaterThan(80);
    expect(docxHeadings.filter((p) => !p.xml.includes('<w:keepNext/>')).map((p) => p.text)).toEqual(
      [],
    );

    const html = (await exportBytes(server, id, 'format=html')).toString('utf8');
    expect(html).toMatch(/h2,h3,h4,[^{]*\{[^}]*break-after:avoid/);
  });
});
