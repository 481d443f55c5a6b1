/**
 * The import corpus itself is well formed: every document builds, the bytes
 * do not depend on when they were built, and every key says only what its
 * document says (each key string is found in the document's text). Nothing
 * here runs the importer; scoring it against the corpus is another matter.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnswerKey, CorpusDocument } from '../fixtures/import-corpus/answerKey.ts';
import { buildCorpus } from '../fixtures/import-corpus/build.ts';
import { documentText } from '../fixtures/import-corpus/lib/documentText.ts';

/** Every layout class of README.md must have at least one document. */
const CLASSES = [
  'pipe-table',
  'udvalg',
  'email',
  'bestyrelse',
  'word',
  'pdf-two-column-table',
  'pdf-bold-indent',
  'pdf-page-furniture',
  'pdf-scanned',
  'dagsordenspunkt',
  'roman',
  'paragraf',
  'bold-headings',
  'agenda-only',
  'english-mix',
  'short-note',
  'long',
];
const SECTIONS = ['sagsfremstilling', 'indstilling', 'bilag', 'referat', 'beslutning', 'uddybning'];
const STATUSES = ['present', 'absent', 'adhoc', 'guest'];
const MONTHS_DA = [
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
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const flat = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();
/** Also accept a word split by a hyphen at a line end ("beskæftigelses-\nområdet"). */
const unwrapped = (s: string) =>
  s.normalize('NFC').replace(/(\p{L})-[ \t]*\r?\n\s*(\p{Ll})/gu, '$1$2');

function occurs(text: string, needle: string): boolean {
  return flat(text).includes(flat(needle)) || flat(unwrapped(text)).includes(flat(needle));
}

/** Ways a Danish document writes a date; the key's date must be written one of them. */
function dateWritings(iso: string): string[] {
  const [y, m, d] = iso.split('-');
  const day = String(Number(d));
  const month = String(Number(m));
  const da = MONTHS_DA[Number(m) - 1];
  const en = MONTHS_EN[Number(m) - 1];
  return [
    `${day}. ${da} ${y}`,
    `${day} ${en} ${y}`,
    `${d}-${m}-${y}`,
    `${d}.${m}.${y}`,
    `${day}.${month}.${y}`,
    `${day}/${month} ${y}`,
    `${day}/${month}-${y}`,
    `${y}-${m}-${d}`,
  ];
}

function timeWritten(text: string, hhmm: string): boolean {
  const [hh, mm] = hhmm.split(':');
  const h = String(Number(hh));
  const exact = new RegExp(`(^|\\D)0?${h}[.:]${mm}(\\D|$)`);
  if (exact.test(text)) return true;
  return mm === '00' && new RegExp(`(kl\\.\\s*|[-–]\\s*|til\\s+)0?${h}(\\D|$)`).test(text);
}

/** Every string of a key that must be found in its document, with where it comes from. */
function keyStrings(key: AnswerKey): [string, string][] {
  const out: [string, string][] = [];
  const { date: _d, startTime: _s, endTime: _e, ...header } = key.header;
  for (const [field, value] of Object.entries(header))
    if (value) out.push([`header.${field}`, value]);
  key.participants.forEach((p, i) => {
    for (const field of ['name', 'organisation', 'title', 'role'] as const) {
      if (p[field]) out.push([`participants[${i}].${field}`, p[field]]);
    }
  });
  key.items.forEach((item, i) => {
    out.push([`items[${i}].title`, item.title]);
    if (item.presenter) out.push([`items[${i}].presenter`, item.presenter]);
    for (const [section, phrase] of Object.entries(item.sections ?? {})) {
      out.push([`items[${i}].sections.${section}`, phrase]);
    }
  });
  (key.furniture ?? []).forEach((line, i) => out.push([`furniture[${i}]`, line]));
  return out;
}

let corpus: CorpusDocument[];
let texts: Map<string, string>;

beforeAll(async () => {
  corpus = await buildCorpus();
  texts = new Map(corpus.map((doc) => [doc.id, documentText(doc)]));
});

describe('import corpus', () => {
  it('has at least 24 documents in every format and layout class', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(24);
    expect(new Set(corpus.map((d) => d.id)).size).toBe(corpus.length);
    const count = (format: string) => corpus.filter((d) => d.format === format).length;
    expect(count('text')).toBeGreaterThanOrEqual(10);
    expect(count('docx')).toBeGreaterThanOrEqual(6);
    expect(count('pdf')).toBeGreaterThanOrEqual(6);
    const layouts = new Set(corpus.map((d) => d.layout));
    expect(CLASSES.filter((c) => !layouts.has(c))).toEqual([]);
    expect([...layouts].filter((l) => !CLASSES.includes(l))).toEqual([]);
  });

  it('builds the same bytes twice', async () => {
    const again = await buildCorpus();
    for (const [i, doc] of corpus.entries()) {
      expect(again[i].id).toBe(doc.id);
      expect(Buffer.from(again[i].bytes).equals(Buffer.from(doc.bytes)), doc.id).toBe(true);
    }
  });

  it('has documents of the format they claim', () => {
    for (const doc of corpus) {
      const head = Buffer.from(doc.bytes.subarray(0, 5)).toString('latin1');
      if (doc.format === 'docx') expect(head.startsWith('PK'), doc.id).toBe(true);
      if (doc.format === 'pdf') expect(head, doc.id).toBe('%PDF-');
      expect(texts.get(doc.id)!.length, doc.id).toBeGreaterThan(200);
    }
  });

  it('has keys of the right shape, numbered 1..n or as the document numbers them', () => {
    for (const { id, key } of corpus) {
      if (key.header.date) {
        expect(key.header.date, id).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(new Date(`${key.header.date}T12:00:00Z`).toISOString().slice(0, 10), id).toBe(
          key.header.date,
        );
      }
      for (const t of [key.header.startTime, key.header.endTime]) {
        if (t) expect(t, id).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      }
      expect(key.participants.length, id).toBeGreaterThan(0);
      const names = key.participants.map((p) => p.name);
      expect(new Set(names).size, `${id}: a person listed twice`).toBe(names.length);
      for (const p of key.participants) expect(STATUSES, `${id}: ${p.name}`).toContain(p.status);
      expect(key.items.length, id).toBeGreaterThan(0);
      const numbers = key.items.map((item) => item.number);
      for (const [i, n] of numbers.entries()) {
        expect(Number.isInteger(n) && n > 0, id).toBe(true);
        if (i > 0) expect(n, `${id}: items in order`).toBeGreaterThan(numbers[i - 1]);
      }
      const consecutive = numbers.every((n, i) => n === i + 1);
      if (!consecutive) {
        for (const n of numbers)
          expect(texts.get(id), `${id}: item ${n}`).toMatch(new RegExp(`\\b${n}\\b`));
      }
      for (const item of key.items) {
        expect(item.title.trim(), id).not.toBe('');
        for (const section of Object.keys(item.sections ?? {}))
          expect(SECTIONS, id).toContain(section);
      }
    }
  });

  it('says nothing its document does not say', () => {
    for (const { id, key } of corpus) {
      const text = texts.get(id)!;
      const missing = keyStrings(key).filter(([, value]) => !occurs(text, value));
      expect(missing, id).toEqual([]);
      if (key.header.date) {
        const writings = dateWritings(key.header.date);
        expect(
          writings.some((w) => occurs(text, w)),
          `${id}: date ${key.header.date}`,
        ).toBe(true);
      }
      for (const t of [key.header.startTime, key.header.endTime]) {
        if (t) expect(timeWritten(text, t), `${id}: time ${t}`).toBe(true);
      }
    }
  });
});
