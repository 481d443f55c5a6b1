import { describe, expect, it } from 'vitest';
import {
  parseMinutes,
  textLines,
  type ImportResult,
} from '../../../server/resources/import/parseMinutes.ts';

/** The stages together: which stage a line goes to depends on where it stands. */
describe('parseMinutes', () => {
  const person = { id: '', title: '', role: '', status: 'present' as const };
  const cases: { name: string; text: string[]; result: Omit<ImportResult, 'checks'> }[] = [
    {
      name: 'title, header, participants, items; "Referat" is the title once, then a section',
      text: [
        'Referat',
        'Driftsforum Midt',
        'Tid: 9. december 2020 kl. 13.00-15.00',
        'Deltagere:',
        'Psykiatrien:',
        '- Maj Skårhøj – Klinikchef - mødeleder',
        '1. Godkendelse (Fast punkt)',
        'Referat:',
        'Godkendt.',
      ],
      result: {
        kind: 'referat',
        content: {
          header: {
            forum: 'Driftsforum Midt',
            date: '2020-12-09',
            startTime: '13:00',
            endTime: '15:00',
            chair: 'Maj Skårhøj',
          },
          participants: [
            {
              ...person,
              name: 'Maj Skårhøj',
              title: 'Klinikchef',
              role: 'mødeleder',
              organisation: 'Psykiatrien',
            },
          ],
          items: [
            {
              title: 'Godkendelse',
              standing: 'start',
              sections: [{ type: 'referat', blocks: [{ paragraph: 'Godkendt.' }] }],
            },
          ],
        },
        unrecognised: [],
      },
    },
    {
      name: 'a "Mødeleder:" line names the chair over a participant marked mødeleder',
      text: ['Deltagere:', '- Bo - mødeleder', 'Mødeleder: Ib', '1. Punkt'],
      result: {
        kind: null,
        content: {
          header: { chair: 'Ib' },
          participants: [{ ...person, name: 'Bo', role: 'mødeleder', organisation: '' }],
          items: [{ title: 'Punkt', sections: [] }],
        },
        unrecognised: [],
      },
    },
    {
      name: 'lines before the first item that are no header are kept in it, and listed',
      text: ['Referat', 'Forum', '9. december 2020', 'Teams', 'En løs linje', '1. Punkt', 'Tekst.'],
      result: {
        kind: 'referat',
        content: {
          header: {
            forum: 'Forum',
            date: '2020-12-09',
            startTime: '',
            endTime: '',
            place: 'Teams',
          },
          participants: [],
          items: [
            {
              title: 'Punkt',
              sections: [
                { type: 'sagsfremstilling', blocks: [{ paragraph: 'En løs linje' }] },
                { type: 'sagsfremstilling', blocks: [{ paragraph: 'Tekst.' }] },
              ],
            },
          ],
        },
        unrecognised: [
          'Stod før første punkt, lagt under Sagsfremstilling i punkt 1 «Punkt»: En løs linje',
        ],
      },
    },
    {
      name: 'a participant list between items closes the title and ends at the next item',
      text: ['1. Punkt', 'Til stede:', '- Bo', '2. Næste (Ib)', 'og videre'],
      result: {
        kind: null,
        content: {
          header: {},
          participants: [{ ...person, name: 'Bo', organisation: '' }],
          items: [
            { title: 'Punkt', sections: [] },
            { title: 'Næste (Ib) og videre', sections: [] },
          ],
        },
        unrecognised: [],
      },
    },
  ];
  for (const { name, text, result } of cases) {
    it(name, () => {
      // The checks have their own tests (syntheticMinutes.test.ts, checks.test.ts).
      const { checks: _checks, ...got } = parseMinutes(textLines(text.join('\n')));
      expect(got).toEqual(result);
    });
  }
});
