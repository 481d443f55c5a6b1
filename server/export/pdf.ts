import PDFDocument from 'pdfkit';
import type { Block, Point } from '../../shared/minutes/content.ts';
import {
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

/**
 * PDF laid out like the published minutes (A4, pdfkit). Tagged PDF with
 * language da-DK, headings as H1/H2/H3 structure elements and as bookmarks;
 * page numbers "Side n af m" are marked as artifacts.
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
  const heading = (tag: 'H1' | 'H2' | 'H3', s: string, size: number, outline = false) => {
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
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
  for (const [label, value] of metaLines(m)) {
    tagged('P', () => {
      doc.font(BOLD).text(`${label}: `, { continued: true });
      doc.font(FONT).text(value);
    });
  }
  const groups = (title: string, list: PrintModel['groups']) => {
    if (!list.length) return;
    heading('H1', title, 15, true);
    for (const g of list) {
      heading('H3', g.organisation || 'Øvrige', 11.5);
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
    heading('H1', `${item.number}. ${item.title}`, 15, true);
    if (item.presenter) {
      doc.font(ITALIC);
      text(`v. ${item.presenter}`);
      doc.font(FONT);
    }
    for (const section of item.sections) {
      heading('H2', section.label, 12.5);
      section.blocks.forEach(block);
    }
  }

  if (m.stamp) {
    heading('H1', 'Godkendelse', 15, true);
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
