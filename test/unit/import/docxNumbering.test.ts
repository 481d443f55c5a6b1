import { describe, expect, it } from 'vitest';
import {
  ListCounter,
  formatNumber,
  readNumbering,
} from '../../../server/resources/import/docxNumbering.ts';

const lvl = (ilvl: number, format: string, text: string, extra = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const abstract = (id: number, ...levels: string[]) =>
  `<w:abstractNum w:abstractNumId="${id}">${levels.join('')}</w:abstractNum>`;
const num = (id: number, abstractId: number, overrides = '') =>
  `<w:num w:numId="${id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
const startOverride = (ilvl: number, start: number) =>
  `<w:lvlOverride w:ilvl="${ilvl}"><w:startOverride w:val="${start}"/></w:lvlOverride>`;

/** Labels Word shows for paragraphs [numId, ilvl] in order. */
function labels(xml: string, paragraphs: [string, number | undefined, string?][]) {
  const counter = new ListCounter(readNumbering(`<w:numbering>${xml}</w:numbering>`), (id) =>
    id === 'Liste' ? '9' : undefined,
  );
  return paragraphs.map(([numId, ilvl, style]) => counter.next(numId, ilvl, style)?.label ?? null);
}

describe('Word numbering: the numbers Word shows', () => {
  const outline = abstract(
    1,
    lvl(0, 'decimal', '%1.', '<w:pStyle w:val="Heading1"/>'),
    lvl(1, 'lowerLetter', '%2)'),
    lvl(2, 'decimal', '%1.%2.%3', '<w:pStyle w:val="Heading3"/>'),
  );

  it('counts per level; a deeper level starts again after a higher one', () => {
    expect(
      labels(outline + num(1, 1), [
        ['1', 0],
        ['1', 1],
        ['1', 1],
        ['1', 0],
        ['1', 1],
        ['1', 2],
      ]),
    ).toEqual(['1.', 'a)', 'b)', '2.', 'a)', '2.a.1']);
  });

  it('instances of one definition continue each other (LibreOffice writes one per list)', () => {
    expect(
      labels(outline + num(1, 1) + num(2, 1), [
        ['1', 0],
        ['1', 0],
        ['2', 0],
        ['1', 0],
      ]),
    ).toEqual(['1.', '2.', '3.', '4.']);
  });

  it('an instance restarts at its first paragraph: w:startOverride, or a whole overriding level', () => {
    const xml =
      outline +
      num(1, 1) +
      num(2, 1, startOverride(0, 1)) +
      num(
        3,
        1,
        `<w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0"><w:start w:val="2"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1:"/></w:lvl></w:lvlOverride>`,
      ) +
      num(4, 1, startOverride(0, 5));
    expect(
      labels(xml, [
        ['1', 0],
        ['1', 0],
        ['2', 0],
        ['2', 0],
        ['3', 0],
        ['3', 0],
        ['1', 0],
        ['4', 0],
        ['4', 0],
      ]),
    ).toEqual(['1.', '2.', '1.', '2.', 'II:', 'III:', '4.', '5.', '6.']);
  });

  it('a level tied to a paragraph style is used when the paragraph names no level', () => {
    expect(
      labels(outline + num(1, 1), [
        ['1', undefined, 'Heading1'],
        ['1', undefined, 'Heading3'],
        ['1', undefined, 'Other'],
      ]),
    ).toEqual(['1.', '1.a.1', '2.']);
  });

  it('follows a numbering-style link; unknown instances and definitions number nothing', () => {
    const xml =
      abstract(5, '<w:numStyleLink w:val="Liste"/>') +
      abstract(6, lvl(0, 'upperLetter', '%1.')) +
      num(9, 6) +
      num(10, 5) +
      num(11, 77) +
      abstract(7, '<w:numStyleLink w:val="Løkke"/>') +
      num(12, 7);
    expect(
      labels(xml, [
        ['10', 0],
        ['9', 0],
        ['11', 0],
        ['12', 0],
        ['99', 0],
      ]),
    ).toEqual(['A.', 'B.', null, null, null]);
  });

  it('ignores levels outside 0–8 and bounds its labels', () => {
    const xml =
      abstract(
        1,
        lvl(0, 'decimal', '%1.'),
        lvl(4294967294, 'decimal', '%1.'),
        lvl(1, 'decimal', 'x'.repeat(100)),
      ) + num(1, 1);
    const numbering = readNumbering(`<w:numbering>${xml}</w:numbering>`);
    expect([...numbering.abstracts.get('1')!.levels.keys()]).toEqual([0, 1]);
    expect(
      labels(xml, [
        ['1', 0],
        ['1', 1],
      ]),
    ).toEqual(['1.', '1.']);
  });

  it('formats numbers as Word does, and bounded', () => {
    const cases: [number, string, string][] = [
      [3, 'decimal', '3'],
      [3, 'lowerLetter', 'c'],
      [28, 'upperLetter', 'BB'],
      [14, 'lowerRoman', 'xiv'],
      [1999, 'upperRoman', 'MCMXCIX'],
      [5, 'decimalZero', '05'],
      [5, 'bullet', ''],
      [1e9, 'lowerLetter', '1000000000'],
      [1e9, 'upperRoman', '1000000000'],
    ];
    for (const [n, format, out] of cases)
      expect(formatNumber(n, format), `${n} ${format}`).toBe(out);
  });
});
