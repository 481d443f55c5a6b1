import { describe, expect, it } from 'vitest';
import type { MeetingContent } from '../../../shared/minutes/content.ts';
import type { Participant } from '../../../shared/minutes/fields.ts';
import {
  isParticipantsHeading,
  join,
  newParticipantsState,
  openParticipants,
  parseParticipant,
  readParticipantLine,
} from '../../../server/resources/import/stages/participants.ts';
import type { SourceLine } from '../../../server/resources/import/sourceLines.ts';
import { lines } from './lines.ts';

type Entry = Omit<Participant, 'id'>;

describe('parseParticipant', () => {
  const cases: [string, Partial<Entry> & { chair?: boolean }][] = [
    [
      'TinaMaria Larsen – Centerleder hos Aalborg Kommune (Kommunal medformand)',
      {
        name: 'TinaMaria Larsen',
        title: 'Centerleder hos Aalborg Kommune',
        role: 'Kommunal medformand',
      },
    ],
    [
      'Anni Martens - Leder af Sygedagpengehuset - afbud',
      { name: 'Anni Martens', title: 'Leder af Sygedagpengehuset', status: 'absent' },
    ],
    [
      'Maj Skårhøj – Klinikchef (Medformand) – mødeleder',
      { name: 'Maj Skårhøj', title: 'Klinikchef', role: 'Medformand, mødeleder', chair: true },
    ],
    ['Bo Ib – Konsulent - gæst', { name: 'Bo Ib', title: 'Konsulent', status: 'guest' }],
    ['Bo Ib - AD HOC', { name: 'Bo Ib', status: 'adhoc' }],
    [
      'Bo Ib – Konsulent - afbud - mødeleder',
      { name: 'Bo Ib', title: 'Konsulent', role: 'mødeleder', status: 'absent', chair: true },
    ],
    // A hyphen without spaces is part of the name or title.
    [
      'Ditte-Marie Mikus – Faglig teamleder i Voksen-Handicap',
      { name: 'Ditte-Marie Mikus', title: 'Faglig teamleder i Voksen-Handicap' },
    ],
    ['Ib Hansen-afbud', { name: 'Ib Hansen-afbud' }],
    ['Ib Hansen', { name: 'Ib Hansen' }],
    ['Ib Hansen (Formand', { name: 'Ib Hansen (Formand' }],
  ];
  for (const [text, expected] of cases) {
    it(text, () =>
      expect(parseParticipant(text, 'Psykiatrien')).toEqual({
        id: '',
        name: '',
        title: '',
        role: '',
        organisation: 'Psykiatrien',
        status: 'present',
        chair: false,
        minuteTaker: false,
        ...expected,
      }),
    );
  }
});

describe('join (a participant entry and its wrapped line)', () => {
  const cases: [string, string, string][] = [
    ['Chefkonsulent i Innovations-', 'enheden', 'Chefkonsulent i Innovationsenheden'],
    [
      'konsulent i Sundheds-',
      'og Kulturforvaltningen',
      'konsulent i Sundheds- og Kulturforvaltningen',
    ],
    ['Leder af', 'Sygedagpengehuset ', 'Leder af Sygedagpengehuset'],
    ['Region Nord-', 'Jylland', 'Region Nord- Jylland'],
    ['', 'x', 'x'],
  ];
  for (const [a, b, joined] of cases) {
    it(`${a} + ${b}`, () => expect(join(a, b)).toBe(joined));
  }
});

describe('isParticipantsHeading', () => {
  const cases: [string | SourceLine, boolean][] = [
    ['Deltagere:', true],
    ['Deltagere', true],
    ['Deltagerliste', true],
    ['Til stede:', true],
    ['Deltagere fra kommunerne:', true],
    [{ text: 'Deltagere', kind: 'heading1' }, true],
    [{ text: 'Deltagere', kind: 'bullet' }, false],
    [`Deltagere ${'og mange andre '.repeat(4)}:`, false],
    ['Deltager: Mette Holm Larsen', false],
    // Issue 16: "Afbud:" opens a list of absent participants (participantHeading.test.ts).
    ['Afbud:', true],
  ];
  for (const [line, expected] of cases) {
    const text = typeof line === 'string' ? line : `${line.text} (${line.kind})`;
    it(text, () => expect(isParticipantsHeading(lines(line)[0])).toBe(expected));
  }
});

/**
 * Runs an open participant list over the lines (after its heading), as
 * parseMinutes does; `rest` are the lines from where the list ended.
 */
function readList(nextItem: number, ...input: (string | SourceLine)[]) {
  const state = newParticipantsState();
  openParticipants(state);
  const header: MeetingContent['header'] = {};
  const rest: string[] = [];
  for (const line of lines(...input)) {
    if (!readParticipantLine(state, line, nextItem, header)) rest.push(line.text);
  }
  const participants = state.participants.map(({ id: _id, ...p }) => p);
  return { participants, chair: header.chair, rest };
}

const person = (name: string, organisation: string, more: Partial<Entry> = {}): Entry => ({
  name,
  title: '',
  role: '',
  organisation,
  status: 'present',
  ...more,
});

describe('participants stage', () => {
  const cases: {
    name: string;
    input: (string | SourceLine)[];
    nextItem?: number;
    participants: Entry[];
    chair?: string;
    rest?: string[];
  }[] = [
    {
      name: 'entries under organisations, the list ending at the next item',
      input: [
        'Aalborg Kommune:',
        '- TinaMaria Larsen – Centerleder (Kommunal medformand)',
        '• Anni Martens – Leder af Sygedagpengehuset - afbud',
        'Psykiatrien:',
        '– Tine Blach – Ledende socialrådgiver',
        '1. Godkendelse af dagsorden',
      ],
      participants: [
        person('TinaMaria Larsen', 'Aalborg Kommune', {
          title: 'Centerleder',
          role: 'Kommunal medformand',
        }),
        person('Anni Martens', 'Aalborg Kommune', {
          title: 'Leder af Sygedagpengehuset',
          status: 'absent',
        }),
        person('Tine Blach', 'Psykiatrien', { title: 'Ledende socialrådgiver' }),
      ],
      rest: ['1. Godkendelse af dagsorden'],
    },
    {
      name: 'an "Afbud:" block: everyone in it is absent',
      input: ['Region:', '- Bo – Læge', 'Afbud:', '- Ib – Jurist', 'Kommune:', '- Åse'],
      participants: [
        person('Bo', 'Region', { title: 'Læge' }),
        person('Ib', '', { title: 'Jurist', status: 'absent' }),
        person('Åse', 'Kommune', { status: 'absent' }),
      ],
    },
    {
      name: 'wrapped entries: title, hyphenation, role',
      input: [
        'Aalborg Kommune:',
        '- Malene Horsholt – Sundhedsstrategisk konsulent i Sundheds-',
        'og Kulturforvaltningen',
        '- Niels Bech Lukassen – Chefkonsulent i Kvalitets- og Innovations-',
        'enheden',
        '- Susanne Lorentzen – Konsulent (kommunal',
        'sekretær for driftsforum)',
        '- Anja Kallestrup – Projektleder (Kommunal',
        'Medformand)',
      ],
      participants: [
        person('Malene Horsholt', 'Aalborg Kommune', {
          title: 'Sundhedsstrategisk konsulent i Sundheds- og Kulturforvaltningen',
        }),
        person('Niels Bech Lukassen', 'Aalborg Kommune', {
          title: 'Chefkonsulent i Kvalitets- og Innovationsenheden',
        }),
        person('Susanne Lorentzen', 'Aalborg Kommune', {
          title: 'Konsulent',
          role: 'kommunal sekretær for driftsforum',
        }),
        person('Anja Kallestrup', 'Aalborg Kommune', {
          title: 'Projektleder',
          role: 'Kommunal Medformand',
        }),
      ],
    },
    {
      name: 'an entry wraps onto at most four lines; the fifth ends the list',
      input: ['Org:', '- Bo', 'a', 'b', 'c', 'd', 'e', '- Ib'],
      participants: [person('Bo a b c d', 'Org')],
      rest: ['e', '- Ib'],
    },
    {
      name: 'a lower-case line after an organisation heading ends the list',
      input: ['Org:', '- Bo', 'Andet:', 'og videre'],
      participants: [person('Bo', 'Org')],
      rest: ['og videre'],
    },
    {
      name: 'the first mødeleder is the chair',
      input: ['Org:', '- Maj Skårhøj – Klinikchef - mødeleder', '- Bo - mødeleder'],
      participants: [
        person('Maj Skårhøj', 'Org', { title: 'Klinikchef', role: 'mødeleder' }),
        person('Bo', 'Org', { role: 'mødeleder' }),
      ],
      chair: 'Maj Skårhøj',
    },
    {
      name: 'a line that is none of these ends the list',
      input: ['Org:', '- Bo', 'Referatet blev godkendt.', '- Ib'],
      participants: [person('Bo', 'Org')],
      rest: ['Referatet blev godkendt.', '- Ib'],
    },
    {
      name: 'an item heading that looks like an organisation ends the list when it is the next item',
      input: ['- Bo', '2. Opfølgning på møderne i:'],
      nextItem: 2,
      participants: [person('Bo', '')],
      rest: ['2. Opfølgning på møderne i:'],
    },
    {
      name: '…and is an organisation when it is not',
      input: ['- Bo', '2. Opfølgning på møderne i:', '- Ib'],
      nextItem: 1,
      participants: [person('Bo', ''), person('Ib', '2. Opfølgning på møderne i')],
    },
    {
      name: 'a DOCX: Heading 3 organisations, list paragraphs, an "Afbud" Heading 1; another Heading 1 ends it',
      input: [
        { text: 'Aalborg Kommune', kind: 'heading3', whole: true },
        { text: 'Lene Kalstrup – Visitationschef', kind: 'bullet', whole: true },
        { text: 'Afbud', kind: 'heading1', whole: true },
        { text: 'Psykiatrien', kind: 'heading3', whole: true },
        { text: 'Inger Brødsgaard – Overlæge', kind: 'bullet', whole: true },
        { text: 'Godkendelse', kind: 'heading1', whole: true },
      ],
      participants: [
        person('Lene Kalstrup', 'Aalborg Kommune', { title: 'Visitationschef' }),
        person('Inger Brødsgaard', 'Psykiatrien', { title: 'Overlæge', status: 'absent' }),
      ],
      rest: ['Godkendelse'],
    },
    {
      name: 'a DOCX of our own export: Heading 2 organisations under the Heading 1 "Deltagere"',
      input: [
        { text: 'Region Nordjylland', kind: 'heading2', whole: true },
        { text: 'Łukasz Żółć – Konsulent', kind: 'bullet', whole: true },
        { text: '1. Godkendelse af dagsorden', kind: 'heading1', whole: true },
      ],
      participants: [person('Łukasz Żółć', 'Region Nordjylland', { title: 'Konsulent' })],
      rest: ['1. Godkendelse af dagsorden'],
    },
  ];
  for (const { name, input, nextItem = 1, participants, chair, rest = [] } of cases) {
    it(name, () => expect(readList(nextItem, ...input)).toEqual({ participants, chair, rest }));
  }

  it('a closed list takes nothing until it is opened again, and keeps its last entry', () => {
    const state = newParticipantsState();
    const header = {};
    const [bo, text, wrap] = lines('- Bo – Læge', 'Tekst', 'og Forsker');
    expect(readParticipantLine(state, bo, 1, header)).toBe(false);
    openParticipants(state);
    expect(readParticipantLine(state, bo, 1, header)).toBe(true);
    expect(readParticipantLine(state, text, 1, header)).toBe(false);
    expect(state.open).toBe(false);
    openParticipants(state);
    expect(readParticipantLine(state, wrap, 1, header)).toBe(true);
    expect(state.participants).toEqual([
      { id: '', ...person('Bo', '', { title: 'Læge og Forsker' }) },
    ]);
  });
});
