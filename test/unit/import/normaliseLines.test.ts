import { describe, expect, it } from 'vitest';
import {
  normaliseLines,
  type Line,
} from '../../../server/resources/import/stages/normaliseLines.ts';
import { textLines, type SourceLine } from '../../../server/resources/import/sourceLines.ts';

describe('normaliseLines', () => {
  const cases: { name: string; source: SourceLine[]; lines: Line[] }[] = [
    {
      name: 'trims each line',
      source: [{ text: '  Referat \t' }, { text: 'Driftsforum ' }],
      lines: [
        { text: 'Referat', breakBefore: false },
        { text: 'Driftsforum', breakBefore: false },
      ],
    },
    {
      name: 'drops blank lines and marks the break after them',
      source: [{ text: 'Tekst.' }, { text: '' }, { text: '   ' }, { text: 'Mere tekst.' }],
      lines: [
        { text: 'Tekst.', breakBefore: false },
        { text: 'Mere tekst.', breakBefore: true },
      ],
    },
    {
      name: 'a blank first line is a break before the first',
      source: [{ text: '' }, { text: 'Referat' }],
      lines: [{ text: 'Referat', breakBefore: true }],
    },
    {
      name: 'drops page marks, which break like blank lines',
      source: [
        { text: 'om psy-' },
        { text: 'Side 2 af 8 ' },
        { text: 'kiatri.' },
        { text: 'side 10 af 12' },
      ],
      lines: [
        { text: 'om psy-', breakBefore: false },
        { text: 'kiatri.', breakBefore: true },
      ],
    },
    {
      name: 'keeps a line that only starts like a page mark',
      source: [{ text: 'Side 2 af 8 sider' }],
      lines: [{ text: 'Side 2 af 8 sider', breakBefore: false }],
    },
    {
      name: 'reads no-break spaces as spaces (and trims them)',
      source: [{ text: '\u00a0Teams\u00a0møde\u00a0' }, { text: '\u00a0' }, { text: 'x' }],
      lines: [
        { text: 'Teams møde', breakBefore: false },
        { text: 'x', breakBefore: true },
      ],
    },
    {
      name: 'keeps what a DOCX says about the line',
      source: [
        { text: '1. Punkt', kind: 'heading1', whole: true },
        { text: 'Første', kind: 'number', list: '4', start: 2, whole: true },
      ],
      lines: [
        { text: '1. Punkt', kind: 'heading1', whole: true, breakBefore: false },
        { text: 'Første', kind: 'number', list: '4', start: 2, whole: true, breakBefore: false },
      ],
    },
    { name: 'nothing', source: [], lines: [] },
  ];
  for (const { name, source, lines } of cases) {
    it(name, () => expect(normaliseLines(source)).toEqual(lines));
  }
});

describe('textLines', () => {
  const cases: [string, string, string[]][] = [
    ['newlines', 'a\nb', ['a', 'b']],
    ['Windows and old Mac line ends', 'a\r\nb\rc', ['a', 'b', 'c']],
    ['form feeds (page breaks of pdftotext)', 'a\fb', ['a', 'b']],
    ['a final newline leaves an empty line', 'a\n', ['a', '']],
    ['nothing is one empty line', '', ['']],
  ];
  for (const [name, text, expected] of cases) {
    it(name, () => expect(textLines(text)).toEqual(expected.map((t) => ({ text: t }))));
  }
});
