import { describe, expect, it } from 'vitest';
import type { MeetingContent } from '../../../shared/minutes/content.ts';
import type { Participant } from '../../../shared/minutes/fields.ts';
import { dashMarker } from '../../../server/resources/import/stages/participantMarkers.ts';
import {
  newParticipantsState,
  openParticipants,
  parseParticipant,
  readParticipantLine,
} from '../../../server/resources/import/stages/participants.ts';
import { lines } from './lines.ts';

type Entry = Omit<Participant, 'id'>;
const person = (name: string, more: Partial<Entry> = {}): Entry => ({
  name,
  title: '',
  role: '',
  organisation: '',
  status: 'present',
  ...more,
});

describe('dashMarker', () => {
  const cases: [string, string | null][] = [
    ['Bo Ek - afbud', 'afbud'],
    ['Bo Ek – ad hoc', 'ad hoc'],
    ['Bo Ek — referent', 'referent'],
    ['Bo Ek - Næstformand', 'Næstformand'],
    ['Bo Ek -afbud', null],
    ['Bo Ek-afbud', null],
    ['Bo Ek - Leder af Afbudsenheden', null],
    ['Ad-hoc', null],
  ];
  for (const [text, word] of cases)
    it(text, () => expect(dashMarker(text)?.word ?? null).toBe(word));
});

describe('parseParticipant: markers and the comma form', () => {
  const cases: [string, string, Partial<Entry> & { chair?: boolean; minuteTaker?: boolean }][] = [
    ['Jens Hansen (afbud)', '', { name: 'Jens Hansen', status: 'absent' }],
    ['Jens Hansen - ad hoc', '', { name: 'Jens Hansen', status: 'adhoc' }],
    ['Jens Hansen (gæst)', '', { name: 'Jens Hansen', status: 'guest' }],
    ['Pia Lund (ref.)', '', { name: 'Pia Lund', role: 'referent', minuteTaker: true }],
    ['Pia Lund (referent)', '', { name: 'Pia Lund', role: 'referent', minuteTaker: true }],
    ['Ole Bak – medformand', '', { name: 'Ole Bak', role: 'medformand' }],
    ['Ole Bak (Formand) - afbud', '', { name: 'Ole Bak', role: 'Formand', status: 'absent' }],
    [
      'Łukasz Żółć – Konsulent (Ω-ansvarlig)',
      '',
      { name: 'Łukasz Żółć', title: 'Konsulent', role: 'Ω-ansvarlig' },
    ],
    ['Zoë Šimić — Leder', '', { name: 'Zoë Šimić', title: 'Leder' }],
    [
      'Karen Holm, overlæge, Region Syddanmark',
      '',
      { name: 'Karen Holm', title: 'overlæge', organisation: 'Region Syddanmark' },
    ],
    [
      'Karen Holm, overlæge, Akutafdelingen',
      'Region Syddanmark',
      { name: 'Karen Holm', title: 'overlæge, Akutafdelingen', organisation: 'Region Syddanmark' },
    ],
    [
      'Mads Due, formand, Sundhedsudvalget',
      '',
      { name: 'Mads Due', role: 'formand', organisation: 'Sundhedsudvalget' },
    ],
    ['Mads Due, afbud', '', { name: 'Mads Due', status: 'absent' }],
    ['Ida Berg, sygeplejerske', '', { name: 'Ida Berg', title: 'sygeplejerske' }],
    ['Ida Berg, Aarhus Kommune', '', { name: 'Ida Berg', organisation: 'Aarhus Kommune' }],
  ];
  for (const [text, organisation, expected] of cases) {
    it(text, () =>
      expect(parseParticipant(text, organisation)).toEqual({
        id: '',
        ...person('', { organisation }),
        chair: false,
        minuteTaker: false,
        ...expected,
      }),
    );
  }
});

/** An open participant list over the lines; `rest` from where the list ended. */
function readList(...input: string[]) {
  const state = newParticipantsState();
  openParticipants(state);
  const header: MeetingContent['header'] = {};
  const rest: string[] = [];
  for (const line of lines(...input)) {
    if (rest.length || !readParticipantLine(state, line, 1, header)) rest.push(line.text);
  }
  return {
    participants: state.participants.map(({ id: _id, ...p }) => p),
    header,
    rest,
    confidences: state.notes.map((n) => n.confidence),
  };
}

describe('participant lists without bullets', () => {
  it('bare names under organisation headings without a colon, then "Afbud"', () => {
    const got = readList(
      'Region Hovedstaden',
      'Aviaja Kristiansen',
      'Đurđa Šimić, overlæge',
      'Københavns Kommune:',
      'Łukasz Żółć – Konsulent (ref.)',
      'Afbud',
      'Jan van der Berg',
      'Referatet blev godkendt.',
    );
    expect(got.participants).toEqual([
      person('Aviaja Kristiansen', { organisation: 'Region Hovedstaden' }),
      person('Đurđa Šimić', { title: 'overlæge', organisation: 'Region Hovedstaden' }),
      person('Łukasz Żółć', {
        title: 'Konsulent',
        role: 'referent',
        organisation: 'Københavns Kommune',
      }),
      person('Jan van der Berg', { status: 'absent' }),
    ]);
    expect(got.header).toEqual({ minuteTaker: 'Łukasz Żółć' });
    expect(got.rest).toEqual(['Referatet blev godkendt.']);
    // A bare name is less sure than a name with a title.
    expect(got.confidences[0]).toBeLessThan(got.confidences[1]);
  });

  it('"Formand: Name" is a participant with that role', () => {
    expect(readList('Formand: Mads Due', 'Næstformand: Ida Berg').participants).toEqual([
      person('Mads Due', { role: 'formand' }),
      person('Ida Berg', { role: 'næstformand' }),
    ]);
  });

  const ends: [string, string][] = [
    ['a sentence', 'Mødet blev holdt på rådhuset.'],
    ['an item title', 'Godkendelse af dagsorden'],
    ['a lone word', 'Dagsorden'],
    ['a header label', 'Mødested: Rådhuset'],
    ['a long line', `Karen Holm, ${'meget lang titel '.repeat(10).trim()}`],
  ];
  for (const [what, line] of ends) {
    it(`${what} ends the list`, () => {
      const got = readList('Karen Holm', line);
      expect(got.participants).toEqual([person('Karen Holm')]);
      expect(got.rest).toEqual([line]);
    });
  }
});
