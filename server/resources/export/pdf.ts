import PDFDocument from 'pdfkit';
import { breakLongRuns, PdfText, printable, type StyledRun, type TextOptions } from './pdfText.ts';
import { inlineText, plain, type Inline, type PrintBlock, type PrintPoint } from './printBlocks.ts';
import {
  CLOSED_MARK,
  CLOSED_NOTICE,
  WITHHELD_TEXT,
  metaLines,
  personLine,
  type PrintModel,
} from './printModel.ts';
import type { Face } from './pdfFonts.ts';

const MARGIN = 64;
const CLOSED_COLOUR = '#b91c1c';
type Heading = 'H1' | 'H2' | 'H3';
const LABEL_GAP = 4;

const xmlEscape = (s: string) =>
  s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

/**
 * PDF laid out like the published minutes (A4, pdfkit), meant to pass a
 * PDF/UA-1 checker: DejaVu Sans embedded (pdfText.ts, pdfFonts.ts), tagged
 * with language da-DK and the title shown as the window title; structure
 * Document > H1 (kind) > H2 (participants, absent, items, approval) > H3
 * (organisations, sections), the same levels as the HTML export; every
 * list L > LI > Lbl + LBody; links as Link elements with an annotation;
 * items as bookmarks; page numbers "Side n af m" and the closed notice are
 * artifacts. A heading is never the last thing on a page: it moves to the
 * next page with what it introduces (at least the first two lines of
 * text). A full version holding closed items says so at the top of every
 * page. `compress: false` is for tests that read the objects.
 */
export async function renderPDF(m: PrintModel, { compress = true } = {}): Promise<Buffer> {
  const title = printable(`${m.kind} – ${m.forum || m.title}`);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    tagged: true,
    // Adds the PDF/UA identifier (pdfuaid:part 1) to the XMP metadata.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    lang: 'da-DK',
    displayTitle: true,
    pdfVersion: '1.7',
    compress,
    info: { Title: title, Author: 'Referat', Subject: printable(m.when) },
  });
  // pdfkit writes the title into the XMP metadata (PDF/UA needs dc:title) unescaped.
  const meta = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = meta._addInfo.bind(doc);
  meta._addInfo = () => {
    const info = meta.info;
    meta.info = Object.fromEntries(
      Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? xmlEscape(v) : v]),
    );
    addInfo();
    meta.info = info;
  };
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) =>
    doc.on('end', () => resolve(Buffer.concat(chunks))),
  );

  const pdf = new PdfText(doc);
  const root = doc.struct('Document');
  doc.addStructure(root);
  const text = (s: string | StyledRun[], face: Face = 'body', options: TextOptions = {}) =>
    pdf.element(root, 'P', typeof s === 'string' ? plain(s) : s, face, {
      paragraphGap: 4,
      ...options,
    });
  const width = doc.page.width - 2 * MARGIN;
  /** Height of `s` set in `face` at `size` (the body font is restored after). */
  const measure = (s: string, face: Face, size: number, options: PDFKit.Mixins.TextOptions) => {
    const h = pdf
      .face(face)
      .fontSize(size)
      .heightOfString(breakLongRuns(printable(s)), { width, ...options });
    pdf.face('body').fontSize(11);
    return h;
  };
  const bodyLine = () => pdf.face('body').fontSize(11).currentLineHeight(true);
  /** Space above a heading (moveDown in lines of the body font). */
  const gapAbove = (tag: Heading) => (tag === 'H2' ? 0.8 : 0.4) * bodyLine();
  const headingHeight = (tag: Heading, s: string, size: number) =>
    gapAbove(tag) + measure(s, 'bold', size, { paragraphGap: 3 });
  /** What must stay on the page with a heading above it: the first two lines of `text`. */
  const lead = (text: string, indent = 0, face: Face = 'body') =>
    Math.min(measure(text, face, 11, { width: width - indent }), 2 * bodyLine()) + 4;
  const blockLead = (b: PrintBlock | undefined): number => {
    if (!b) return 0;
    if ('paragraph' in b) return lead(inlineText(b.paragraph));
    if ('points' in b) return lead(inlineText(b.points[0]?.text ?? []), 30);
    return lead(inlineText(b.bullets[0] ?? []), 22);
  };
  /**
   * A heading, moved to the next page unless it fits together with
   * `following` (the height of what it introduces and must not be parted from).
   */
  const heading = (
    tag: Heading,
    s: string,
    size: number,
    outline = false,
    following = 2 * bodyLine(),
  ) => {
    const bottom = doc.page.height - doc.page.margins.bottom;
    if (doc.y + headingHeight(tag, s, size) + following > bottom) doc.addPage();
    if (outline) doc.outline.addItem(printable(s));
    doc.moveDown(tag === 'H2' ? 0.8 : 0.4);
    doc.fontSize(size);
    pdf.element(root, tag, plain(s), 'bold', { paragraphGap: 3 });
    pdf.face('body').fontSize(11);
  };
  /** A new page unless one more line fits (outside any marked content). */
  const roomForLine = () => {
    if (doc.y + bodyLine() > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };
  /** A list: L > LI > Lbl + LBody, a sub-list inside its point's LBody. */
  const list = (
    parent: PDFKit.PDFStructureElement,
    entries: { label: string; text: Inline; sub?: Inline[] }[],
    indent: number,
    labelWidth: number,
  ) => {
    const l = doc.struct('L');
    parent.add(l);
    // Wide enough for the longest label ("100000." when a list starts there).
    const labels = Math.max(
      labelWidth,
      ...entries.map((e) => doc.widthOfString(e.label) + LABEL_GAP + 2),
    );
    for (const entry of entries) {
      const li = doc.struct('LI');
      l.add(li);
      roomForLine();
      const y = doc.y;
      // Right-aligned against its text (a space's width apart), so "9." and "10." line up
      // and text extraction reads label and text as one line.
      pdf.element(li, 'Lbl', plain(entry.label), 'body', {
        x: MARGIN + indent,
        y,
        width: labels - LABEL_GAP,
        align: 'right',
      });
      const filled = inlineText(entry.text).trim() !== '';
      // An empty point kept for the numbering takes its line, with a label and no body.
      if (!filled) doc.y = y + bodyLine() + 3;
      if (filled || entry.sub?.length) {
        const body = doc.struct('LBody');
        li.add(body);
        if (filled) {
          pdf.draw(body, entry.text, 'body', {
            x: MARGIN + indent + labels,
            y,
            width: width - indent - labels,
            paragraphGap: 3,
          });
        }
        if (entry.sub?.length) {
          const letter = (n: number) => `${String.fromCharCode(96 + n)})`;
          list(
            body,
            entry.sub.map((text, n) => ({ label: letter(n + 1), text })),
            indent + labels,
            22,
          );
        }
        body.end();
      }
      li.end();
    }
    l.end();
    doc.x = MARGIN;
  };
  const points = (list_: PrintPoint[], start: number) =>
    list_.map((p, i) => ({ label: `${start + i}.`, text: p.text, sub: p.sub }));
  const bullets = (texts: Inline[]) =>
    list(
      root,
      texts.map((text) => ({ label: '•', text })),
      8,
      14,
    );
  const block = (b: PrintBlock) => {
    if ('paragraph' in b) {
      if (b.paragraph.length) text(b.paragraph);
    } else if ('points' in b) {
      list(root, points(b.points, b.start ?? 1), 8, 22);
    } else {
      bullets(b.bullets);
    }
  };

  doc.fontSize(22);
  pdf.element(root, 'H1', plain(m.kind), 'bold', { paragraphGap: 4 });
  doc.fontSize(15);
  text(m.forum || m.title);
  doc.fontSize(11).moveDown(0.4);
  if (m.publicVersion) text('Offentlig udgave: lukkede punkter er udeladt.', 'italic');
  if (m.hasClosed) text(`${CLOSED_NOTICE}.`, 'bold', { colour: CLOSED_COLOUR });
  for (const { label, value, href } of metaLines(m)) {
    text([
      { text: `${label}: `, face: 'bold' },
      { text: value, href },
    ]);
  }
  const groups = (title: string, list: PrintModel['groups']) => {
    if (!list.length) return;
    const groupHead = (g: PrintModel['groups'][number]) =>
      headingHeight('H3', g.organisation || 'Øvrige', 11.5) +
      lead(personLine(g.participants[0]), 8);
    heading('H2', title, 15, true, groupHead(list[0]));
    for (const g of list) {
      heading(
        'H3',
        g.organisation || 'Øvrige',
        11.5,
        false,
        lead(personLine(g.participants[0]), 8),
      );
      bullets(g.participants.map((person) => plain(personLine(person))));
    }
  };
  groups('Deltagere', m.groups);
  groups('Afbud', m.absent);

  for (const item of m.items) {
    if (item.withheld) {
      heading('H2', `${item.number}. Lukket punkt`, 15, true);
      text(WITHHELD_TEXT, 'italic');
      continue;
    }
    // The title keeps with its closed mark, presenter, first section label
    // and that section's first lines.
    const first = item.sections[0];
    const following =
      (item.closed ? measure(CLOSED_MARK, 'bold', 11, {}) + 4 : 0) +
      (item.presenter ? measure(`v. ${item.presenter}`, 'italic', 11, {}) + 4 : 0) +
      (first ? headingHeight('H3', first.label, 12.5) + blockLead(first.blocks[0]) : 0);
    heading('H2', `${item.number}. ${item.title}`, 15, true, following);
    if (item.closed) text(CLOSED_MARK, 'bold', { colour: CLOSED_COLOUR });
    if (item.presenter) text(`v. ${item.presenter}`, 'italic');
    for (const section of item.sections) {
      heading('H3', section.label, 12.5, false, blockLead(section.blocks[0]));
      section.blocks.forEach(block);
    }
  }

  if (m.stamp) {
    heading('H2', 'Godkendelse', 15, true, 4 * bodyLine());
    m.stamp.lines.forEach((line) => text(line));
  }
  root.end();

  // Page furniture, outside the structure tree: artifacts.
  const range = doc.bufferedPageRange();
  const furniture = (
    s: string,
    face: Face,
    colour: string,
    y: number,
    align: 'right' | 'center',
  ) => {
    doc.markContent('Artifact', { type: 'Pagination' });
    pdf.face(face).fontSize(9).fillColor(colour);
    doc.text(s, MARGIN, y, { width, align, lineBreak: false });
    doc.endMarkedContent();
  };
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing into the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    furniture(
      `Side ${i + 1} af ${range.count}`,
      'body',
      '#555',
      doc.page.height - MARGIN + 20,
      'right',
    );
    if (m.hasClosed) furniture(CLOSED_NOTICE, 'bold', CLOSED_COLOUR, MARGIN - 30, 'center');
    doc.fillColor('black');
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
