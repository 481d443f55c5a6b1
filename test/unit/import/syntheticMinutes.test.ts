import { describe, expect, it } from 'vitest';
import { parseMinutes, textLines } from '../../../server/resources/import/parseMinutes.ts';
import { NEEDS_CHECK } from '../../../shared/api/importChecks.ts';

/**
 * Whole minutes of made-up fora, laid out unlike the two fixtures, read end
 * to end: header, participants (at the top or the end), items, sections,
 * and the confidence report.
 */
const parse = (...text: string[]) => parseMinutes(textLines(text.join('\n')));
const people = (r: ReturnType<typeof parse>) =>
  r.content.participants.map((p) =>
    [p.name, p.title, p.role, p.organisation, p.status].join(' | '),
  );

describe('synthetic minutes from other fora', () => {
  it('review: "Referat fra møde i <forum>" as the first line, "Dagsorden" over the items, participants at the end', () => {
    const r = parse(
      'Referat fra møde i Ældrerådet, Hedensted Kommune',
      'Mødested: Rådhuset, lokale 2',
      'Mødeleder:',
      'Birthe Kjærgaard',
      '',
      'Dagsorden',
      '1. Godkendelse af dagsorden',
      'Dagsordenen blev godkendt.',
      '2. Orientering fra formanden: status på budget 2025',
      'Formanden orienterede.',
      '',
      'Deltagere:',
      'Birthe Kjærgaard (formand)',
      'Agnieszka Wiśniewska',
      'Nuka Kleist - afbud',
    );
    expect(r.kind).toBe('referat');
    expect(r.content.header).toEqual({
      forum: 'Ældrerådet, Hedensted Kommune',
      place: 'Rådhuset, lokale 2',
      chair: 'Birthe Kjærgaard',
    });
    expect(r.content.items.map((i) => [i.title, i.sections.map((s) => s.type)])).toEqual([
      ['Godkendelse af dagsorden', ['sagsfremstilling']],
      ['Orientering fra formanden: status på budget 2025', ['sagsfremstilling']],
    ]);
    expect(people(r)).toEqual([
      'Birthe Kjærgaard |  | formand |  | present',
      'Agnieszka Wiśniewska |  |  |  | present',
      'Nuka Kleist |  |  |  | absent',
    ]);
    // Nothing left over: the title line was kept in item 1 before.
    expect(r.unrecognised).toEqual([]);
  });

  it('a municipal board: labels with values on the next line, participants at the end under "Til stede:" and "Afbud:"', () => {
    const r = parse(
      'Referat',
      'Ældrerådet i Egeskov Kommune',
      'Dato:',
      '25.11.2026',
      'Tid: kl. 13.00 - 15.30',
      'Mødested:',
      'Rådhuset, mødelokale 2',
      'Mødeleder: Đurđa Šimić',
      '',
      '1. Godkendelse af dagsorden',
      'Godkendt.',
      '',
      '2. Budget 2027',
      'Baggrund',
      'Rammen er fastlagt af kommunalbestyrelsen.',
      '',
      'Det indstilles, at rådet tager budgettet til efterretning.',
      '',
      'Beslutning:',
      'Taget til efterretning.',
      '',
      'Til stede:',
      'Đurđa Šimić (formand)',
      'Aviaja Kristiansen',
      'Łukasz Żółć, sekretær, Egeskov Kommune',
      'Afbud:',
      'Hans-Henrik Ærø',
    );
    expect(r.content.header).toEqual({
      forum: 'Ældrerådet i Egeskov Kommune',
      date: '2026-11-25',
      startTime: '13:00',
      endTime: '15:30',
      place: 'Rådhuset, mødelokale 2',
      chair: 'Đurđa Šimić',
    });
    expect(people(r)).toEqual([
      'Đurđa Šimić |  | formand |  | present',
      'Aviaja Kristiansen |  |  |  | present',
      'Łukasz Żółć |  | sekretær | Egeskov Kommune | present',
      'Hans-Henrik Ærø |  |  |  | absent',
    ]);
    expect(r.content.items.map((i) => i.title)).toEqual([
      'Godkendelse af dagsorden',
      'Budget 2027',
    ]);
    expect(r.content.items[1].sections).toEqual([
      {
        type: 'sagsfremstilling',
        blocks: [
          { paragraph: 'Baggrund', subheading: true },
          { paragraph: 'Rammen er fastlagt af kommunalbestyrelsen.' },
        ],
      },
      {
        type: 'indstilling',
        blocks: [{ paragraph: 'Det indstilles, at rådet tager budgettet til efterretning.' }],
      },
      { type: 'beslutning', blocks: [{ paragraph: 'Taget til efterretning.' }] },
    ]);
    expect(r.unrecognised).toEqual([]);
    // Every participant, item and section has a confidence.
    expect(r.checks.filter((c) => c.as === 'participant')).toHaveLength(4);
    expect(r.checks.filter((c) => c.as === 'item')).toHaveLength(2);
    expect(r.checks.find((c) => c.as === 'section' && c.section === 'indstilling')).toMatchObject({
      item: 2,
      line: 'Det indstilles, at rådet tager budgettet til efterretning.',
    });
    expect(r.checks.find((c) => c.line === 'Aviaja Kristiansen')?.confidence).toBeLessThan(
      NEEDS_CHECK,
    );
  });

  it('a committee: "Deltagere i Sundhedsudvalget:" at the top with "Name, title, unit" lines and a year-less date', () => {
    const r = parse(
      'Dagsorden',
      'Sundhedsudvalget',
      'Onsdag den 25. november kl. 13-15',
      'Deltagere i Sundhedsudvalget:',
      'Region Nordsjælland',
      'Karen Holm, overlæge, Akutafdelingen',
      'Mads Due - medformand',
      'Ad hoc:',
      "Siobhán O'Brien, konsulent, Sundhedsstyrelsen",
      'Referent: Pia Lund',
      '1. Opfølgning på handleplanen fra 3. marts 2026',
      'Status gives på mødet.',
    );
    expect(r.kind).toBe('dagsorden');
    // The year comes from the other date in the text, and is listed to check.
    expect(r.content.header).toMatchObject({
      forum: 'Sundhedsudvalget',
      date: '2026-11-25',
      startTime: '13:00',
      endTime: '15:00',
      minuteTaker: 'Pia Lund',
    });
    expect(r.checks.find((c) => c.as === 'dateYearGuessed')).toMatchObject({ year: 2026 });
    expect(people(r)).toEqual([
      'Karen Holm | overlæge, Akutafdelingen |  | Region Nordsjælland | present',
      'Mads Due |  | medformand | Region Nordsjælland | present',
      "Siobhán O'Brien | konsulent |  | Sundhedsstyrelsen | adhoc",
    ]);
    expect(r.content.items.map((i) => i.title)).toEqual([
      'Opfølgning på handleplanen fra 3. marts 2026',
    ]);
  });

  it('a date without a year and no other date: left for the user, and said so', () => {
    const r = parse('Referat', 'Bestyrelsen', 'Tirsdag den 3. februar', '1. Punkt', 'Tekst.');
    expect(r.content.header.date).toBeUndefined();
    expect(r.checks).toContainEqual({
      as: 'dateWithoutYear',
      confidence: 0,
      line: 'Tirsdag den 3. februar',
    });
  });

  it('an organisation heading that no one follows, and lines outside the items, are listed', () => {
    const r = parse('Deltagere', 'Bo Ek', 'Egeskov Kommune', '1. Punkt', 'Tekst.');
    expect(people(r)).toEqual(['Bo Ek |  |  |  | present']);
    const heading = r.checks.find((c) => c.line === 'Egeskov Kommune');
    expect(heading).toMatchObject({ as: 'participantHeading', organisation: 'Egeskov Kommune' });
    expect(heading!.confidence).toBeLessThan(NEEDS_CHECK);
  });

  it('a loose line before the first item is kept and listed as kept in item 1', () => {
    const r = parse('Referat', 'Forum', 'En løs linje', '1. Punkt');
    expect(r.checks).toContainEqual({
      as: 'kept',
      item: 1,
      section: 'sagsfremstilling',
      confidence: 0.2,
      line: 'En løs linje',
    });
  });
});
