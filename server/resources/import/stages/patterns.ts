/*
 * Every pattern of the import stages runs on text of any length (one line
 * of an upload can be a megabyte), so none may backtrack over it from every
 * start position: a leading `\s*`/`\s+` is preceded by `(?<!\s)` (only the
 * start of a whitespace run is tried, which is where a match starts anyway),
 * what can follow whitespace begins with `\S`, and ends of text are tested
 * with trimEnd/endsWith or on a bounded tail. Wrapped lines are joined with
 * WrappedText, which never reads the text it builds.
 */

/** "3. Title (Presenter)": an item's heading (or, inside a list, a numbered point). */
export const ITEM = /^(\d{1,2})\.\s+(\S.*)$/;

/** "- Text", "• Text": a bullet (or a participant in a participant list). */
export const BULLET = /^[-•▪●–]\s+(\S.*)$/;

/**
 * `/\s*\(([^()]{min,max})\)\s*$/.exec(text)`, read from the end: a
 * parenthesis closing the text; `index` is where the whitespace before it starts.
 */
export function trailingParenthesis(
  text: string,
  min: number,
  max: number,
): { index: number; inner: string } | null {
  const end = text.trimEnd();
  const close = end.length - 1;
  if (end[close] !== ')') return null;
  const open = end.lastIndexOf('(', close);
  if (open < 0 || end.lastIndexOf(')', close - 1) > open) return null;
  const inner = end.slice(open + 1, close);
  if (inner.length < min || inner.length > max) return null;
  return { index: end.slice(0, open).trimEnd().length, inner };
}
