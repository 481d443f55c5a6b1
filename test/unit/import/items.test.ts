import { describe, expect, it } from 'vitest';
import type { ItemContent } from '../../../shared/minutes/content.ts';
import { openedBy } from '../../../server/resources/import/stages/items.ts';
import type { SourceLine } from '../../../server/resources/import/sourceLines.ts';
import { readItems } from './lines.ts';

const text = (...paragraphs: string[]) => ({
  type: 'sagsfremstilling' as const,
  blocks: paragraphs.map((paragraph) => ({ paragraph })),
});

describe('items stage: headings and titles', () => {
  const cases: {
    name: string;
    input: (string | SourceLine)[];
    items: ItemContent[];
    unrecognised?: string[];
    rest?: string[];
  }[] = [
    {
      name: '"n. Title (Presenter)"',
      input: ['1. Godkendelse af dagsorden (Formandskabet)', '2.  Eventuelt'],
      items: [
        { title: 'Godkendelse af dagsorden', presenter: 'Formandskabet', sections: [] },
        { title: 'Eventuelt', sections: [] },
      ],
    },
    {
      name: '"(Fast punkt)": a standing item, at the start when first',
      input: ['1. Godkendelse (Fast punkt)', '2. Sag', '3. Eventuelt (fast punkt)'],
      items: [
        { title: 'Godkendelse', standing: 'start', sections: [] },
        { title: 'Sag', sections: [] },
        { title: 'Eventuelt', standing: 'end', sections: [] },
      ],
    },
    {
      name: 'lines before the first item are left for the header',
      input: ['Referat', 'Forum', '1. Punkt'],
      items: [{ title: 'Punkt', sections: [] }],
      rest: ['Referat', 'Forum'],
    },
    {
      name: 'only the next number starts an item',
      input: ['1. Første', '3. Tredje', '2. Anden'],
      items: [
        {
          title: 'Første',
          sections: [{ type: 'sagsfremstilling', blocks: [{ points: ['Tredje'], start: 3 }] }],
        },
        { title: 'Anden', sections: [] },
      ],
    },
    {
      name: 'a title wrapped in a PDF: a hyphenated word, a lower-case line, a "(Presenter)" line',
      input: [
        '1. Drøftelse af samarbejdet indenfor beskæftigelses-',
        'området og Psykiatrien',
        '2. Opfølgning på møderne',
        '',
        'i klyngen (Formandskabet)',
        '3. Orientering om Sundhedsaftalens Dash',
        'Board (Maj Skårhøj)',
        'Tekst.',
      ],
      items: [
        {
          title: 'Drøftelse af samarbejdet indenfor beskæftigelsesområdet og Psykiatrien',
          sections: [],
        },
        { title: 'Opfølgning på møderne i klyngen', presenter: 'Formandskabet', sections: [] },
        {
          title: 'Orientering om Sundhedsaftalens Dash Board',
          presenter: 'Maj Skårhøj',
          sections: [text('Tekst.')],
        },
      ],
    },
    {
      name: 'after a paragraph break a capitalised line is not the title',
      input: ['1. Punkt', '', 'Tekst her.'],
      items: [{ title: 'Punkt', sections: [text('Tekst her.')] }],
    },
    {
      name: 'a section label is not the title',
      input: ['1. Punkt', 'referat:'],
      items: [{ title: 'Punkt', sections: [{ type: 'referat', blocks: [] }] }],
    },
    {
      name: 'a Word heading names its presenter as a text title does: "(Bo)", "v. Bo"',
      input: [
        { text: '1. Punkt (Bo)', kind: 'heading1', whole: true },
        { text: 'fortsat', whole: true },
        { text: '2. Budget v. Anne Hansen', kind: 'heading1', whole: true },
        { text: '3. Regnskab', kind: 'heading1', whole: true },
        { text: '(Åse Øberg)', whole: true },
      ],
      items: [
        { title: 'Punkt', presenter: 'Bo', sections: [text('fortsat')] },
        { title: 'Budget', presenter: 'Anne Hansen', sections: [] },
        { title: 'Regnskab', presenter: 'Åse Øberg', sections: [] },
      ],
    },
    {
      name: 'a Heading 1 numbered by Word is an item, whatever its number',
      input: [
        { text: 'Budget', kind: 'heading1', number: 2, whole: true },
        { text: 'Regnskab', kind: 'heading1', number: 3, whole: true },
        { text: 'Godkendelse', kind: 'heading1', whole: true },
      ],
      items: [
        { title: 'Budget', sections: [] },
        { title: 'Regnskab', sections: [] },
      ],
      unrecognised: ['Overskrift uden for punkterne, ikke overført: Godkendelse'],
    },
    {
      name: 'a "v. Presenter" paragraph under a Word heading (as the export writes it) keeps the title whole',
      input: [
        { text: '1. Punkt (udkast)', kind: 'heading1', whole: true },
        { text: 'v. Bo', whole: true },
        { text: '2. Sag v. rådet', kind: 'heading1', whole: true },
      ],
      items: [
        { title: 'Punkt (udkast)', presenter: 'Bo', sections: [] },
        { title: 'Sag v. rådet', sections: [] },
      ],
    },
    {
      name: 'the next point of an open list is not the next item',
      input: ['1. Punkt', 'Indstilling:', '1. Første', '2. Anden', '', 'Tekst.', '2. Næste punkt'],
      items: [
        {
          title: 'Punkt',
          sections: [
            {
              type: 'indstilling',
              blocks: [{ points: ['Første', 'Anden'] }, { paragraph: 'Tekst.' }],
            },
          ],
        },
        { title: 'Næste punkt', sections: [] },
      ],
    },
    {
      name: 'a Word Heading 1 is an item even after a list',
      input: ['1. Punkt', '1. Første', { text: '2. Næste punkt', kind: 'heading1', whole: true }],
      items: [
        {
          title: 'Punkt',
          sections: [{ type: 'sagsfremstilling', blocks: [{ points: ['Første'] }] }],
        },
        { title: 'Næste punkt', sections: [] },
      ],
    },
    {
      name: 'another Heading 1 and what follows, until the next item, are listed, not placed',
      input: [
        '1. Punkt',
        { text: 'Godkendelse', kind: 'heading1', whole: true },
        { text: 'Godkendt af Bo', whole: true },
        { text: '2. Eventuelt', kind: 'heading1', whole: true },
        { text: 'Intet.', whole: true },
      ],
      items: [
        { title: 'Punkt', sections: [] },
        { title: 'Eventuelt', sections: [text('Intet.')] },
      ],
      unrecognised: [
        'Overskrift uden for punkterne, ikke overført: Godkendelse',
        'Stod under «Godkendelse» uden for punkterne, ikke overført: Godkendt af Bo',
      ],
    },
    {
      name: 'the presenter: "Deltager:", "v." (after a Word heading), "… indleder punktet"',
      input: [
        '1. Orientering',
        'Deltager: Mette Holm Larsen',
        { text: '2. Drøftelse', kind: 'heading1', whole: true },
        { text: 'v. Tine Blach', whole: true },
        '3. Forslag',
        'Tine Blach indleder punktet.',
        'Anders And indleder punktet.',
      ],
      items: [
        { title: 'Orientering', presenter: 'Mette Holm Larsen', sections: [] },
        { title: 'Drøftelse', presenter: 'Tine Blach', sections: [] },
        {
          title: 'Forslag',
          presenter: 'Tine Blach',
          sections: [text('Tine Blach indleder punktet.', 'Anders And indleder punktet.')],
        },
      ],
    },
    {
      name: '"Deltager:" within a section is text',
      input: ['1. Punkt (Bo)', 'Referat:', 'Deltager: Ib'],
      items: [
        {
          title: 'Punkt',
          presenter: 'Bo',
          sections: [{ type: 'referat', blocks: [{ paragraph: 'Deltager: Ib' }] }],
        },
      ],
    },
  ];
  for (const { name, input, items, unrecognised = [], rest = [] } of cases) {
    it(name, () => expect(readItems(...input)).toEqual({ items, unrecognised, rest }));
  }
});

describe('openedBy', () => {
  const cases: [string, string | null][] = [
    ['Tine Blach indleder punktet.', 'Tine Blach'],
    ['Herefter Anders And indleder punktet', 'Anders And'],
    ['Ærø Ål indleder punkt 3', 'Ærø Ål'],
    ['Ditte-Marie Mikus indleder punktet', 'Ditte-Marie Mikus'],
    ['Her indleder punktet', null],
    ['tine blach indleder punktet', null],
    ['Tine Blach indleder mødet', null],
    ['Bo, Ib indleder punktet', null],
    ['Bo I indleder punktet', null],
  ];
  for (const [text, name] of cases) {
    it(text, () => expect(openedBy(text)).toBe(name));
  }
});
