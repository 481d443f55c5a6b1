/*
 * Dates and times as Danish minutes write them. Every pattern starts at a
 * digit or a word and has no nested quantifier, so it runs in time linear in
 * the line (see patterns.ts).
 */

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

/** Abbreviations ("nov.", "sept."), as the month they stand for (1-12). */
const ABBREVIATIONS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  okt: 10,
  nov: 11,
  dec: 12,
};

const MONTH_WORDS = [
  ...DANISH_MONTHS,
  ...Object.keys(ABBREVIATIONS).sort((a, b) => b.length - a.length),
];

/** "25. november 2026", "1.maj", "3. nov. 2021": day, month word, optional year. */
const TEXT_DATE = new RegExp(
  `(?<!\\d)(\\d{1,2})\\.\\s*(${MONTH_WORDS.join('|')})(?![\\p{L}])\\.?(?:,?\\s+(\\d{4})(?!\\d))?`,
  'iu',
);

/** "25.11.2026", "25/11-2026", "25/11/2026", "25-11-2026". */
const NUMERIC_DATE = /(?<!\d)(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?!\d)/;

/** A day and month, with a year when the text gave one; `end` is where the date ends in the text. */
export interface DayMonth {
  day: number;
  month: number;
  year: number | null;
  end: number;
}

function monthOf(word: string): number {
  const w = word.toLowerCase();
  const full = DANISH_MONTHS.indexOf(w);
  return full >= 0 ? full + 1 : ABBREVIATIONS[w];
}

/** A day and month that exist (in a leap year when no year is known). */
function valid(day: number, month: number, year: number | null): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const y = year ?? 2024;
  return day <= new Date(Date.UTC(y, month, 0)).getUTCDate();
}

/** The first date in the text, with or without its year; null when there is none. */
export function findDate(text: string): DayMonth | null {
  const t = TEXT_DATE.exec(text);
  const n = NUMERIC_DATE.exec(text);
  // The earlier of the two forms is the date the line is about.
  if (t && (!n || t.index <= n.index)) {
    const day = Number(t[1]);
    const month = monthOf(t[2]);
    const year = t[3] ? Number(t[3]) : null;
    if (valid(day, month, year)) return { day, month, year, end: t.index + t[0].length };
  }
  if (n) {
    const day = Number(n[1]);
    const month = Number(n[2]);
    const year = Number(n[3]);
    if (valid(day, month, year)) return { day, month, year, end: n.index + n[0].length };
  }
  return null;
}

/** YYYY-MM-DD. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const CLOCK = /(?<!\d)(\d{1,2})[.:](\d{2})(?!\d)/g;
/** "kl. 13-15", "kl. 9": whole hours after "kl.". */
const WHOLE_HOURS = /\bkl\.?[ \t]*(\d{1,2})(?![\d.:])(?:[ \t]*[-–—][ \t]*(\d{1,2})(?![\d.:]))?/i;

const hhmm = (h: string, m: string) => `${h.padStart(2, '0')}:${m}`;

/**
 * The first two times in the text (HH:MM, '' when missing): "kl. 13.00 -
 * 15.30", "13:00–15:30", "kl. 13-15".
 */
export function parseTimes(text: string): { startTime: string; endTime: string } {
  const times: string[] = [];
  for (const m of text.matchAll(CLOCK)) {
    if (Number(m[1]) > 24 || Number(m[2]) > 59) continue;
    times.push(hhmm(m[1], m[2]));
    if (times.length === 2) break;
  }
  if (!times.length) {
    const m = WHOLE_HOURS.exec(text);
    if (m && Number(m[1]) <= 24) {
      times.push(hhmm(m[1], '00'));
      if (m[2] && Number(m[2]) <= 24) times.push(hhmm(m[2], '00'));
    }
  }
  return { startTime: times[0] ?? '', endTime: times[1] ?? '' };
}

/**
 * "Onsdag d. 9. december 2020 kl. 8.30 – 11.30": the first date in the text
 * (YYYY-MM-DD) and the first two times after it (HH:MM, '' when missing).
 * Null when there is no date with a year (see findDate for one without).
 */
export function parseDate(
  text: string,
): { date: string; startTime: string; endTime: string } | null {
  const found = findDate(text);
  if (!found || found.year === null) return null;
  return {
    date: isoDate(found.year, found.month, found.day),
    ...parseTimes(text.slice(found.end)),
  };
}
