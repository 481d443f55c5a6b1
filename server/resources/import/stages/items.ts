import type { ItemContent } from '../../../../shared/minutes/content.ts';
import { check, NOT_RECOGNISED, SURE, LIKELY, UNSURE } from './checks.ts';
import {
  closeBlocks,
  ensureSection,
  wrapOnto,
  wrappedText,
  type ItemsState,
} from './itemsState.ts';
import { continueWrappedList, readListEntry } from './lists.ts';
import type { Line } from './normaliseLines.ts';
import { ITEM, trailingParenthesis } from './patterns.ts';
import { presenterInTitle, presenterLine } from './presenter.ts';
import { isRecommendation } from './recommendation.ts';
import {
  addText,
  openSection,
  readLink,
  readSectionLabel,
  sectionOf,
  startsParagraph,
} from './sections.ts';
import { subheadingOf } from './subheading.ts';

/** A title longer than this was likely joined with text that is not the title. */
const MAX_SURE_TITLE = 150;

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
    readListEntry(state, item, line) ||
    readLink(state, item, line) ||
    continueWrappedList(state, line)
  ) {
    return true;
  }
  state.list = null;
  if (readSubheading(state, item, line) || readRecommendation(state, item, line)) return true;
  addText(state, item, line.text, line.whole);
  return true;
}

/**
 * A sub-heading inside the open section: a Word Heading 2 or 3 that is no
 * section label, or (plain text, where a paragraph would start) a usual
 * one ("Baggrund", "Økonomi:"). Another short line that looks like a
 * heading stays text (joined with the next line, as before) but is listed.
 */
function readSubheading(state: ItemsState, item: ItemContent, line: Line): boolean {
  const text = line.text;
  const word = line.kind === 'heading2' || line.kind === 'heading3';
  if (!word && line.kind !== undefined) return false;
  const kind = word ? 'known' : startsParagraph(state, text) ? subheadingOf(text) : null;
  if (!kind) return false;
  const section = ensureSection(state, item, text);
  if (kind === 'possible') {
    check(
      state.checks,
      { as: 'kept', item: state.items.length, section: section.type },
      UNSURE,
      text,
    );
    return false;
  }
  closeBlocks(state);
  section.blocks.push({ paragraph: text.replace(/:$/, '').trimEnd(), subheading: true });
  check(
    state.checks,
    { as: 'subheading', item: state.items.length, section: section.type },
    word ? SURE : LIKELY,
    text,
  );
  return true;
}

/**
 * "Det indstilles, at …" where a paragraph starts, before any section other
 * than the Sagsfremstilling: opens the Indstilling, though no label did.
 */
function readRecommendation(state: ItemsState, item: ItemContent, line: Line): boolean {
  const text = line.text;
  const section = state.section?.type;
  if (section && section !== 'sagsfremstilling') return false;
  if (!isRecommendation(text) || !(line.whole || startsParagraph(state, text))) return false;
  openSection(state, item, 'indstilling', text, UNSURE);
  addText(state, item, text, line.whole);
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
    check(state.checks, { as: 'dropped' }, NOT_RECOGNISED, text);
    return true;
  }
  if (state.outside) {
    state.unrecognised.push(
      `Stod under «${state.outsideHeading}» uden for punkterne, ikke overført: ${text}`,
    );
    check(state.checks, { as: 'dropped' }, NOT_RECOGNISED, text);
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
  const number = state.items.length;
  check(
    state.checks,
    { as: 'item', item: number },
    item.title.length > MAX_SURE_TITLE ? UNSURE : SURE,
    `${number}. ${item.title}`,
  );
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
