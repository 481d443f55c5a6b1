import { describe, expect, it } from 'vitest';
import { fill } from '../../client/i18n/fill.ts';

/** UI strings with placeholders: every name comes through as written. */
describe('fill', () => {
  const cases: [string, Record<string, string | number>, string][] = [
    ['Punkt {n} «{title}» er slettet.', { n: 2, title: 'Budget' }, 'Punkt 2 «Budget» er slettet.'],
    [
      'Log ind med {provider}',
      { provider: 'Region Hovedstaden' },
      'Log ind med Region Hovedstaden',
    ],
    // "$&", "$'" and "$1" mean something to String.prototype.replace; never here.
    [
      '{name} har forladt dokumentet',
      { name: "Jens $& $' $1 Hansen" },
      "Jens $& $' $1 Hansen har forladt dokumentet",
    ],
    ['Hej {name}', { name: 'Łukasz Żółć' }, 'Hej Łukasz Żółć'],
    ['{a}{a} {missing}', { a: 'x' }, 'xx {missing}'],
  ];
  for (const [template, values, expected] of cases) {
    it(`${template} → ${expected}`, () => expect(fill(template, values)).toBe(expected));
  }
});
