import { describe, expect, it } from 'vitest';
import { findDate, parseDate, parseTimes } from '../../../server/resources/import/stages/dates.ts';

describe('findDate', () => {
  const cases: [string, { day: number; month: number; year: number | null } | null][] = [
    ['25. november 2026', { day: 25, month: 11, year: 2026 }],
    ['onsdag den 25. november kl. 13.00-15.00', { day: 25, month: 11, year: null }],
    ['25. november', { day: 25, month: 11, year: null }],
    ['Torsdag d. 3. nov. 2022', { day: 3, month: 11, year: 2022 }],
    ['1. sept. 2021', { day: 1, month: 9, year: 2021 }],
    ['25.11.2026', { day: 25, month: 11, year: 2026 }],
    ['25/11-2026', { day: 25, month: 11, year: 2026 }],
    ['25/11/2026 kl. 9', { day: 25, month: 11, year: 2026 }],
    ['25-11-2026', { day: 25, month: 11, year: 2026 }],
    ['29. februar 2024', { day: 29, month: 2, year: 2024 }],
    // Negative: no such day, a number that is no date, a month inside a word.
    ['30. februar 2026', null],
    ['31.04.2026', null],
    ['Punkt 3. Marts-aftalen', { day: 3, month: 3, year: null }],
    ['3. martsaftalen', null],
    ['123. maj 2020', null],
    ['Vi mødes i november', null],
    ['version 1.2.3', null],
    ['tlf. 12.34.5678', null],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      const found = findDate(text);
      expect(found && { day: found.day, month: found.month, year: found.year }).toEqual(expected);
    });
  }
});

describe('parseTimes', () => {
  const cases: [string, { startTime: string; endTime: string }][] = [
    ['kl. 13.00 - 15.30', { startTime: '13:00', endTime: '15:30' }],
    ['13:00–15:30', { startTime: '13:00', endTime: '15:30' }],
    ['kl. 9.00', { startTime: '09:00', endTime: '' }],
    ['kl. 13-15', { startTime: '13:00', endTime: '15:00' }],
    ['kl. 8', { startTime: '08:00', endTime: '' }],
    ['efter aftale', { startTime: '', endTime: '' }],
    ['kl. 25.99', { startTime: '', endTime: '' }],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(parseTimes(text)).toEqual(expected));
  }
});

describe('parseDate (a date with a year and the times after it)', () => {
  const cases: [string, ReturnType<typeof parseDate>][] = [
    [
      'onsdag den 25. november 2026 kl. 13.00-15.00',
      { date: '2026-11-25', startTime: '13:00', endTime: '15:00' },
    ],
    ['25.11.2026 kl. 13:00–15:30', { date: '2026-11-25', startTime: '13:00', endTime: '15:30' }],
    ['Dato 25/11-2026', { date: '2026-11-25', startTime: '', endTime: '' }],
    ['25. november kl. 13.00', null],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(parseDate(text)).toEqual(expected));
  }
});
