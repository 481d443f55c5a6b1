import { FIXTURE_MEETINGS, fixtureText } from '../fixtures/referater.ts';

/**
 * Text made to be slow to import: each pattern aimed at a place where the
 * importer (server/resources/import/parseMinutes.ts) once took time quadratic in the
 * input (regular expressions backtracking over a long run from every start
 * position, or re-reading a text that grows line by line). Each builds
 * `size` characters. Shared by the adversarial import test and the
 * event-loop bench.
 */
export const HOSTILE_TEXT: Record<string, (size: number) => string> = {
  /** `/\s+$/` on every line. */
  'one line of spaces, then x': (n) => fill(n, '', ' ', 'x'),
  /** The "(Presenter)" at the end of an item title: `\s*\(` from every space. */
  'an item title with a run of spaces': (n) => fill(n, '1. a', ' ', 'b'),
  /** "- Name – Title (Role) - afbud": three patterns starting with `\s`. */
  'a participant with a run of spaces': (n) => fill(n, 'Deltagere:\nOrg:\n- a', ' ', 'b'),
  'a participant with many status suffixes': (n) => fill(n, 'Deltagere:\nOrg:\n- Bo', ' - afbud'),
  'a participant with many parentheses': (n) => fill(n, 'Deltagere:\nOrg:\n- Bo', ' (a', ')'),
  /** "X Y indleder punktet": `\p{Lu}[\p{L}-]+` from every capital. */
  'capitals before "indleder punkt"': (n) =>
    fill(n, '1. Punkt\nTekst.\n', `${'A'.repeat(60)} indleder punkt `),
  /** Wrapped lines joined onto a paragraph, title or bullet whose end was re-read each time. */
  'a paragraph wrapped over many lines': (n) => fill(n, '1. Punkt\nTekst\n', WRAPPED),
  'an item title wrapped over many lines': (n) => fill(n, '1. Punkt\n', WRAPPED),
  'a bullet wrapped over many lines': (n) => fill(n, '1. Punkt\nTekst.\n- a\n', WRAPPED),
  'a word hyphenated over many lines': (n) => fill(n, '1. Punkt\nTekst\n', 'beskæftigelses-\n'),
  /** Each wrapped line parsed the whole participant entry again. */
  'a participant wrapped over many lines': (n) => fill(n, 'Deltagere:\nOrg:\n- Bo\n', WRAPPED),
  /** Links kept under Bilag, each listed with the item's title. */
  'links after a long title': (n) => fill(n, `1. ${'T'.repeat(n / 2)}\n`, 'http://x.dk\n'),
  'links between empty referat sections': (n) =>
    fill(n, '1. Punkt\n', 'Referat – punkt 1:\nhttp://x.dk\nBeslutning:\n'),
  /** The place line's "Klik her for at deltage i mødet". */
  'a place line with a run of spaces': (n) =>
    fill(n, 'Referat\nForum\nTid: 9. december 2020\nx', ' ', 'y'),
  /** "Tid: …" with a line separator, where `\s*(.+)$` backtracked. */
  'a header line with spaces and a line separator': (n) =>
    fill(n, 'Referat\nTid:', ' ', 'x\u2028y'),
};

const WRAPPED = 'og videre uden punktum\n';

/** All the patterns in one text of `size` characters. */
export function hostileText(size: number): string {
  const patterns = Object.values(HOSTILE_TEXT);
  const each = Math.floor(size / patterns.length);
  const text = patterns.map((make) => make(each - 1)).join('\n');
  return text + ' '.repeat(size - text.length);
}

/** Ordinary minutes (both fixtures, repeated) of `size` characters: the yardstick. */
export function ordinaryText(size: number): string {
  const both = Object.keys(FIXTURE_MEETINGS)
    .map((name) => fixtureText(name))
    .join('\n');
  return both.repeat(Math.ceil(size / both.length)).slice(0, size);
}

/** `unit` repeated between `prefix` and `suffix` to `size` characters. */
function fill(size: number, prefix: string, unit: string, suffix = ''): string {
  const body = size - prefix.length - suffix.length;
  return prefix + unit.repeat(Math.ceil(body / unit.length)).slice(0, body) + suffix;
}
