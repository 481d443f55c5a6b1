import PDFDocument from 'pdfkit';
import type { Block, Point } from '../../shared/minutes/content.ts';
import {
  CLOSED_MARK,
  CLOSED_NOTICE,
  WITHHELD_TEXT,
  danishDateTime,
  metaLines,
  personLine,
  type PrintModel,
} from './printModel.ts';

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const MARGIN = 64;
const CLOSED_COLOUR = '#b91c1c';

/**
 * PDF laid out like the published minutes (A4, pdfkit). Tagged PDF with
 * language da-DK, headings as H1/H2/H3 structure elements and as bookmarks;
 * page numbers "Side n af m" are marked as artifacts. A heading is never the
 * last thing on a page: it moves to the next page with what it introduces
 * (at least the first two lines of text). A full version holding closed
 * items says so at the top of every page.
 */
export async function renderPDF(m: PrintModel): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    tagged: true,
    lang: 'da-DK',
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: `${m.kind} – ${m.forum || m.title}`, Author: 'Referat', Subject: m.when },
  });
  // pdfkit wraps a word longer than the line one character at a time, in time
  // quadratic in its length (100 KB without a space took 8 s, a pasted
  // megabyte hours). A zero-width space every 60 characters of such a run
  // gives it break opportunities; it prints nothing and extracts as nothing.
  const drawText = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  doc.text = ((s: unknown, ...rest: unknown[]) =>
    drawText(typeof s === 'string' ? breakLongRuns(s) : s, ...rest)) as typeof doc.text;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const root = doc.struct('Document');
  doc.addStructure(root);
  const tagged = (tag: string, draw: () => void) => {
    const element = doc.struct(tag, {}, () => draw());
    root.add(element);
    element.end();
  };
  const text = (s: string, options: PDFKit.Mixins.TextOptions = {}) =>
    tagged('P', () => doc.text(s, { paragraphGap: 4, ...options }));
  const width = doc.page.width - 2 * MARGIN;
  /** Height of `s` set in `font` at `size` (the body font is restored after). */
  const measure = (s: string, font: string, size: number, options: PDFKit.Mixins.TextOptions) => {
    const h = doc
      .font(font)
      .fontSize(size)
      .heightOfString(breakLongRuns(s), { width, ...options });
    doc.font(FONT).fontSize(11);
    return h;
  };
  const bodyLine = () => doc.font(FONT).fontSize(11).currentLineHeight(true);
  /** Space above a heading (moveDown in lines of the body font). */
  const gapAbove = (tag: 'H1' | 'H2' | 'H3') => (tag === 'H1' ? 0.8 : 0.4) * bodyLine();
  const headingHeight = (tag: 'H1' | 'H2' | 'H3', s: string, size: number) =>
    gapAbove(tag) + measure(s, BOLD, size, { paragraphGap: 3 });
  /** What must stay on the page with a heading above it: the first two lines of `text`. */
  const lead = (text: string, indent = 0, font = FONT) =>
    Math.min(measure(text, font, 11, { width: width - indent }), 2 * bodyLine()) + 4;
  const blockLead = (b: Block | undefined): number => {
    if (!b) return 0;
    if ('paragraph' in b) return lead(b.paragraph);
    if ('points' in b) {
      const first = b.points[0];
      return lead(typeof first === 'string' ? first : (first?.text ?? ''), 30);
    }
    return lead(b.bullets[0] ?? '', 22);
  };
  /**
   * A heading, moved to the next page unless it fits together with
   * `following` (the height of what it introduces and must not be parted from).
   */
  const heading = (
    tag: 'H1' | 'H2' | 'H3',
    s: string,
    size: number,
    outline = false,
    following = 2 * bodyLine(),
  ) => {
    const bottom = doc.page.height - doc.page.margins.bottom;
    if (doc.y + headingHeight(tag, s, size) + following > bottom) doc.addPage();
    if (outline) doc.outline.addItem(s);
    doc.moveDown(tag === 'H1' ? 0.8 : 0.4);
    tagged(tag, () => doc.font(BOLD).fontSize(size).text(s, { paragraphGap: 3 }));
    doc.font(FONT).fontSize(11);
  };
  const points = (list: Point[], start: number, indent: number, letters: boolean) => {
    list.forEach((point, i) => {
      const n = start + i;
      const marker = letters ? `${String.fromCharCode(96 + n)})` : `${n}.`;
      const s = typeof point === 'string' ? point : point.text;
      tagged('LI', () => {
        const y = doc.y;
        doc.text(marker, MARGIN + indent, y, { width: 22 });
        doc.text(s, MARGIN + indent + 22, y, { paragraphGap: 3 });
      });
      if (typeof point !== 'string' && point.sub.length) points(point.sub, 1, indent + 22, true);
    });
    doc.x = MARGIN;
  };
  const block = (b: Block) => {
    if ('paragraph' in b) {
      if (b.paragraph) text(b.paragraph);
    } else if ('points' in b) {
      points(b.points, b.start ?? 1, 8, false);
    } else {
      for (const bullet of b.bullets) {
        tagged('LI', () => {
          const y = doc.y;
          doc.text('•', MARGIN + 8, y, { width: 14 });
          doc.text(bullet, MARGIN + 22, y, { paragraphGap: 3 });
        });
      }
      doc.x = MARGIN;
    }
  };

  doc.font(BOLD).fontSize(22);
  tagged('H1', () => doc.text(m.kind));
  doc.font(FONT).fontSize(15);
  text(m.forum || m.title);
  doc.fontSize(11).moveDown(0.4);
  if (m.publicVersion) text('Offentlig udgave: lukkede punkter er udeladt.', { oblique: true });
  if (m.hasClosed) {
    doc.font(BOLD).fillColor(CLOSED_COLOUR);
    text(`${CLOSED_NOTICE}.`);
    doc.font(FONT).fillColor('black');
  }
  for (const [label, value] of metaLines(m)) {
    tagged('P', () => {
      doc.font(BOLD).text(`${label}: `, { continued: true });
      doc.font(FONT).text(value);
    });
  }
  const groups = (title: string, list: PrintModel['groups']) => {
    if (!list.length) return;
    const groupHead = (g: PrintModel['groups'][number]) =>
      headingHeight('H3', g.organisation || 'Øvrige', 11.5) +
      lead(personLine(g.participants[0]), 8);
    heading('H1', title, 15, true, groupHead(list[0]));
    for (const g of list) {
      heading(
        'H3',
        g.organisation || 'Øvrige',
        11.5,
        false,
        lead(personLine(g.participants[0]), 8),
      );
      for (const person of g.participants) text(personLine(person), { indent: 8 });
    }
  };
  groups('Deltagere', m.groups);
  groups('Afbud', m.absent);

  for (const item of m.items) {
    if (item.withheld) {
      heading('H1', `${item.number}. Lukket punkt`, 15, true);
      doc.font(ITALIC);
      text(WITHHELD_TEXT);
      doc.font(FONT);
      continue;
    }
    // The title keeps with its closed mark, presenter, first section label
    // and that section's first lines.
    const first = item.sections[0];
    const following =
      (item.closed ? measure(CLOSED_MARK, BOLD, 11, {}) + 4 : 0) +
      (item.presenter ? measure(`v. ${item.presenter}`, ITALIC, 11, {}) + 4 : 0) +
      (first ? headingHeight('H2', first.label, 12.5) + blockLead(first.blocks[0]) : 0);
    heading('H1', `${item.number}. ${item.title}`, 15, true, following);
    if (item.closed) {
      doc.font(BOLD).fillColor(CLOSED_COLOUR);
      text(CLOSED_MARK);
      doc.font(FONT).fillColor('black');
    }
    if (item.presenter) {
      doc.font(ITALIC);
      text(`v. ${item.presenter}`);
      doc.font(FONT);
    }
    for (const section of item.sections) {
      heading('H2', section.label, 12.5, false, blockLead(section.blocks[0]));
      section.blocks.forEach(block);
    }
  }

  if (m.stamp) {
    heading('H1', 'Godkendelse', 15, true, 4 * bodyLine());
    text(
      `Godkendt ${danishDateTime(m.stamp.at)} af ${m.stamp.approvals
        .map((a) => `${a.name} (${danishDateTime(a.at)})`)
        .join(', ')}.`,
    );
    text(`Indholdets fingeraftryk (SHA-256): ${m.stamp.hash}`, { characterSpacing: 0 });
  }
  root.end();

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing into the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' } as never);
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor('#555')
      .text(`Side ${i + 1} af ${range.count}`, MARGIN, doc.page.height - MARGIN + 20, {
        width: doc.page.width - 2 * MARGIN,
        align: 'right',
        lineBreak: false,
      });
    doc.endMarkedContent();
    if (m.hasClosed) {
      doc.markContent('Artifact', { type: 'Pagination', subtype: 'Header' } as never);
      doc
        .font(BOLD)
        .fontSize(9)
        .fillColor(CLOSED_COLOUR)
        .text(CLOSED_NOTICE, MARGIN, MARGIN - 30, {
          width: doc.page.width - 2 * MARGIN,
          align: 'center',
          lineBreak: false,
        });
      doc.endMarkedContent();
    }
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

/** A zero-width space after every 60 characters of a run without spaces (linear time). */
export function breakLongRuns(s: string): string {
  return s.length <= 60 ? s : s.replace(/\S{60}(?=\S)/g, '$&\u200b');
}
