import { describe, expect, it } from 'vitest';
import { parseMinutes, textLines } from '../../../server/resources/import/parseMinutes.ts';

/**
 * A participant heading with its people on the same line ("Afbud: Jens
 * Hansen, Pia Olsen og Łukasz Żółć"): each a participant with the heading's
 * status, when every part reads as a name; otherwise the line is left alone.
 */
const parse = (...text: string[]) => parseMinutes(textLines(text.join('\n')));
const people = (r: ReturnType<typeof parse>) =>
  r.content.participants.map((p) => `${p.name} | ${p.role} | ${p.status}`);

const ITEMS = ['1. Godkendelse af dagsorden', 'Godkendt.'];

describe('people on the heading line', () => {
  const cases: { name: string; lines: string[]; people: string[] }[] = [
    {
      name: 'afbud, comma and "og"',
      lines: ['Afbud: Jens Hansen, Pia Olsen og Łukasz Żółć', ...ITEMS],
      people: ['Jens Hansen |  | absent', 'Pia Olsen |  | absent', 'Łukasz Żółć |  | absent'],
    },
    {
      name: 'present and absent on two lines, semicolons, a marker kept',
      lines: [
        'Til stede: Aviaja Kristiansen (formand); Đurđa Šimić',
        'Afbud: Hans-Erik Møller',
        ...ITEMS,
      ],
      people: [
        'Aviaja Kristiansen | formand | present',
        'Đurđa Šimić |  | present',
        'Hans-Erik Møller |  | absent',
      ],
    },
    {
      name: 'guests',
      lines: ['Gæster: Zoë Andersen', ...ITEMS],
      people: ['Zoë Andersen |  | guest'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parse(...c.lines);
      expect(people(r)).toEqual(c.people);
      expect(r.content.items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden']);
    });
  }

  const notLists: { name: string; line: string }[] = [
    { name: 'a sentence', line: 'Afbud: der var ingen afbud til mødet.' },
    {
      name: 'one "Name, title, unit" entry',
      line: 'Deltagere: Jens Hansen, konsulent, Region Midt',
    },
    { name: 'a forum named', line: 'Deltagere i Sundhedsudvalget: Jens Hansen' },
    { name: 'not a heading word', line: 'Referent: Jens Hansen, Pia Olsen' },
  ];
  for (const c of notLists) {
    it(`leaves alone: ${c.name}`, () => {
      const r = parse(c.line, ...ITEMS);
      expect(r.content.participants.filter((p) => p.name === 'Pia Olsen')).toEqual([]);
      expect(r.content.participants.map((p) => p.name)).not.toContain('Jens Hansen, konsulent');
    });
  }
});

describe('mødeleder and referent named after the items', () => {
  it('fill the header when the top did not name them', () => {
    const r = parse(
      ...ITEMS,
      '2. Eventuelt',
      'Intet.',
      'Mødeleder: Birthe Kjærgaard',
      'Referent: Łukasz Żółć',
    );
    expect(r.content.header.chair).toBe('Birthe Kjærgaard');
    expect(r.content.header.minuteTaker).toBe('Łukasz Żółć');
    expect(r.content.items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden', 'Eventuelt']);
  });
  it('never replace what the top said, nor take a sentence', () => {
    const r = parse(
      'Referent: Anne Holm',
      ...ITEMS,
      'Referent: Bo Berg',
      'Mødeleder: takkede for et godt møde.',
    );
    expect(r.content.header.minuteTaker).toBe('Anne Holm');
    expect(r.content.header.chair ?? '').toBe('');
  });
});
