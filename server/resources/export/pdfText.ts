import { graphemeClusters } from './graphemes.ts';
import { pdfFonts, type Face, type Segment } from './pdfFonts.ts';
import type { Run } from './printBlocks.ts';

const LINK_COLOUR = '#1d4ed8';

/** A run with its own face (a bold label before a plain value). */
export interface StyledRun extends Run {
  face?: Face;
}

export type TextOptions = PDFKit.Mixins.TextOptions & { colour?: string };

/**
 * Text as it prints: NFC (a letter and its combining accent as the one
 * glyph the font has), no soft hyphens (they would print as "-"; the
 * text breaks at spaces), no control characters, tabs as spaces.
 */
export function printable(s: string): string {
  return s
    .normalize('NFC')
    .replace(/\t/g, ' ')
    .replace(/[\u00ad\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}

/**
 * A zero-width space after every 60 characters of a run without spaces
 * (linear time). pdfkit wraps a word longer than the line one character at
 * a time, in time quadratic in its length (100 KB without a space took 8 s,
 * a pasted megabyte hours); this gives it break opportunities, and prints
 * and extracts as nothing. Counted in grapheme clusters: a break never
 * splits a surrogate pair (which printed as two U+FFFD), a letter from its
 * accent or an emoji sequence.
 */
export function breakLongRuns(s: string): string {
  if (s.length <= 60) return s;
  const out: string[] = [];
  let run = 0;
  for (const segment of graphemeClusters(s)) {
    if (/^\s/.test(segment)) run = 0;
    else if (++run > 60) {
      out.push('\u200b');
      run = 1;
    }
    out.push(segment);
  }
  return out.join('');
}

/** Whether a link's text is its address (then the text alone describes it). */
function isAddress(text: string, href: string): boolean {
  try {
    return new URL(text.trim()).href === href;
  } catch {
    return false;
  }
}

/** A PDF text string: UTF-16BE with its byte order mark, as hex. */
const pdfText = (s: string) =>
  `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;

/**
 * Draws tagged text with pdfkit: every piece of text inside the marked
 * content of its structure element, a link as a Link element holding its
 * text and its annotation (with /Contents), a character no font has as
 * U+FFFD marked with the original as /ActualText (read aloud and
 * extracted as written).
 */
export class PdfText {
  private readonly split: ReturnType<typeof pdfFonts>;
  /** What the link annotation being drawn says it leads to. */
  private linkAlt = '';
  /** The text the glyph being drawn stands for (a replacement). */
  private actual = '';

  constructor(private readonly doc: PDFKit.PDFDocument) {
    this.split = pdfFonts(doc);
    const link = doc.link.bind(doc);
    doc.link = (x, y, w, h, url, options) =>
      link(x, y, w, h, url, {
        ...options,
        Contents: new String(this.linkAlt || String(url)),
      } as PDFKit.Mixins.AnnotationOption);
    // The ActualText span goes inside pdfkit's q … Q around the glyph:
    // readers (poppler) place the text with the transformation in force
    // at EMC, which must be the glyph's.
    const addContent = doc.addContent.bind(doc);
    doc.addContent = (data: unknown) => {
      if (this.actual && data === 'BT')
        addContent(`/Span <</ActualText ${pdfText(this.actual)}>> BDC`);
      addContent(data);
      if (this.actual && data === 'ET') addContent('EMC');
      return doc;
    };
  }

  /** Selects a face (the fonts are registered under these names). */
  face(face: Face): PDFKit.PDFDocument {
    return this.doc.font(face);
  }

  /**
   * Draws `runs` as one paragraph into `parent` (attached to the structure
   * tree): at `x`/`y` when given, else where the document stands.
   */
  draw(
    parent: PDFKit.PDFStructureElement,
    runs: StyledRun[],
    face: Face,
    { x, y, colour = 'black', ...options }: TextOptions & { x?: number; y?: number } = {},
  ) {
    const doc = this.doc;
    // One piece per link, and one for the text between links (one marked-content sequence each).
    const pieces: { href?: string; segments: Segment[] }[] = [];
    for (const r of runs) {
      const segments = this.split(breakLongRuns(printable(r.text)), r.face ?? face);
      const last = pieces.at(-1);
      if (!segments.length) continue;
      if (last && !last.href && !r.href) last.segments.push(...segments);
      else pieces.push({ href: r.href, segments });
    }
    let first = true;
    pieces.forEach((piece, i) => {
      const draw = () => {
        doc.fillColor(piece.href ? LINK_COLOUR : colour);
        piece.segments.forEach((s, j) => {
          const last = i === pieces.length - 1 && j === piece.segments.length - 1;
          const opts = {
            ...options,
            continued: !last,
            link: piece.href ?? null,
            underline: Boolean(piece.href),
          } as PDFKit.Mixins.TextOptions;
          doc.font(s.font);
          this.actual = s.actual ?? '';
          if (first && (x !== undefined || y !== undefined)) doc.text(s.text, x, y, opts);
          else doc.text(s.text, opts);
          this.actual = '';
          first = false;
        });
      };
      if (piece.href) {
        const text = piece.segments.map((s) => s.actual ?? s.text).join('');
        this.linkAlt = isAddress(text, piece.href) ? text : `${text} (${piece.href})`;
        parent.add(doc.struct('Link', {}, draw));
      } else {
        parent.add(draw);
      }
    });
    doc.fillColor(colour).font(face);
  }

  /** A structure element holding one paragraph of `runs`, added to `parent`. */
  element(
    parent: PDFKit.PDFStructureElement,
    tag: string,
    runs: StyledRun[],
    face: Face,
    options?: TextOptions & { x?: number; y?: number },
  ) {
    const element = this.doc.struct(tag);
    parent.add(element);
    this.draw(element, runs, face, options);
    element.end();
  }
}
