import { describe, expect, it } from 'vitest';
import type { MeetingContent } from '../../../shared/minutes/content.ts';
import {
  newHeaderState,
  parseDate,
  readHeaderLine,
  readTitle,
  type MinutesKind,
} from '../../../server/resources/import/stages/header.ts';
import type { SourceLine } from '../../../server/resources/import/sourceLines.ts';
import { lines } from './lines.ts';

describe('parseDate', () => {
  const cases: [string, ReturnType<typeof parseDate>][] = [
    [
      'Onsdag d. 9. december 2020 kl. 8.30 – 11.30',
      { date: '2020-12-09', startTime: '08:30', endTime: '11:30' },
    ],
    [
      '9. december 2020 kl. 13.00-15.00',
      { date: '2020-12-09', startTime: '13:00', endTime: '15:00' },
    ],
    ['21. September 2023, kl. 9:00', { date: '2023-09-21', startTime: '09:00', endTime: '' }],
    ['1.maj 2021', { date: '2021-05-01', startTime: '', endTime: '' }],
    // Only times after the date count.
    ['kl. 10.00 den 3. marts 2022', { date: '2022-03-03', startTime: '', endTime: '' }],
    ['2020-12-09', null],
    ['9. decembre 2020', null],
    ['december 2020', null],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(parseDate(text)).toEqual(expected));
  }
});

/** Runs the title and header stages over the lines, as parseMinutes does before the first item. */
function readHeader(...input: (string | SourceLine)[]) {
  const state = newHeaderState();
  const rest: string[] = [];
  for (const line of lines(...input)) {
    if (!readTitle(state, line, true) && !readHeaderLine(state, line)) rest.push(line.text);
  }
  return { header: state.header, kind: state.kind, rest };
}

describe('header stage', () => {
  const cases: {
    name: string;
    input: (string | SourceLine)[];
    header: MeetingContent['header'];
    kind?: MinutesKind;
    rest?: string[];
  }[] = [
    {
      name: 'a published referat: title, forum, date with times, place with its Teams link text',
      input: [
        'Referat',
        'Driftsforum Voksenpsykiatri – Klynge MIDT',
        'Onsdag d. 9. december 2020 kl. 8.30 – 11.30',
        'Teams møde Klik her for at deltage i mødet',
      ],
      kind: 'referat',
      header: {
        forum: 'Driftsforum Voksenpsykiatri – Klynge MIDT',
        date: '2020-12-09',
        startTime: '08:30',
        endTime: '11:30',
        place: 'Teams møde',
      },
    },
    {
      name: 'labelled fields',
      input: [
        'DAGSORDEN',
        'Tid: 9. december 2020 kl. 13.00-15.00',
        'Sted : Mødelokale 2',
        'Online: https://teams.example/møde',
        'Mødeleder: Maj Skårhøj',
        'referent:Thomas Søndergaard',
      ],
      kind: 'dagsorden',
      header: {
        date: '2020-12-09',
        startTime: '13:00',
        endTime: '15:00',
        place: 'Mødelokale 2',
        onlineLink: 'https://teams.example/møde',
        chair: 'Maj Skårhøj',
        minuteTaker: 'Thomas Søndergaard',
      },
    },
    {
      name: 'a "Tid:" without a date is read and gives nothing',
      input: ['Tid: efter aftale'],
      header: {},
    },
    {
      name: 'a DOCX title names the kind by its first word; later titles are not the title',
      // "Dagsorden" over the items is the list's heading (review: it was taken as the forum).
      input: [{ text: 'Referat af mødet', kind: 'title' }, 'Dagsorden', 'Forum'],
      kind: 'referat',
      header: { forum: 'Forum' },
    },
    {
      name: 'a DOCX title that is neither',
      input: [{ text: 'Møde', kind: 'title' }, 'Forum'],
      kind: null,
      header: { forum: 'Forum' },
    },
    {
      name: 'without a title no line is the forum',
      input: ['Driftsforum Midt', '9. december 2020', 'Teams'],
      header: { date: '2020-12-09', startTime: '', endTime: '', place: 'Teams' },
      rest: ['Driftsforum Midt'],
    },
    {
      name: 'a heading is not the forum',
      input: ['Referat', { text: 'Indledning', kind: 'heading2' }, 'Forum'],
      kind: 'referat',
      header: { forum: 'Forum' },
      rest: ['Indledning'],
    },
    {
      name: 'the first date counts; what follows forum, date and place is left',
      input: ['Referat', 'Forum', '9. december 2020', '10. december 2020', 'Sted', 'En løs linje'],
      kind: 'referat',
      header: {
        forum: 'Forum',
        date: '2020-12-09',
        startTime: '',
        endTime: '',
        place: '10. december 2020',
      },
      rest: ['Sted', 'En løs linje'],
    },
  ];
  // Review: a first line naming the forum was kept as text, and "Dagsorden" over the items became the title.
  cases.push(
    {
      name: '"Referat fra møde i <forum>" is the title and names the forum; "Dagsorden" over the items is no text',
      input: [
        'Referat fra møde i Ældrerådet, Hedensted Kommune',
        'Mødested: Rådhuset',
        'Dagsorden',
      ],
      kind: 'referat',
      header: { forum: 'Ældrerådet, Hedensted Kommune', place: 'Rådhuset' },
    },
    {
      name: '"Dagsorden for <forum> den <date>": the forum without the date, the date from its own line',
      input: [
        'Dagsorden for bestyrelsesmødet i Boligforeningen Nuuk den 3. marts',
        '3. marts 2027',
      ],
      kind: 'dagsorden',
      header: {
        forum: 'bestyrelsesmødet i Boligforeningen Nuuk',
        date: '2027-03-03',
        startTime: '',
        endTime: '',
      },
    },
    {
      name: 'a sentence starting "Referat fra …" is not a title',
      input: ['Referat fra sidste møde blev godkendt.'],
      header: {},
      rest: ['Referat fra sidste møde blev godkendt.'],
    },
  );
  for (const { name, input, header, kind = null, rest = [] } of cases) {
    it(name, () => expect(readHeader(...input)).toEqual({ header, kind, rest }));
  }
});
