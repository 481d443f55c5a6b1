/**
 * One line of an existing agenda or minutes. Plain text (as extracted from a
 * PDF) gives only `text`; a DOCX also says what the line is.
 */
export interface SourceLine {
  text: string;
  kind?: 'title' | 'heading1' | 'heading2' | 'heading3' | 'bullet' | 'number' | 'letter';
  /** For `number`/`letter` lines from a DOCX: the list restarts when this changes. */
  list?: string;
  /** For `number` lines: the list's first number (a beslutning answering from point 2). */
  start?: number;
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
