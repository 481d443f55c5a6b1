import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  TextRun,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import type { Inline, PrintBlock, PrintPoint } from './printBlocks.ts';
import {
  CLOSED_MARK,
  CLOSED_NOTICE,
  WITHHELD_TEXT,
  metaLines,
  personLine,
  type PrintModel,
} from './printModel.ts';

const LANG = { value: 'da-DK' };

/** Runs as Word runs: a link is a real hyperlink (an external relationship) in Word's link style. */
const runs = (inline: Inline): ParagraphChild[] =>
  inline.map((r) =>
    r.href
      ? new ExternalHyperlink({
          link: r.href,
          children: [new TextRun({ text: r.text, style: 'Hyperlink', language: LANG })],
        })
      : new TextRun({ text: r.text, language: LANG }),
  );

/**
 * DOCX laid out like the published minutes, built with the docx package.
 * Headings use Word's heading styles (Title, Heading 1–2, no level skipped), so the document has a
 * real structure (navigation pane, screen readers); all text is marked Danish.
 * Headings (and the presenter and closed mark under an item's title) keep
 * with the next paragraph, so Word never leaves one alone at a page's foot.
 * A full version holding closed items says so in every page's header.
 */
export async function renderDOCX(m: PrintModel): Promise<Buffer> {
  // One numbering definition per start value; every list gets its own instance
  // so numbering restarts per list (an answer from point 2 starts at 2).
  const starts = new Set<number>([1]);
  let instance = 0;
  const children: Paragraph[] = [];
  const p = (text: string, options: Record<string, unknown> = {}) =>
    new Paragraph({ children: [new TextRun({ text, language: LANG })], ...options });
  const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
    new Paragraph({
      heading: level,
      keepNext: true,
      keepLines: true,
      children: [new TextRun({ text, language: LANG })],
    });
  const closedRun = (text: string) =>
    new TextRun({ text, bold: true, color: 'B91C1C', language: LANG });

  const point = (text: Inline, start: number, level: number, inst: number) =>
    children.push(
      new Paragraph({
        children: runs(text),
        numbering: { reference: `points-${start}`, level, instance: inst },
      }),
    );
  const points = (list: PrintPoint[], start: number, inst: number) => {
    for (const { text, sub } of list) {
      point(text, start, 0, inst);
      for (const s of sub) point(s, start, 1, inst);
    }
  };
  const block = (b: PrintBlock) => {
    if ('paragraph' in b) {
      if (b.paragraph.length) children.push(new Paragraph({ children: runs(b.paragraph) }));
    } else if ('points' in b) {
      const start = b.start ?? 1;
      starts.add(start);
      points(b.points, start, ++instance);
    } else {
      for (const text of b.bullets) {
        children.push(new Paragraph({ children: runs(text), bullet: { level: 0 } }));
      }
    }
  };

  children.push(heading(m.kind, HeadingLevel.TITLE));
  children.push(p(m.forum || m.title, { style: 'Subtitle' }));
  if (m.publicVersion) children.push(p('Offentlig udgave: lukkede punkter er udeladt.'));
  if (m.hasClosed) children.push(new Paragraph({ children: [closedRun(`${CLOSED_NOTICE}.`)] }));
  for (const { label, value, href } of metaLines(m)) {
    children.push(
      new Paragraph({
        children: [
          new TextRun({ text: `${label}: `, bold: true, language: LANG }),
          ...runs([{ text: value, href }]),
        ],
      }),
    );
  }
  const groups = (title: string, list: PrintModel['groups']) => {
    if (!list.length) return;
    children.push(heading(title, HeadingLevel.HEADING_1));
    for (const g of list) {
      // Under "Deltagere" (Heading 1): one level down, no level skipped.
      children.push(heading(g.organisation || 'Øvrige', HeadingLevel.HEADING_2));
      for (const person of g.participants) {
        children.push(
          new Paragraph({
            children: [new TextRun({ text: personLine(person), language: LANG })],
            bullet: { level: 0 },
          }),
        );
      }
    }
  };
  groups('Deltagere', m.groups);
  groups('Afbud', m.absent);

  for (const item of m.items) {
    if (item.withheld) {
      children.push(heading(`${item.number}. Lukket punkt`, HeadingLevel.HEADING_1));
      children.push(p(WITHHELD_TEXT));
      continue;
    }
    children.push(heading(`${item.number}. ${item.title}`, HeadingLevel.HEADING_1));
    if (item.closed)
      children.push(new Paragraph({ keepNext: true, children: [closedRun(CLOSED_MARK)] }));
    if (item.presenter) {
      children.push(
        new Paragraph({
          keepNext: true,
          children: [new TextRun({ text: `v. ${item.presenter}`, italics: true, language: LANG })],
        }),
      );
    }
    for (const section of item.sections) {
      children.push(heading(section.label, HeadingLevel.HEADING_2));
      section.blocks.forEach(block);
    }
  }

  if (m.stamp) {
    children.push(heading('Godkendelse', HeadingLevel.HEADING_1));
    for (const line of m.stamp.lines) children.push(p(line));
  }

  const levels = (start: number): ILevelsOptions[] => [
    {
      level: 0,
      format: LevelFormat.DECIMAL,
      text: '%1.',
      start,
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { left: 720, hanging: 360 } } },
    },
    {
      level: 1,
      format: LevelFormat.LOWER_LETTER,
      text: '%2)',
      start: 1,
      alignment: AlignmentType.START,
      style: { paragraph: { indent: { left: 1440, hanging: 360 } } },
    },
  ];
  const doc = new Document({
    title: `${m.kind} – ${m.forum || m.title}`,
    creator: 'Referat',
    description: m.when,
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22, language: LANG } } },
      // Every style the body names is defined (the docx package defines the headings, Title and Hyperlink).
      paragraphStyles: [
        {
          id: 'Subtitle',
          name: 'Subtitle',
          basedOn: 'Normal',
          next: 'Normal',
          quickFormat: true,
          run: { size: 30, color: '404040' },
          paragraph: { spacing: { after: 160 } },
        },
      ],
    },
    numbering: {
      config: [...starts].map((start) => ({ reference: `points-${start}`, levels: levels(start) })),
    },
    sections: [
      {
        ...(m.hasClosed
          ? {
              headers: {
                default: new Header({
                  children: [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [closedRun(CLOSED_NOTICE)],
                    }),
                  ],
                }),
              },
            }
          : {}),
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
