import { describe, expect, it } from 'vitest';
import {
  fieldHyperlink,
  readHyperlinkTargets,
} from '../../../server/resources/import/docxLinks.ts';
import { meetingAddress } from '../../../server/resources/import/stages/onlineLink.ts';
import {
  presenterInTitle,
  presenterLine,
} from '../../../server/resources/import/stages/presenter.ts';

describe('Word hyperlinks', () => {
  it('keeps external http(s) and mailto targets of document.xml.rels, nothing else', () => {
    const rel = (id: string, target: string, mode = ' TargetMode="External"', type = 'hyperlink') =>
      `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${type}" Target="${target}"${mode}/>`;
    const targets = readHyperlinkTargets(
      '<Relationships>' +
        rel('rId1', 'https://x.dk/?a=1&amp;b=2') +
        rel('rId2', 'mailto:a@x.dk') +
        rel('rId3', 'javascript:alert(1)') +
        rel('rId4', 'JavaScript:alert(1)') +
        rel('rId5', 'file:///C:/bilag.pdf') +
        rel('rId6', 'styles.xml', '', 'styles') +
        rel('rId7', 'https://x.dk/intern', '') +
        rel('rId8', 'https://x.dk/ mellemrum') +
        rel('rId1', 'https://andet.dk') +
        '</Relationships>',
    );
    expect([...targets]).toEqual([
      ['rId1', 'https://x.dk/?a=1&b=2'],
      ['rId2', 'mailto:a@x.dk'],
    ]);
  });

  it('reads the address of a HYPERLINK field, not of other fields or links into the document', () => {
    const cases: [string, string | null][] = [
      ['HYPERLINK "https://x.dk/a b"', null],
      ['HYPERLINK "https://x.dk/a"', 'https://x.dk/a'],
      ['HYPERLINK https://x.dk/b', 'https://x.dk/b'],
      ['HYPERLINK \\o "Tip" "https://x.dk/c"', 'https://x.dk/c'],
      ['hyperlink "mailto:a@x.dk" \\t "_blank"', 'mailto:a@x.dk'],
      ['HYPERLINK \\l "_Toc123"', null],
      ['HYPERLINK "javascript:alert(1)"', null],
      ['PAGEREF _Toc123 \\h', null],
      ['TOC \\o "1-3"', null],
      ['', null],
    ];
    for (const [instruction, href] of cases)
      expect(fieldHyperlink(instruction), instruction).toBe(href);
  });
});

describe('online meeting links', () => {
  it('knows Teams, Zoom, Meet … also behind an Outlook safe link', () => {
    const teams = 'https://teams.microsoft.com/l/meetup-join/19%3a1';
    const cases: [string, string | null][] = [
      [teams, teams],
      [
        `https://eur03.safelinks.protection.outlook.com/?url=${encodeURIComponent(teams)}&data=1`,
        teams,
      ],
      ['https://aarhus.zoom.us/j/123', 'https://aarhus.zoom.us/j/123'],
      ['https://meet.google.com/abc-defg-hij', 'https://meet.google.com/abc-defg-hij'],
      ['https://rm.dk/sundhed', null],
      ['https://teams.microsoft.com.evil.dk/x', null],
      ['https://eur03.safelinks.protection.outlook.com/?url=javascript%3Aalert(1)', null],
      ['mailto:teams.microsoft.com', null],
      ['ikke en adresse', null],
    ];
    for (const [href, address] of cases) expect(meetingAddress(href), href).toBe(address);
  });
});

describe('presenters in and under titles', () => {
  it('splits "Title v. Name" only when a name follows', () => {
    const cases: [string, ReturnType<typeof presenterInTitle>][] = [
      ['Budget v. Anne Hansen', { title: 'Budget', presenter: 'Anne Hansen' }],
      ['Budget – v. Łukasz Żółć', { title: 'Budget', presenter: 'Łukasz Żółć' }],
      ['Budget, v. Direktionen', { title: 'Budget', presenter: 'Direktionen' }],
      ['Samarbejde v. regionerne', null],
      [
        'Orientering v. Anne Hansen om budgettet, som blev vedtaget i går af et samlet byråd.',
        null,
      ],
      ['v. Anne Hansen', null],
      ['Budget', null],
    ];
    for (const [title, split] of cases) expect(presenterInTitle(title), title).toEqual(split);
  });

  it('reads "(Name)" as a line of its own', () => {
    expect(presenterLine('(Åse Øberg)')).toBe('Åse Øberg');
    expect(presenterLine('(se bilag)')).toBeNull();
    expect(presenterLine('(A (B))')).toBeNull();
    expect(presenterLine('Åse Øberg')).toBeNull();
  });
});
