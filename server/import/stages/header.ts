import type { MeetingContent } from '../../../shared/minutes/content.ts';
import type { Line } from './normaliseLines.ts';

/** What the source called itself: minutes ("Referat") or an agenda ("Dagsorden"). */
export type MinutesKind = 'referat' | 'dagsorden' | null;

/** Danish month names, January first (dates in the minutes' headers). */
export const DANISH_MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

const DATE = new RegExp(`(\\d{1,2})\\.\\s*(${DANISH_MONTHS.join('|')})\\s+(\\d{4})`, 'i');

/**
 * "Onsdag d. 9. december 2020 kl. 8.30 – 11.30": the first date in the text
 * (YYYY-MM-DD) and the first two times after it (HH:MM, '' when missing).
 */
export function parseDate(
  text: string,
): { date: string; startTime: string; endTime: string } | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const month = DANISH_MONTHS.indexOf(m[2].toLowerCase()) + 1;
  const date = `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const times = [...text.matchAll(/\b(\d{1,2})[.:](\d{2})\b/g)]
    .filter((t) => t.index! > m.index! + m[0].length - 1)
    .map((t) => `${t[1].padStart(2, '0')}:${t[2]}`);
  return { date, startTime: times[0] ?? '', endTime: times[1] ?? '' };
}

export interface HeaderState {
  header: MeetingContent['header'];
  kind: MinutesKind;
  /** The title line was read: only the first one is the document's title. */
  sawTitle: boolean;
}

export function newHeaderState(): HeaderState {
  return { header: {}, kind: null, sawTitle: false };
}

/**
 * The document's title: a DOCX Title, or a line that is only "Referat" or
 * "Dagsorden". Only the first counts (anywhere in the document); true when
 * the line was it.
 */
export function readTitle(state: HeaderState, line: Line): boolean {
  const text = line.text;
  if (state.sawTitle || !(line.kind === 'title' || /^(referat|dagsorden)$/i.test(text))) {
    return false;
  }
  state.sawTitle = true;
  state.kind = /^dagsorden/i.test(text) ? 'dagsorden' : /^referat/i.test(text) ? 'referat' : null;
  return true;
}

const META = /^(tid|sted|online|mødeleder|referent)\s*:\s*(\S.*)$/i;
const JOIN_LINK = /(?<!\s)\s*Klik her for at deltage i mødet\s*$/i;

/**
 * A line before the first item: "Tid:", "Sted:", "Online:", "Mødeleder:",
 * "Referent:", else a date and time, else (after the title) the forum, else
 * (after the date) the place. False for a line that is none of these.
 */
export function readHeaderLine(state: HeaderState, line: Line): boolean {
  const { header } = state;
  const text = line.text;
  const meta = META.exec(text);
  if (meta) {
    const key = meta[1].toLowerCase();
    const value = meta[2].trim();
    if (key === 'tid') Object.assign(header, parseDate(value) ?? {});
    else if (key === 'sted') header.place = value;
    else if (key === 'online') header.onlineLink = value;
    else if (key === 'mødeleder') header.chair = value;
    else header.minuteTaker = value;
    return true;
  }
  const when = parseDate(text);
  if (when && !header.date) {
    Object.assign(header, when);
    return true;
  }
  if (!header.forum && state.sawTitle && !line.kind?.startsWith('heading')) {
    header.forum = text;
    return true;
  }
  if (header.date && !header.place) {
    header.place = text.replace(JOIN_LINK, '').trim();
    return true;
  }
  return false;
}
