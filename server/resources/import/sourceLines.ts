import type { TextLink } from '../../../shared/minutes/richText.ts';

/**
 * One line of an existing agenda or minutes. Plain text (as extracted from a
 * PDF) gives only `text`; a DOCX also says what the line is.
 */
export interface SourceLine {
  text: string;
  kind?: 'title' | 'heading1' | 'heading2' | 'heading3' | 'bullet' | 'number' | 'letter';
  /**
   * For `number`/`letter` lines from a DOCX: which list the paragraph counts
   * in (Word's abstract numbering, so lists Word continues across its list
   * instances stay one); a line of another list starts a new one.
   */
  list?: string;
  /** For `number` lines: the list level's first number. */
  start?: number;
  /**
   * For `number`/`letter` lines and numbered Heading 1s (item headings)
   * from a DOCX: the number Word shows before the paragraph (not in its
   * text), counted as Word counts (a beslutning answering from point 2 shows 2).
   */
  number?: number;
  /** For `bullet` lines from a DOCX: how deep the bullet is nested (Word's ilvl, 0 = top). */
  level?: number;
  /** Links over parts of `text` (a DOCX's hyperlinks), in order, not overlapping. */
  links?: TextLink[];
  /** A whole paragraph (DOCX): never joined with its neighbours as a wrapped line. */
  whole?: boolean;
}

/** Plain text (e.g. copied from a PDF) into source lines. */
export function textLines(text: string): SourceLine[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .split('\n')
    .map((t) => ({ text: t }));
}
