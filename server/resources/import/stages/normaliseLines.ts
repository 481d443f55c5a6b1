import type { TextLink } from '../../../../shared/minutes/richText.ts';
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
    const { kind, list, start, whole, number, level } = line;
    const next: Line = { text, kind, list, start, whole, breakBefore: blank };
    // A DOCX's richer lines: Word's number, nesting level, links (moved with the trimming).
    if (number !== undefined) next.number = number;
    if (level !== undefined) next.level = level;
    if (line.links?.length) next.links = trimmedLinks(line, text);
    lines.push(next);
    blank = false;
  }
  return lines;
}

/** A line's links on its trimmed text: shifted by what was trimmed at its start, cut at its end. */
function trimmedLinks(line: SourceLine, text: string): TextLink[] {
  const shift = line.text.length - line.text.trimStart().length;
  return line
    .links!.map((l) => ({
      ...l,
      from: Math.max(0, l.from - shift),
      to: Math.min(text.length, l.to - shift),
    }))
    .filter((l) => l.to > l.from);
}
