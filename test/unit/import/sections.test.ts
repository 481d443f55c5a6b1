import { describe, expect, it } from 'vitest';
import type { SectionContent } from '../../../shared/minutes/content.ts';
import type { SectionType } from '../../../shared/schema/Section.ts';
import { sectionOf } from '../../../server/resources/import/stages/sections.ts';
import type { SourceLine } from '../../../server/resources/import/sourceLines.ts';
import { readItems } from './lines.ts';

describe('sectionOf', () => {
  const cases: [string, SectionType | null][] = [
    ['Sagsfremstilling', 'sagsfremstilling'],
    ['Indstilling:', 'indstilling'],
    ['INDSTILLING :', 'indstilling'],
    ['Bilag', 'bilag'],
    ['Bilag vedlagt:', 'bilag'],
    ['Referat:', 'referat'],
    ['Referat – punkt 3:', 'referat'],
    ['Referat - punkt 12', 'referat'],
    ['Beslutning:', 'beslutning'],
    ['Uddybning', 'uddybning'],
    ['Indstillingen:', null],
    ['Referat af mødet', null],
    ['Indstilling: Det indstilles', null],
    // Longer than any label: a sentence, not a label.
    [`Referat – punkt ${'1'.repeat(30)}:`, null],
  ];
  for (const [text, type] of cases) {
    it(JSON.stringify(text), () => expect(sectionOf(text)).toBe(type));
  }
});

/** The sections of one item whose body is `input` (after a heading "1. Punkt"). */
function sections(...input: (string | SourceLine)[]) {
  const { items, unrecognised } = readItems('1. Punkt', ...input);
  return { sections: items[0].sections, unrecognised };
}

const paragraphs = (type: SectionType, ...texts: string[]): SectionContent => ({
  type,
  blocks: texts.map((paragraph) => ({ paragraph })),
});

describe('items stage: sections and paragraphs', () => {
  const cases: {
    name: string;
    input: (string | SourceLine)[];
    sections: SectionContent[];
    unrecognised?: string[];
  }[] = [
    {
      name: 'labels on their own lines, each with its text',
      input: [
        'Sagsfremstilling',
        'Baggrund.',
        'Indstilling:',
        'Det indstilles, at forummet tager orienteringen til efterretning.',
        'Bilag vedlagt:',
        'Oplæg.',
        'Referat – punkt 1:',
        'Drøftet.',
        'Uddybning',
        'Mere.',
      ],
      sections: [
        paragraphs('sagsfremstilling', 'Baggrund.'),
        paragraphs(
          'indstilling',
          'Det indstilles, at forummet tager orienteringen til efterretning.',
        ),
        paragraphs('bilag', 'Oplæg.'),
        paragraphs('referat', 'Drøftet.'),
        paragraphs('uddybning', 'Mere.'),
      ],
    },
    {
      name: 'a label with its text on the same line',
      input: ['Indstilling: Det indstilles, at forummet godkender.', 'Beslutning:  Godkendt.'],
      sections: [
        paragraphs('indstilling', 'Det indstilles, at forummet godkender.'),
        paragraphs('beslutning', 'Godkendt.'),
      ],
    },
    {
      name: '"Referat – punkt n:" directly followed by "Beslutning:" is only a marker',
      input: ['Referat – punkt 2:', 'Beslutning:', 'Godkendt.'],
      sections: [paragraphs('beslutning', 'Godkendt.')],
    },
    {
      name: 'text before any label is sagsfremstilling',
      input: ['Baggrund.'],
      sections: [paragraphs('sagsfremstilling', 'Baggrund.')],
    },
    {
      name: 'PDF lines: joined while the sentence runs on or the next line starts in lower case',
      input: [
        'Det er aftalt at fx bostøtte bruger huset. Der er også mu-',
        '',
        'lighed for at bruge lokalerne til',
        'Netværksmøder.',
        'Ny sætning.',
        '',
        'og en fortsættelse.',
        'Endnu en: "citat."',
        'Sidste.',
      ],
      sections: [
        paragraphs(
          'sagsfremstilling',
          'Det er aftalt at fx bostøtte bruger huset. Der er også mulighed for at bruge lokalerne til Netværksmøder.',
          'Ny sætning. og en fortsættelse.',
          'Endnu en: "citat."',
          'Sidste.',
        ),
      ],
    },
    {
      name: 'Word paragraphs are never joined',
      input: [
        { text: 'Sagsfremstilling', kind: 'heading2', whole: true },
        { text: 'Uden punktum', whole: true },
        { text: 'og videre', whole: true },
      ],
      sections: [paragraphs('sagsfremstilling', 'Uden punktum', 'og videre')],
    },
    {
      name: 'only Heading 2 labels a section in a Word file; other headings are sub-headings',
      input: [
        { text: 'Indstilling', kind: 'heading3', whole: true },
        { text: 'Beslutning', kind: 'heading2', whole: true },
        { text: 'Pris', kind: 'heading2', whole: true },
        { text: 'Tekst', whole: true },
      ],
      sections: [
        { type: 'sagsfremstilling', blocks: [{ paragraph: 'Indstilling', subheading: true }] },
        {
          type: 'beslutning',
          blocks: [{ paragraph: 'Pris', subheading: true }, { paragraph: 'Tekst' }],
        },
      ],
    },
    {
      name: 'a bare link goes under the first Bilag (added when there is none) and is listed',
      input: ['Tekst.', 'https://x.dk/oplæg.pdf', 'Bilag:', 'Oplæg', 'http://x.dk/2'],
      sections: [
        paragraphs('sagsfremstilling', 'Tekst.'),
        paragraphs('bilag', 'https://x.dk/oplæg.pdf', 'http://x.dk/2'),
        paragraphs('bilag', 'Oplæg'),
      ],
      unrecognised: [
        'Link uden tekst, lagt under Bilag i punkt 1 «Punkt»: https://x.dk/oplæg.pdf',
        'Link uden tekst, lagt under Bilag i punkt 1 «Punkt»: http://x.dk/2',
      ],
    },
  ];
  for (const { name, input, sections: expected, unrecognised = [] } of cases) {
    it(name, () => expect(sections(...input)).toEqual({ sections: expected, unrecognised }));
  }
});
