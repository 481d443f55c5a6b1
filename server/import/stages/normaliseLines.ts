import type { SourceLine } from '../sourceLines.ts';

/** A source line the later stages read: trimmed, never empty, never a page mark. */
export interface Line extends SourceLine {
  /**
   * Blank lines or page marks came before it: where a PDF's paragraphs
   * broke, which tells a new paragraph from a wrapped line.
   */
  breakBefore: boolean;
}

const PAGE_MARK = /^side \d+ af \d+$/i;

/**
 * The first stage: drops page marks ("Side 2 af 8") and blank lines,
 * remembering where paragraphs broke, and trims each line (no-break spaces
 * count as spaces).
 */
export function normaliseLines(source: SourceLine[]): Line[] {
  const lines: Line[] = [];
  let blank = false;
  for (const line of source) {
    const text = line.text.replace(/\u00a0/g, ' ').trim();
    if (!text || PAGE_MARK.test(text)) {
      blank = true;
      continue;
    }
    // Spelled out, not `...line`: object spread costs ~1 µs a line, which adds up over a megabyte of short lines.
    const { kind, list, start, whole } = line;
    lines.push({ text, kind, list, start, whole, breakBefore: blank });
    blank = false;
  }
  return lines;
}
