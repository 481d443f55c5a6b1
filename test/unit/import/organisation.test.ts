import { describe, expect, it } from 'vitest';
import { organisationHeading } from '../../../server/resources/import/stages/organisation.ts';

describe('organisationHeading', () => {
  const cases: [string, string | null][] = [
    ['Region Hovedstaden', 'Region Hovedstaden'],
    ['Region Hovedstaden:', 'Region Hovedstaden'],
    ['Aalborg Kommune', 'Aalborg Kommune'],
    ['Psykiatrien', 'Psykiatrien'],
    ['Sundhedsstyrelsen', 'Sundhedsstyrelsen'],
    ['Social- og Sundhedsforvaltningen', 'Social- og Sundhedsforvaltningen'],
    ['Almen praksis', 'Almen praksis'],
    ['KL', 'KL'],
    ['Nord-KAP', 'Nord-KAP'],
    ['Qeqqata Kommunia', null],
    // Negative: persons (with or without a unit), sentences, unknown single words.
    ['Aviaja Kristiansen', null],
    ['Karen Holm, Region Syddanmark', null],
    ['Karen Holm – Aalborg Kommune', null],
    ['Jens Hansen (Region Midt)', null],
    ['Kommunen har drøftet sagen.', null],
    ['kommunerne', null],
    ['Lægerne', null],
  ];
  for (const [text, expected] of cases) {
    it(text, () => expect(organisationHeading(text)).toBe(expected));
  }
});
