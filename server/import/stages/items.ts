import type { ItemContent } from '../../../shared/minutes/content.ts';
import { closeBlocks, wrapOnto, wrappedText, type ItemsState } from './itemsState.ts';
import { continueWrappedList, readListEntry } from './lists.ts';
import type { Line } from './normaliseLines.ts';
import { ITEM, trailingParenthesis } from './patterns.ts';
import { presenterInTitle, presenterLine } from './presenter.ts';
import { addText, readLink, readSectionLabel, sectionOf } from './sections.ts';
import { readSubheading } from './subheadings.ts';

/**
 * The items stage: item headings ("3. Title (Presenter)", wrapped over
 * lines in a PDF), then within an item its presenter, sections, lists,
 * links and paragraphs. False only for a line before the first item (the
 * header's), which it leaves alone.
 */
export function readItemsLine(state: ItemsState, line: Line): boolean {
  if (readHeading(state, line) || readTitleWrap(state, line)) return true;
  finishTitle(state);
  const item = state.item;
  if (!item) return false;
  if (
    readSectionLabel(state, item, line) ||
    readPresenter(state, item, line) ||
    readSubheading(state, item, line) ||
    readListEntry(state, item, line) ||
    readLink(state, item, line) ||
    continueWrappedList(state, line)
  ) {
    return true;
  }
  state.list = null;
  addText(state, item, line.text, line.whole);
  return true;
}

/**
 * A top-level heading. "n. Title" with the next item's number starts that
 * item, unless (in plain text) it is the next point of an open numbered
 * list; so does a Heading 1 that Word numbers (its number is not in its
 * text), whatever its number. Another Word Heading 1 (e.g. "Godkendelse"
 * of an export) is not an item: it and what follows until the next item
 * are listed, not placed.
 */
function readHeading(state: ItemsState, line: Line): boolean {
  const text = line.text;
  const m = ITEM.exec(text);
  const isHeading1 = line.kind === 'heading1';
  const wordNumbered = isHeading1 && line.number !== undefined;
  if (
    (m &&
      (isHeading1 || line.kind === undefined) &&
      Number(m[1]) === state.items.length + 1 &&
      !(!isHeading1 && state.list?.kind === 'points' && state.list.last === Number(m[1]) - 1)) ||
    wordNumbered
  ) {
    finishTitle(state);
    state.outside = false;
    startItem(state, (m ? m[2] : text).trim());
    // A Word heading is complete (its presenter is read now); a PDF line may wrap onto the next.
    if (line.whole) finishTitle(state);
    return true;
  }
  if (isHeading1 && !m) {
    finishTitle(state);
    closeBlocks(state);
    state.section = null;
    state.outside = true;
    state.outsideHeading = text.length > 80 ? `${text.slice(0, 80)}…` : text;
    state.unrecognised.push(`Overskrift uden for punkterne, ikke overført: ${text}`);
    return true;
  }
  if (state.outside) {
    state.unrecognised.push(
      `Stod under «${state.outsideHeading}» uden for punkterne, ikke overført: ${text}`,
    );
    return true;
  }
  return false;
}

function startItem(state: ItemsState, title: string) {
  closeBlocks(state);
  state.section = null;
  state.item = { title, sections: [] };
  state.items.push(state.item);
  state.titleOpen = true;
}

const WRAP_START = /^\p{Ll}|^\(/u;

/**
 * The item's title continued on the next line: after a hyphen, or a line
 * starting in lower case or with "(" (not a section label); or a short
 * line ending in "(Presenter)" ("…Sundhedsaftalens Dash" + "Board (Maj Skårhøj)").
 */
function readTitleWrap(state: ItemsState, line: Line): boolean {
  const item = state.item;
  if (!item || !state.titleOpen) return false;
  const text = line.text;
  const label = sectionOf(text);
  if (
    (!label &&
      (wrappedText(state, item, 'title').tail(1) === '-' || WRAP_START.test(text)) &&
      !line.breakBefore) ||
    (!label && WRAP_START.test(text)) ||
    (line.kind === undefined && text.length < 120 && /\([^()]{2,60}\)$/.test(text))
  ) {
    wrapOnto(state, item, 'title', text);
    return true;
  }
  return false;
}

/**
 * Closes the open title: "Title (Presenter)" or "Title v. Presenter" names
 * the presenter, "(Fast punkt)" makes a standing item (at the start when it
 * is the first).
 */
export function finishTitle(state: ItemsState) {
  const item = state.item;
  if (!item || !state.titleOpen) return;
  state.titleOpen = false;
  const m = trailingParenthesis(item.title, 2, 60);
  const written = item.title;
  if (m) {
    item.title = written.slice(0, m.index).trim();
    if (/^fast punkt$/i.test(m.inner.trim()))
      item.standing = state.items.length === 1 ? 'start' : 'end';
    else {
      titleAsWritten.set(item, written);
      item.presenter = m.inner.trim();
    }
    return;
  }
  const split = presenterInTitle(written);
  if (split) {
    titleAsWritten.set(item, written);
    Object.assign(item, split);
  }
}

/**
 * The title as written, of items whose presenter was taken from it: a Word
 * paragraph "v. Presenter" after it (as the export writes one) says the
 * title's parenthesis was part of the title after all.
 */
const titleAsWritten = new WeakMap<ItemContent, string>();

/**
 * "Deltager: X" / "v. X" before the first section names the presenter
 * (the line is taken), as does a Word paragraph "(X)" right under the
 * title; "X Y indleder punktet" names them when none is known yet (the
 * line is kept as text too).
 */
function readPresenter(state: ItemsState, item: ItemContent, line: Line): boolean {
  const presenter = /^(?:deltager(?:e)?:|v\.)\s*(\S.*)$/i.exec(line.text)?.[1];
  const alone = line.whole && !item.sections.length ? presenterLine(line.text) : null;
  if ((presenter || alone) && !state.section) {
    const written = presenter && line.whole ? titleAsWritten.get(item) : undefined;
    if (written !== undefined) {
      titleAsWritten.delete(item);
      item.title = written;
      item.presenter = '';
    }
    item.presenter ||= (presenter ?? alone)!.trim();
    return true;
  }
  if (!item.presenter) {
    const by = openedBy(line.text);
    if (by) item.presenter = by;
  }
  return false;
}

const NAME_CHAR = /^[\p{L}-]$/u;
const UPPER = /^\p{Lu}$/u;

/** The character (code point) that ends at `end`. */
function charBefore(text: string, end: number): string {
  const pair = end >= 2 ? text.slice(end - 2, end) : '';
  return pair.length === 2 && pair.codePointAt(0)! > 0xffff ? pair : text.slice(end - 1, end);
}

/** Where the run of name characters (letters and hyphens) that ends at `end` starts. */
function nameStart(text: string, end: number): number {
  let i = end;
  for (let c = charBefore(text, i); i > 0 && NAME_CHAR.test(c); c = charBefore(text, i)) {
    i -= c.length;
  }
  return i;
}

/**
 * "Anders And indleder punktet": `/(\p{Lu}[\p{L}-]+ \p{Lu}[\p{L}-]+) indleder
 * punkt/u.exec(text)?.[1]`, read backwards from each " indleder punkt" so
 * that a long run of capitals is not tried from each of its letters.
 */
export function openedBy(text: string): string | null {
  const PHRASE = ' indleder punkt';
  for (let at = text.indexOf(PHRASE); at >= 0; at = text.indexOf(PHRASE, at + 1)) {
    // The second word is the whole run of name characters before the phrase, after a space.
    const second = nameStart(text, at);
    if (text[second - 1] !== ' ') continue;
    const secondHead = String.fromCodePoint(text.codePointAt(second)!);
    if (!UPPER.test(secondHead) || second + secondHead.length >= at) continue;
    // The first word: from the first capital of the run before the space that has a letter after it.
    const space = second - 1;
    for (let i = nameStart(text, space); i < space;) {
      const head = String.fromCodePoint(text.codePointAt(i)!);
      if (UPPER.test(head) && i + head.length < space) return text.slice(i, at);
      i += head.length;
    }
  }
  return null;
}
