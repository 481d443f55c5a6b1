import { describe, expect, it } from 'vitest';
import { isRecommendation } from '../../../server/resources/import/stages/recommendation.ts';
import { subheadingOf } from '../../../server/resources/import/stages/subheading.ts';
import { readItems } from './lines.ts';

describe('subheadingOf', () => {
  const cases: [string, ReturnType<typeof subheadingOf>][] = [
    ['Baggrund', 'known'],
    ['Tilbud', 'known'],
    ['Pris:', 'known'],
    ['ØKONOMI', 'known'],
    ['Sagens baggrund', 'known'],
    ['Udbredelse af IPS-metoden', 'possible'],
    ['Fakta om huset', 'possible'],
    // Negative: sentences, lower case, numbers, long lines.
    ['Baggrunden er beskrevet i bilaget.', null],
    ['økonomien er uændret', null],
    ['2024', null],
    ['Prisen er 400.000 kr.', null],
    ['Hvad koster det?', null],
    ['En linje med alt for mange ord til at være en overskrift her', null],
  ];
  for (const [text, expected] of cases) it(text, () => expect(subheadingOf(text)).toBe(expected));
});

describe('isRecommendation', () => {
  const cases: [string, boolean][] = [
    ['Det indstilles, at udvalget godkender tilbuddet.', true],
    ['Det indstilles at udvalget tager orienteringen til efterretning', true],
    ['Der indstilles til godkendelse.', true],
    ['Forvaltningen indstiller, at udvalget godkender.', true],
    ['Udvalget drøftede, hvad der skulle indstilles.', false],
    ['det indstilles', false],
    ['Indstillingen blev godkendt.', false],
  ];
  for (const [text, expected] of cases)
    it(text, () => expect(isRecommendation(text)).toBe(expected));
});

describe('sub-headings and an unlabelled indstilling in an item', () => {
  it('a usual sub-heading stays a sub-heading in the sagsfremstilling; "Det indstilles" opens the indstilling', () => {
    const { items } = readItems(
      '1. Nyt tilbud på rengøring',
      'Baggrund',
      'Kontrakten udløber til sommer.',
      '',
      'Tilbud',
      'Der er kommet tre tilbud.',
      '',
      'Pris:',
      'Det billigste koster 400.000 kr.',
      '',
      'Det indstilles, at udvalget vælger det billigste tilbud.',
      'Beslutning:',
      'Godkendt.',
    );
    expect(items[0].sections).toEqual([
      {
        type: 'sagsfremstilling',
        blocks: [
          { paragraph: 'Baggrund', subheading: true },
          { paragraph: 'Kontrakten udløber til sommer.' },
          { paragraph: 'Tilbud', subheading: true },
          { paragraph: 'Der er kommet tre tilbud.' },
          { paragraph: 'Pris', subheading: true },
          { paragraph: 'Det billigste koster 400.000 kr.' },
        ],
      },
      {
        type: 'indstilling',
        blocks: [{ paragraph: 'Det indstilles, at udvalget vælger det billigste tilbud.' }],
      },
      { type: 'beslutning', blocks: [{ paragraph: 'Godkendt.' }] },
    ]);
  });

  it('a sub-heading word inside a running sentence is text; "Det indstilles" after the referat is text', () => {
    const { items } = readItems(
      '1. Punkt',
      'Referat:',
      'Vi talte om',
      'Økonomi',
      'og tidsplan.',
      'Det indstilles, at punktet tages op igen.',
    );
    expect(items[0].sections).toEqual([
      {
        type: 'referat',
        blocks: [
          { paragraph: 'Vi talte om Økonomi og tidsplan.' },
          { paragraph: 'Det indstilles, at punktet tages op igen.' },
        ],
      },
    ]);
  });
});
