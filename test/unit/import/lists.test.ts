import { describe, expect, it } from 'vitest';
import type { Block } from '../../../shared/minutes/content.ts';
import type { SourceLine } from '../../../server/resources/import/sourceLines.ts';
import { readItems } from './lines.ts';

/** The blocks of one item's first section, whose body is `input` (after "1. Punkt" and "Indstilling:"). */
function blocks(...input: (string | SourceLine)[]): Block[] {
  return readItems('1. Punkt', 'Indstilling:', ...input).items[0].sections[0].blocks;
}

const docx = (
  text: string,
  kind: SourceLine['kind'],
  list?: string,
  start?: number,
): SourceLine => ({
  text,
  kind,
  whole: true,
  ...(list ? { list } : {}),
  ...(start ? { start } : {}),
});

describe('items stage: lists', () => {
  const cases: { name: string; input: (string | SourceLine)[]; blocks: Block[] }[] = [
    {
      name: 'numbered points, "n." or "n)"',
      input: ['1. at forummet godkender', '2) at sekretariatet følger op'],
      blocks: [{ points: ['at forummet godkender', 'at sekretariatet følger op'] }],
    },
    {
      name: 'lettered sub-points under the last point',
      input: ['1. Første', 'a) delpunkt a', 'b. delpunkt b', '2. Anden'],
      blocks: [{ points: [{ text: 'Første', sub: ['delpunkt a', 'delpunkt b'] }, 'Anden'] }],
    },
    {
      // ("2." here would be the heading of item 2.)
      name: 'a list starting at another number keeps it',
      input: ['2) svarer på indstillingens punkt 2'],
      blocks: [{ points: ['svarer på indstillingens punkt 2'], start: 2 }],
    },
    {
      name: 'a number that does not follow starts a new list',
      input: ['1. a', '2. b', '1. c'],
      blocks: [{ points: ['a', 'b'] }, { points: ['c'] }],
    },
    {
      name: 'bullets of any mark are one list',
      input: [
        '- Klyngestyregruppe Midt',
        '• Politisk Klyngemøde',
        '▪ Tredje',
        '● Fjerde',
        '– Femte',
      ],
      blocks: [
        { bullets: ['Klyngestyregruppe Midt', 'Politisk Klyngemøde', 'Tredje', 'Fjerde', 'Femte'] },
      ],
    },
    {
      name: 'bullets after points are a new list, and the other way round',
      input: ['1. a', '- b', '1. c'],
      blocks: [{ points: ['a'] }, { bullets: ['b'] }, { points: ['c'] }],
    },
    {
      name: 'wrapped entries: no paragraph break, or a lower-case start after one',
      input: [
        '- Politisk Klyngemøde, hvor der skal være en temadrøftelse om psy-',
        '',
        'kiatri.',
        '1. Første punkt, der',
        'Fortsætter',
        'a) et delpunkt',
        '',
        'der fortsætter',
      ],
      blocks: [
        { bullets: ['Politisk Klyngemøde, hvor der skal være en temadrøftelse om psykiatri.'] },
        { points: [{ text: 'Første punkt, der Fortsætter', sub: ['et delpunkt der fortsætter'] }] },
      ],
    },
    {
      name: 'after a paragraph break a capitalised line is a paragraph',
      input: ['- Punkt', '', 'Tekst.'],
      blocks: [{ bullets: ['Punkt'] }, { paragraph: 'Tekst.' }],
    },
    {
      name: 'a letter without a numbered point is text',
      input: ['a) ikke et delpunkt'],
      blocks: [{ paragraph: 'a) ikke et delpunkt' }],
    },
    {
      name: 'Word lists: the same list continues, another restarts at its start',
      input: [
        docx('Første', 'number', '3'),
        docx('Delpunkt', 'letter', '3'),
        docx('Anden', 'number', '3'),
        docx('Svar på punkt 2', 'number', '7', 2),
        docx('Punkt', 'bullet'),
        docx('ikke en fortsættelse', undefined),
      ],
      blocks: [
        { points: [{ text: 'Første', sub: ['Delpunkt'] }, 'Anden'] },
        { points: ['Svar på punkt 2'], start: 2 },
        { bullets: ['Punkt'] },
        { paragraph: 'ikke en fortsættelse' },
      ],
    },
  ];
  for (const { name, input, blocks: expected } of cases) {
    it(name, () => expect(blocks(...input)).toEqual(expected));
  }
});
