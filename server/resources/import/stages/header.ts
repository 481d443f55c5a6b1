import type { MeetingContent } from '../../../../shared/minutes/content.ts';
import { nameShape } from './personName.ts';
import type { ImportCheck } from '../../../../shared/api/importChecks.ts';
import { check, GUESS, LEFT_OPEN, LIKELY, SURE, UNSURE } from './checks.ts';
import { findDate, isoDate, parseTimes } from './dates.ts';
import type { Line } from './normaliseLines.ts';

/** What the source called itself: minutes ("Referat") or an agenda ("Dagsorden"). */
export type MinutesKind = 'referat' | 'dagsorden' | null;

export { DANISH_MONTHS, parseDate } from './dates.ts';

export interface HeaderState {
  header: MeetingContent['header'];
  kind: MinutesKind;
  /** The title line was read: only the first one is the document's title. */
  sawTitle: boolean;
  /** A label ("Mødeleder:") whose value is on the next line. */
  pending: HeaderLabel | null;
  /** The header's date had no year: resolved from other dates when the text ends (finishHeader). */
  yearless: { day: number; month: number; line: string } | null;
  /** How often each year occurs in the dates of the whole text (for a date without one). */
  years: Map<number, number>;
  /** How each field was read (shared with the other stages). */
  checks: ImportCheck[];
}

export function newHeaderState(checks: ImportCheck[] = []): HeaderState {
  return {
    header: {},
    kind: null,
    sawTitle: false,
    pending: null,
    yearless: null,
    years: new Map(),
    checks,
  };
}

/**
 * The document's title: a DOCX Title, or a line that is only "Referat" or
 * "Dagsorden". Only the first counts (anywhere in the document); true when
 * the line was it. Before the first item also "Referat fra møde i
 * Ældrerådet" / "Dagsorden for bestyrelsesmødet": its kind, and the rest as
 * the forum.
 */
export function readTitle(state: HeaderState, line: Line, beforeItems = false): boolean {
  const text = line.text;
  // "Dagsorden" over the items of minutes titled "Referat fra …": the list's heading, not text.
  if (state.sawTitle) return beforeItems && /^dagsorden:?$/i.test(text);
  const named =
    beforeItems && line.kind !== 'title' && !text.endsWith('.')
      ? TITLE_WITH_FORUM.exec(text)
      : null;
  if (!named && !(line.kind === 'title' || /^(referat|dagsorden)$/i.test(text))) return false;
  state.sawTitle = true;
  state.kind = /^dagsorden/i.test(text) ? 'dagsorden' : /^referat/i.test(text) ? 'referat' : null;
  if (named) {
    const forum = named[2].replace(MEETING_OF, '').replace(ON_DATE, '').trim();
    if (forum && !state.header.forum) {
      state.header.forum = forum;
      check(state.checks, { as: 'header', field: 'forum' }, UNSURE, text);
    }
  }
  return true;
}
/** "Referat fra møde i X", "Dagsorden for X": a title naming the forum (a heading, not a sentence). */
const TITLE_WITH_FORUM = /^(referat|dagsorden)\s+(?:fra|af|for|til)\s+(\S.{0,200})$/i;
/** "(det ordinære) møde(t) i", "mødet for": words before the forum's name. */
const MEETING_OF = /^(?:det\s+)?(?:\S+\s+)?møde(?:t)?\s+(?:i|for|med)\s+/i;
/** " den 14. marts 2025", " d. 3/4": the date after the forum (read as the date by its own line). */
const ON_DATE = /\s+(?:den|d\.)\s+\d.*$/i;

type HeaderLabel = 'time' | 'date' | 'place' | 'onlineLink' | 'chair' | 'minuteTaker';

/** The labels of header fields, as written; "Referat:" is a section, so not here. */
const LABELS: Record<string, HeaderLabel> = {
  tid: 'time',
  tidspunkt: 'time',
  mødetid: 'time',
  mødetidspunkt: 'time',
  dato: 'date',
  mødedato: 'date',
  sted: 'place',
  mødested: 'place',
  lokale: 'place',
  mødelokale: 'place',
  online: 'onlineLink',
  link: 'onlineLink',
  mødelink: 'onlineLink',
  mødeleder: 'chair',
  ordstyrer: 'chair',
  referent: 'minuteTaker',
  referatfører: 'minuteTaker',
};
/** "Label: value" or "Label:" (the value on the next line); a label is one word. */
const LABELLED = new RegExp(`^(${Object.keys(LABELS).join('|')})\\s*:(?:\\s*(\\S.*))?$`, 'i');
const JOIN_LINK = /(?<!\s)\s*Klik her for at deltage i mødet\s*$/i;

/**
 * A line before the first item: a labelled field ("Tid:", "Dato:", "Sted:",
 * "Mødested:", "Online:", "Mødeleder:", "Referent:", the value on the same
 * or the next line), else a date and time, else (after the title) the
 * forum, else (after the date) the place. False for a line that is none of
 * these.
 */
export function readHeaderLine(state: HeaderState, line: Line): boolean {
  const { header } = state;
  const text = line.text;
  const labelled = LABELLED.exec(text);
  if (labelled) {
    const label = LABELS[labelled[1].toLowerCase()];
    if (labelled[2]) setField(state, label, labelled[2].trim(), text, SURE);
    else state.pending = label;
    return true;
  }
  if (state.pending) {
    const label = state.pending;
    state.pending = null;
    setField(state, label, text, text, LIKELY);
    return true;
  }
  if (
    !header.date &&
    !state.yearless &&
    readDate(state, text, text.length < 60 ? LIKELY : UNSURE)
  ) {
    return true;
  }
  if (!header.forum && state.sawTitle && !line.kind?.startsWith('heading')) {
    header.forum = text;
    check(state.checks, { as: 'header', field: 'forum' }, UNSURE, text);
    return true;
  }
  if ((header.date || state.yearless) && !header.place) {
    header.place = text.replace(JOIN_LINK, '').trim();
    check(state.checks, { as: 'header', field: 'place' }, GUESS, text);
    return true;
  }
  return false;
}

/**
 * After the items (where many minutes end with "Referent: Anne Holm" or
 * "Mødeleder: …"): a mødeleder or referent line whose value reads as a
 * name fills that header field when the top did not. Other labels there
 * are the item's text.
 */
export function readLatePersonField(state: HeaderState, line: Line): boolean {
  if (line.kind !== undefined) return false;
  const labelled = LABELLED.exec(line.text.trim());
  if (!labelled?.[2]) return false;
  const label = LABELS[labelled[1].toLowerCase()];
  if (label !== 'chair' && label !== 'minuteTaker') return false;
  const value = labelled[2].trim();
  if (state.header[label] || nameShape(value) !== 'name') return false;
  setField(state, label, value, line.text, LIKELY);
  return true;
}

/** Sets a labelled field; a time or date that cannot be read is left as it was. */
function setField(
  state: HeaderState,
  label: HeaderLabel,
  value: string,
  line: string,
  confidence: number,
) {
  const { header } = state;
  if (label === 'time' || label === 'date') {
    if (readDate(state, value, confidence, line)) return;
    const times = parseTimes(value);
    if (times.startTime) {
      Object.assign(header, times);
      check(state.checks, { as: 'header', field: 'time' }, confidence, line);
    }
    return;
  }
  if (label === 'place') header.place = value.replace(JOIN_LINK, '').trim();
  else if (label === 'onlineLink') header.onlineLink = value;
  else if (label === 'chair') header.chair = value;
  else header.minuteTaker = value;
  check(state.checks, { as: 'header', field: label }, confidence, line);
}

/**
 * A date (with times after it) in `text`: sets the header's date, or, when
 * it has no year, keeps it for finishHeader. False when there is none.
 */
function readDate(state: HeaderState, text: string, confidence: number, line = text): boolean {
  const found = findDate(text);
  if (!found) return false;
  const { header } = state;
  const times = parseTimes(text.slice(found.end));
  if (found.year === null) {
    state.yearless = { day: found.day, month: found.month, line };
    if (times.startTime || !header.startTime) Object.assign(header, times);
  } else {
    // As before: a date line sets both times, '' when it gives none.
    Object.assign(header, { date: isoDate(found.year, found.month, found.day), ...times });
    check(state.checks, { as: 'header', field: 'date' }, confidence, line);
  }
  return true;
}

/** Counts the years of the dates in a line of the text (any line: a year-less date takes the commonest). */
export function noteYears(state: HeaderState, text: string) {
  if (text.length > MAX_YEAR_LINE) text = text.slice(0, MAX_YEAR_LINE);
  const found = findDate(text);
  if (found?.year) state.years.set(found.year, (state.years.get(found.year) ?? 0) + 1);
}
/** Only the start of a long line is looked at for its date. */
const MAX_YEAR_LINE = 400;

/**
 * At the end of the text: a header date without a year takes the year that
 * the text's other dates name most often (the later on a tie), and is
 * listed to check; without any, it is left for the user, and listed.
 */
export function finishHeader(state: HeaderState) {
  const yearless = state.yearless;
  if (!yearless) return;
  let year = 0;
  let most = 0;
  for (const [y, n] of state.years) {
    if (n > most || (n === most && y > year)) [year, most] = [y, n];
  }
  if (year) {
    state.header.date = isoDate(year, yearless.month, yearless.day);
    check(state.checks, { as: 'dateYearGuessed', year }, GUESS, yearless.line);
  } else {
    check(state.checks, { as: 'dateWithoutYear' }, LEFT_OPEN, yearless.line);
  }
}
