import { describe, expect, it } from 'vitest';
import type { ImportCheck } from '../../shared/api/importChecks.ts';
import { checksToShow, describeCheck } from '../../client/i18n/importChecks.ts';

describe('the lines to check, in words', () => {
  const cases: [ImportCheck, string, string][] = [
    [
      {
        as: 'participant',
        organisation: 'Region Hovedstaden',
        status: 'present',
        confidence: 0.7,
        line: 'x',
      },
      'Tolket som deltager under Region Hovedstaden',
      'Read as a participant under Region Hovedstaden',
    ],
    [
      { as: 'participant', organisation: '', status: 'absent', confidence: 0.7, line: 'x' },
      'Tolket som deltager uden organisation (afbud)',
      'Read as a participant without an organisation (absent)',
    ],
    [
      { as: 'kept', item: 3, section: 'sagsfremstilling', confidence: 0.2, line: 'x' },
      'Ikke genkendt – lagt i sagsfremstillingen under punkt 3',
      'Not recognised – put in the background under item 3',
    ],
    [
      { as: 'dateWithoutYear', confidence: 0, line: 'x' },
      'Dato uden årstal – angiv året (datoen er ikke sat i mødehovedet)',
      'Date without a year – give the year (the date is not set in the header)',
    ],
    [
      { as: 'section', item: 2, section: 'indstilling', confidence: 0.6, line: 'x' },
      'Tolket som begyndelsen på indstillingen under punkt 2',
      'Read as the start of the recommendation under item 2',
    ],
  ];
  for (const [check, da, en] of cases) {
    it(da, () => {
      expect(describeCheck(check, 'da')).toBe(da);
      expect(describeCheck(check, 'en')).toBe(en);
    });
  }

  it('only the unsure ones, least sure first', () => {
    const c = (confidence: number): ImportCheck => ({
      as: 'dropped',
      confidence,
      line: String(confidence),
    });
    expect(checksToShow([c(0.6), c(0.95), c(0), c(0.2)]).map((x) => x.line)).toEqual([
      '0',
      '0.2',
      '0.6',
    ]);
  });
});
