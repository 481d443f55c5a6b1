import { describe, expect, it } from 'vitest';
import { participantHeading } from '../../../server/resources/import/stages/participantHeading.ts';

describe('participantHeading', () => {
  const cases: [string, ReturnType<typeof participantHeading>][] = [
    ['Mødedeltagere', { status: 'present', forum: '' }],
    ['MØDEDELTAGERE:', { status: 'present', forum: '' }],
    ['Deltagere', { status: 'present', forum: '' }],
    ['deltagere :', { status: 'present', forum: '' }],
    ['Deltagere i Sundhedsudvalget:', { status: 'present', forum: 'Sundhedsudvalget' }],
    ['Deltagere fra kommunerne', { status: 'present', forum: 'kommunerne' }],
    ['Til stede:', { status: 'present', forum: '' }],
    ['Til stede i Ældrerådet', { status: 'present', forum: 'Ældrerådet' }],
    ['Afbud', { status: 'absent', forum: '' }],
    ['afbud:', { status: 'absent', forum: '' }],
    ['Fraværende:', { status: 'absent', forum: '' }],
    ['Gæster:', { status: 'guest', forum: '' }],
    ['Ad hoc', { status: 'adhoc', forum: '' }],
    ['AD HOC:', { status: 'adhoc', forum: '' }],
    // Negative: sentences and presenters that start with the same words.
    ['Afbud fra Region Midt.', null],
    ['Afbud fra Region Midt', null],
    ['Der var afbud fra tre medlemmer', null],
    ['Deltagerne drøftede forslaget', null],
    ['Deltager: Mette Holm Larsen', null],
    ['Til stede var alle medlemmer af udvalget.', null],
    ['Deltagere i mødet drøftede det.', null],
    ['Gæsterne blev budt velkommen', null],
    [`Deltagere i ${'et meget langt forum '.repeat(5)}`, null],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(participantHeading(text)).toEqual(expected));
  }
});
