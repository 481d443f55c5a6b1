import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { graphemeClusters } from './graphemes.ts';

/**
 * The PDF's fonts: DejaVu Sans from the dejavu-fonts-ttf package, embedded
 * and subset by pdfkit (Type0/Identity-H with a ToUnicode map, so every
 * script the font covers prints and extracts as written). DejaVu Math TeX
 * Gyre stands in for symbols the faces lack; a character no font has
 * prints as U+FFFD and carries the original as ActualText.
 */
const FILES = {
  body: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  symbols: 'DejaVuMathTeXGyre.ttf',
} as const;
type FontName = keyof typeof FILES;
export type Face = Exclude<FontName, 'symbols'>;

/** Where a face looks for a character, in order (the oblique faces cover less than upright). */
const FALLBACKS: Record<Face, FontName[]> = {
  body: ['body', 'symbols'],
  bold: ['bold', 'body', 'symbols'],
  italic: ['italic', 'body', 'symbols'],
  boldItalic: ['boldItalic', 'bold', 'italic', 'body', 'symbols'],
};

export const REPLACEMENT = '\uFFFD';

// Resolved through the package, so it works from any working directory and in the worker threads.
const require = createRequire(import.meta.url);
let files: Record<FontName, Buffer> | null = null;
/** The font files, read once per thread. */
const fontFiles = () =>
  (files ??= Object.fromEntries(
    Object.entries(FILES).map(([name, file]) => [
      name,
      readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`)),
    ]),
  ) as Record<FontName, Buffer>);

interface Coverage {
  hasGlyphForCodePoint(codePoint: number): boolean;
}
/** pdfkit's document as far as the fonts are concerned (its loaded fontkit font is not typed). */
interface FontDoc {
  registerFont(name: string, src: Buffer): unknown;
  font(name: string): unknown;
  _font: { font: Coverage };
}

export interface Segment {
  text: string;
  font: FontName;
  /** Set when `text` is a replacement: what it stands for (ActualText). */
  actual?: string;
}

/**
 * Registers the fonts with a document and returns a function splitting a
 * text into runs by glyph coverage, for a face. Only fonts that print
 * something are embedded (pdfkit embeds a font once a page uses it).
 */
export function pdfFonts(doc: PDFKit.PDFDocument): (text: string, face: Face) => Segment[] {
  const d = doc as unknown as FontDoc;
  const coverage = {} as Record<FontName, Coverage>;
  for (const [name, buffer] of Object.entries(fontFiles()) as [FontName, Buffer][]) {
    d.registerFont(name, buffer);
    d.font(name);
    coverage[name] = d._font.font;
  }
  d.font('body');
  return (text, face) => segments(text, FALLBACKS[face], coverage);
}

/** Prints nothing: dropped where a font has no glyph for it (ZWJ, variation selectors, bidi marks). */
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

/**
 * `text` in runs of one font each: per grapheme cluster (a letter with its
 * combining marks, an emoji sequence) the first font of `chain` that has
 * every visible character of it; none: U+FFFD for the whole cluster, so a
 * missing glyph never prints as garbage or takes its neighbours along.
 */
function segments(text: string, chain: FontName[], coverage: Record<FontName, Coverage>) {
  const has = (font: FontName, c: string) =>
    c === '\n' || coverage[font].hasGlyphForCodePoint(c.codePointAt(0)!);
  const primary = chain[0];
  let all = true;
  for (const c of text) {
    if (!has(primary, c)) {
      all = false;
      break;
    }
  }
  if (all) return text ? [{ text, font: primary }] : [];
  const out: Segment[] = [];
  const push = (s: Segment) => {
    const last = out.at(-1);
    if (!s.text) return;
    if (last && !last.actual && !s.actual && last.font === s.font) last.text += s.text;
    else out.push(s);
  };
  for (const segment of graphemeClusters(text)) {
    const chars = [...segment];
    const font = chain.find((f) => chars.every((c) => IGNORABLE.test(c) || has(f, c)));
    if (font) push({ text: chars.filter((c) => has(font, c)).join(''), font });
    else push({ text: REPLACEMENT, font: primary, actual: segment });
  }
  return out;
}
