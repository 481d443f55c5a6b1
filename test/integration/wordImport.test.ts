import type { JSONContent } from '@tiptap/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  meetingContentFromJSON,
  type Block,
  type ItemContent,
  type MeetingContent,
} from '../../shared/minutes/content.ts';
import { startTestServer, tempDir, type TestServer } from '../helpers/testServer.ts';
import {
  BULLET_LEVELS,
  abstractNum,
  documentXml,
  fieldLink,
  hyperlink,
  level,
  num,
  numberingXml,
  p,
  relsXml,
  run,
  runs,
  style,
  stylesXml,
  text,
  wordFile,
} from '../helpers/wordXml.ts';

/*
 * Issue 16, acceptance 2: Word files nobody on the team wrote, each built
 * here from XML written the way Word (Danish) or LibreOffice writes it, and
 * imported through the API. Items, sections, numbers, participants and
 * links are checked one by one.
 */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

let server: TestServer;
let removeData: () => Promise<void>;
beforeAll(async () => {
  const data = await tempDir();
  removeData = data.remove;
  server = await startTestServer({ dataDir: data.dir });
});
afterAll(async () => {
  await server?.close();
  await removeData?.();
});

interface Imported {
  content: MeetingContent;
  /** The item bodies as stored (ProseMirror JSON), for marks and nesting. */
  items: JSONContent[];
  unrecognised: string[];
}

async function importWord(bytes: Uint8Array): Promise<Imported> {
  const res = await fetch(`${server.base}/api/meetings/import`, {
    method: 'POST',
    headers: { 'content-type': DOCX, authorization: `Bearer ${server.organiserToken}` },
    body: new Uint8Array(bytes),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  const body = (await res.json()) as { meeting: { id: string }; unrecognised: string[] };
  const doc = (await (await server.api(`/meetings/${body.meeting.id}/document`)).json()) as {
    document: JSONContent;
    problems: string[];
  };
  // What was written is a valid document of the editor's schema.
  expect(doc.problems).toEqual([]);
  return {
    content: meetingContentFromJSON(doc.document),
    items: (doc.document.content ?? []).filter((n) => n.type === 'agendaItem'),
    unrecognised: body.unrecognised,
  };
}

const section = (item: ItemContent, type: string) => item.sections.find((s) => s.type === type);
const blocksOf = (item: ItemContent, type: string): Block[] => section(item, type)?.blocks ?? [];

/** Every node of a JSON tree, depth first. */
function* nodes(node: JSONContent): Generator<JSONContent> {
  yield node;
  for (const child of node.content ?? []) yield* nodes(child);
}
/** The link marks of a JSON tree: linked text and address. */
const linksIn = (node: JSONContent) =>
  [...nodes(node)].flatMap((n) =>
    (n.marks ?? [])
      .filter((m) => m.type === 'link')
      .map((m) => ({ text: n.text, href: m.attrs?.href as string })),
  );

/** Word's Danish built-in styles: localised ids, English names, outline levels. */
const danishHeadings = (headingPPr: Record<number, string> = {}) => [
  style('Titel', 'Title', { basedOn: 'Normal' }),
  style('Overskrift1', 'heading 1', {
    basedOn: 'Normal',
    pPr: `<w:keepNext/><w:keepLines/>${headingPPr[1] ?? ''}<w:spacing w:before="240"/><w:outlineLvl w:val="0"/>`,
  }),
  style('Overskrift2', 'heading 2', {
    basedOn: 'Normal',
    pPr: `<w:keepNext/>${headingPPr[2] ?? ''}<w:outlineLvl w:val="1"/>`,
  }),
  style('Overskrift3', 'heading 3', { basedOn: 'Normal', pPr: '<w:outlineLvl w:val="2"/>' }),
  style('Listeafsnit', 'List Paragraph', { basedOn: 'Normal', pPr: '<w:ind w:left="720"/>' }),
];

describe('Word import: files from other organisations', () => {
  it('1. item headings numbered by Word (Heading 1 with list numbering, no number in the text)', async () => {
    const styles = stylesXml(
      ...danishHeadings({
        1: '<w:numPr><w:numId w:val="5"/></w:numPr>',
        2: '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="5"/></w:numPr>',
      }),
      // A template's own item style: a heading by its outline level, numbered per paragraph.
      style('Punktoverskrift', 'Punktoverskrift', {
        basedOn: 'Normal',
        pPr: '<w:outlineLvl w:val="0"/>',
      }),
    );
    const numbering = numberingXml(
      abstractNum(
        3,
        level(0, 'decimal', '%1.', { pStyle: 'Overskrift1' }),
        level(1, 'decimal', '%1.%2', { pStyle: 'Overskrift2' }),
      ),
      abstractNum(4, level(0, 'decimal', '%1.')),
      abstractNum(6, ...BULLET_LEVELS),
      num(5, 3),
      num(6, 4),
      num(7, 6),
    );
    const document = documentXml(
      [
        text('Titel', 'Dagsorden'),
        text({}, 'Børne- og Skoleudvalget'),
        text({}, 'Tirsdag d. 4. februar 2025 kl. 16.00 – 18.00'),
        text({}, 'Byrådssalen, Rådhuset'),
        text('Overskrift1', 'Godkendelse af dagsorden'),
        text('Overskrift2', 'Beslutning'),
        text({}, 'Godkendt.'),
        text('Overskrift1', 'Budget 2026 – første behandling'),
        text('Overskrift2', 'Sagsfremstilling'),
        text({}, 'Forvaltningen har udarbejdet et budgetforslag.'),
        text('Overskrift2', 'Indstilling'),
        text({ style: 'Listeafsnit', numId: 6, ilvl: 0 }, 'at forslaget sendes i høring'),
        text({ style: 'Listeafsnit', numId: 6, ilvl: 0 }, 'at høringsfristen er 1. marts'),
        text('Overskrift1', 'Skolestruktur'),
        text('Overskrift2', 'Sagsfremstilling'),
        text({}, 'Drøftelse.'),
        // Numbered by the paragraph itself, a heading by its style's outline level.
        text({ style: 'Punktoverskrift', numId: 5, ilvl: 0 }, 'Eventuelt'),
        // The participant list under a heading the template numbers too.
        text('Overskrift1', 'Deltagere'),
        text('Overskrift3', 'Børne- og Skoleudvalget'),
        text({ style: 'Listeafsnit', numId: 7 }, 'Anne Hansen – Formand'),
        text({ style: 'Listeafsnit', numId: 7 }, 'Łukasz Żółć – Medlem'),
      ].join(''),
    );
    const { content } = await importWord(await wordFile({ document, styles, numbering }));
    expect(content.items.map((i) => i.title)).toEqual([
      'Godkendelse af dagsorden',
      'Budget 2026 – første behandling',
      'Skolestruktur',
      'Eventuelt',
    ]);
    const [first, second, third, fourth] = content.items;
    expect(first.sections).toEqual([{ type: 'beslutning', blocks: [{ paragraph: 'Godkendt.' }] }]);
    expect(second.sections.map((s) => s.type)).toEqual(['sagsfremstilling', 'indstilling']);
    expect(blocksOf(second, 'indstilling')).toEqual([
      { points: ['at forslaget sendes i høring', 'at høringsfristen er 1. marts'] },
    ]);
    expect(blocksOf(third, 'sagsfremstilling')).toEqual([{ paragraph: 'Drøftelse.' }]);
    expect(fourth.sections).toEqual([]);
    expect(
      content.participants.map(({ name, title, role, organisation }) => [
        name,
        title,
        role,
        organisation,
      ]),
    ).toEqual([
      // "Formand" after the dash is the person's role in the forum, not a job title.
      ['Anne Hansen', '', 'formand', 'Børne- og Skoleudvalget'],
      ['Łukasz Żółć', 'Medlem', '', 'Børne- og Skoleudvalget'],
    ]);
    expect(content.header.forum).toBe('Børne- og Skoleudvalget');
    expect(content.header.date).toBe('2025-02-04');
    expect(content.header.place).toBe('Byrådssalen, Rådhuset');
  });

  it('2. Danish style names ("Overskrift 1/2/3", "Titel", "Listeafsnit") and a participant list by organisation', async () => {
    const styles = stylesXml(
      style('Titel', 'Titel', { basedOn: 'Normal' }),
      // Named in Danish, no outline level: the name says what they are.
      style('Overskrift1', 'Overskrift 1', { basedOn: 'Normal' }),
      style('Overskrift2', 'Overskrift 2', { basedOn: 'Normal' }),
      style('Overskrift3', 'Overskrift 3', { basedOn: 'Normal' }),
      // The template's organisation heading, based on Overskrift 3 (and a cycle further up is harmless).
      style('Organisation', 'Organisation', { basedOn: 'Overskrift3' }),
      style('Listeafsnit', 'Listeafsnit', { basedOn: 'Normal' }),
      style('Opstilling', 'Opstilling med punkttegn', {
        basedOn: 'Listeafsnit',
        pPr: '<w:numPr><w:numId w:val="1"/></w:numPr>',
      }),
      style('Ring1', 'Ring 1', { basedOn: 'Ring2' }),
      style('Ring2', 'Ring 2', { basedOn: 'Ring1' }),
    );
    const numbering = numberingXml(
      abstractNum(0, ...BULLET_LEVELS),
      abstractNum(2, level(0, 'decimal', '%1.')),
      num(1, 0),
      num(2, 2),
    );
    const people: [string, string[]][] = [
      [
        'Region Midtjylland',
        [
          'Anne Hansen – Regionsrådsformand (formand)',
          'Łukasz Żółć – Konsulent (Ω-ansvarlig)',
          'Zoë Šimić – Leder',
          'Αλέξανδρος Παπαδόπουλος – Overlæge',
          'Mette Holm Larsen – Direktør',
        ],
      ],
      [
        'Viborg Kommune',
        [
          'Aká Kleist – Sygeplejerske',
          'Bo ĸreutzmann – Borgmester (medformand)',
          'Carsten Ødegaard – Kommunaldirektør',
          'Dorthe Åberg – Sundhedschef',
        ],
      ],
      [
        'Praksisområdet',
        [
          'Erik Nielsen – Praktiserende læge',
          'Fatima Yılmaz – Praksiskonsulent',
          'Gitte Berg – Sekretær (ref.)',
          'Ivan Petrović – Kvalitetskonsulent',
          'Nuka Lynge – Tolk',
        ],
      ],
    ];
    const absent = ['Hans Holm – Udvalgsformand', 'Ida Krag – Konsulent'];
    const bullet = (t: string) => text('Opstilling', t);
    const document = documentXml(
      [
        text('Titel', 'Referat'),
        text({}, 'Sundhedskoordinationsudvalget'),
        text({}, 'Torsdag d. 6. marts 2025 kl. 13.00 – 15.00'),
        text({}, 'Regionshuset Viborg'),
        text('Overskrift1', 'Deltagere'),
        ...people.flatMap(([org, list], i) => [
          text(i === 1 ? 'Organisation' : 'Overskrift3', org),
          ...list.map(bullet),
        ]),
        text('Overskrift2', 'Afbud'),
        ...absent.map(bullet),
        text('Ring1', 'En linje i en stil der bygger på sig selv.'),
        text('Overskrift1', '1. Godkendelse af dagsorden'),
        text('Overskrift2', 'Beslutning'),
        text({}, 'Godkendt.'),
        text('Overskrift1', '2. Sundhedsaftalen 2024–2027'),
        text('Overskrift2', 'Indstilling'),
        text({ style: 'Listeafsnit', numId: 2 }, 'at udvalget godkender planen'),
        text({ style: 'Listeafsnit', numId: 2 }, 'at planen offentliggøres'),
        text('Overskrift2', 'Beslutning'),
        text({}, 'Godkendt som indstillet.'),
      ].join(''),
    );
    const { content, unrecognised } = await importWord(
      await wordFile({ document, styles, numbering }),
    );
    const expected = [
      ...people.flatMap(([org, list]) => list.map((entry) => ({ entry, org, status: 'present' }))),
      ...absent.map((entry) => ({ entry, org: '', status: 'absent' })),
    ];
    expect(content.participants).toHaveLength(16);
    expected.forEach(({ entry, org, status }, i) => {
      const [name, rest] = entry.split(' – ');
      let role = /\(([^)]+)\)$/.exec(rest)?.[1] ?? '';
      let title = rest.replace(/\s*\([^)]+\)$/, '');
      // Role words after the dash are roles ("Sekretær (ref.)": secretary and minute-taker).
      if (title === 'Sekretær' && role === 'ref.') [title, role] = ['', 'sekretær, referent'];
      expect(content.participants[i], entry).toMatchObject({
        name,
        title,
        role,
        organisation: org,
        status,
      });
    });
    expect(content.items.map((i) => i.title)).toEqual([
      'Godkendelse af dagsorden',
      'Sundhedsaftalen 2024–2027',
    ]);
    expect(blocksOf(content.items[1], 'indstilling')).toEqual([
      { points: ['at udvalget godkender planen', 'at planen offentliggøres'] },
    ]);
    expect(blocksOf(content.items[1], 'beslutning')).toEqual([
      { paragraph: 'Godkendt som indstillet.' },
    ]);
    expect(content.header.forum).toBe('Sundhedskoordinationsudvalget');
    // The paragraph in the self-based style is plain text before the first item: kept and listed.
    expect(unrecognised.join('\n')).toContain('En linje i en stil der bygger på sig selv.');
  });

  it('3. lists re-saved by LibreOffice (one w:num per list, restarts as overrides): "2." stays 2', async () => {
    // As LibreOffice writes them: Heading1/ListParagraph ids, no rsids, a
    // w:num per list pointing to the same abstractNum; the beslutning that
    // answers from point 2 is a num overriding the whole level (start 2),
    // a restarted list a num with w:startOverride, a list continued after a
    // paragraph another num without override.
    const styles = stylesXml(
      style('Title', 'Title', { basedOn: 'Heading' }),
      style('Heading', 'Heading', { basedOn: 'Normal' }),
      style('Heading1', 'heading 1', { basedOn: 'Heading', pPr: '<w:outlineLvl w:val="0"/>' }),
      style('Heading2', 'heading 2', { basedOn: 'Heading', pPr: '<w:outlineLvl w:val="1"/>' }),
      style('ListParagraph', 'List Paragraph', { basedOn: 'Normal' }),
    );
    const lvl0 = (start: number) =>
      `<w:lvl w:ilvl="0"><w:start w:val="${start}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="720"/></w:tabs><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>`;
    const numbering = numberingXml(
      `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>${lvl0(1)}${level(1, 'lowerLetter', '%2)')}</w:abstractNum>`,
      '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>',
      `<w:num w:numId="2"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0">${lvl0(2)}</w:lvlOverride></w:num>`,
      '<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>',
      '<w:num w:numId="4"><w:abstractNumId w:val="1"/></w:num>',
    );
    const lo = (props: { style: string; numId?: number }, t: string) =>
      `<w:p><w:pPr><w:pStyle w:val="${props.style}"/>${
        props.numId ? `<w:numPr><w:ilvl w:val="0"/><w:numId w:val="${props.numId}"/></w:numPr>` : ''
      }<w:rPr></w:rPr></w:pPr><w:r><w:rPr></w:rPr><w:t>${t}</w:t></w:r></w:p>`;
    const document = documentXml(
      [
        lo({ style: 'Title' }, 'Referat'),
        lo({ style: 'Normal' }, 'Økonomiudvalget'),
        lo({ style: 'Heading1' }, '1. Budgetopfølgning'),
        lo({ style: 'Heading2' }, 'Indstilling'),
        lo({ style: 'ListParagraph', numId: 1 }, 'at orienteringen tages til efterretning'),
        lo({ style: 'ListParagraph', numId: 1 }, 'at merforbruget dækkes af puljen'),
        lo({ style: 'ListParagraph', numId: 1 }, 'at sagen genoptages i juni'),
        lo({ style: 'Heading2' }, 'Beslutning'),
        lo({ style: 'Normal' }, 'Punkt 1 blev taget til efterretning.'),
        lo({ style: 'ListParagraph', numId: 2 }, 'Godkendt.'),
        lo(
          { style: 'ListParagraph', numId: 2 },
          'Godkendt med den ændring, at sagen genoptages i maj.',
        ),
        lo({ style: 'Heading1' }, '2. Anlægsprojekter'),
        lo({ style: 'Heading2' }, 'Indstilling'),
        lo({ style: 'ListParagraph', numId: 3 }, 'at projekterne prioriteres'),
        lo({ style: 'Normal' }, 'Forvaltningen bemærker, at listen er foreløbig.'),
        lo({ style: 'ListParagraph', numId: 4 }, 'at der afsættes 2 mio. kr.'),
      ].join(''),
    );
    const { content } = await importWord(await wordFile({ document, styles, numbering }));
    const [first, second] = content.items;
    expect(content.items.map((i) => i.title)).toEqual(['Budgetopfølgning', 'Anlægsprojekter']);
    expect(blocksOf(first, 'indstilling')).toEqual([
      {
        points: [
          'at orienteringen tages til efterretning',
          'at merforbruget dækkes af puljen',
          'at sagen genoptages i juni',
        ],
      },
    ]);
    // The beslutning answers indstilling points 2 and 3.
    expect(blocksOf(first, 'beslutning')).toEqual([
      { paragraph: 'Punkt 1 blev taget til efterretning.' },
      { points: ['Godkendt.', 'Godkendt med den ændring, at sagen genoptages i maj.'], start: 2 },
    ]);
    // Restarted at 1 in item 2 (not 4 after item 1), and continued at 2 after the paragraph.
    expect(blocksOf(second, 'indstilling')).toEqual([
      { points: ['at projekterne prioriteres'] },
      { paragraph: 'Forvaltningen bemærker, at listen er foreløbig.' },
      { points: ['at der afsættes 2 mio. kr.'], start: 2 },
    ]);
  });

  it('4. hyperlinks keep their address (http, https, mailto; others dropped); the Teams link goes to the header', async () => {
    const teams =
      'https://teams.microsoft.com/l/meetup-join/19%3ameeting_MDRh%40thread.v2/0?context=%7b%22Tid%22%3a%2294fe%22%7d';
    const safelink = `https://eur03.safelinks.protection.outlook.com/?url=${encodeURIComponent(teams)}&data=04%7C01&sdata=vfK&reserved=0`;
    const rels = relsXml({
      rId9: safelink,
      rId10: 'https://www.rm.dk/sundhed/?side=1&emne=psykiatri',
      rId11: 'mailto:sekretariat@rm.dk',
      rId12: 'javascript:alert(1)',
      rId13: 'file:///C:/Users/x/bilag.pdf',
    });
    const document = documentXml(
      [
        text('Title', 'Referat'),
        text({}, 'Driftsforum Voksenpsykiatri'),
        text({}, 'Onsdag d. 9. december 2020 kl. 8.30 – 11.30'),
        p({}, run('Teams møde '), hyperlink('rId9', 'Klik her for at deltage i mødet')),
        text('Heading1', '1. Orientering om psykiatriplanen'),
        text('Heading2', 'Sagsfremstilling'),
        p(
          {},
          run('Se '),
          hyperlink('rId10', 'regionens side'),
          run(' og skriv til '),
          hyperlink('rId11', 'sekretariatet'),
          run('.'),
        ),
        p(
          {},
          run('Et farligt '),
          hyperlink('rId12', 'link'),
          run(' og en '),
          hyperlink('rId13', 'fil'),
          run('.'),
        ),
        p(
          {},
          run('Se '),
          '<w:hyperlink w:anchor="_Toc1" w:history="1">',
          runs('afsnit 2'),
          '</w:hyperlink>',
          run('.'),
        ),
        text('Heading2', 'Bilag'),
        p(
          { style: 'ListParagraph', numId: 1 },
          fieldLink('https://www.rm.dk/bilag/notat.pdf', 'Bilag 1: Notat'),
        ),
        p(
          { style: 'ListParagraph', numId: 1 },
          run('Bilag 2: '),
          '<w:fldSimple w:instr=" HYPERLINK &quot;https://www.rm.dk/bilag/plan.pdf&quot; ">',
          run('Plan'),
          '</w:fldSimple>',
        ),
      ].join(''),
    );
    const numbering = numberingXml(abstractNum(0, ...BULLET_LEVELS), num(1, 0));
    const { content, items } = await importWord(await wordFile({ document, numbering, rels }));
    // The online meeting: its real address (out of Outlook's safe link), in the header, not in Bilag.
    expect(content.header.onlineLink).toBe(teams);
    expect(content.header.place).toBe('Teams møde');
    expect(JSON.stringify(content.items)).not.toContain('teams.microsoft.com');

    const item = content.items[0];
    expect(item.title).toBe('Orientering om psykiatriplanen');
    expect(blocksOf(item, 'sagsfremstilling')).toEqual([
      {
        paragraph: 'Se regionens side og skriv til sekretariatet.',
        links: [
          { from: 3, to: 17, href: 'https://www.rm.dk/sundhed/?side=1&emne=psykiatri' },
          { from: 31, to: 44, href: 'mailto:sekretariat@rm.dk' },
        ],
      },
      // javascript: and file: links keep their text, not their address; a link inside the document too.
      { paragraph: 'Et farligt link og en fil.' },
      { paragraph: 'Se afsnit 2.' },
    ]);
    expect(blocksOf(item, 'bilag')).toEqual([
      {
        bullets: ['Bilag 1: Notat', 'Bilag 2: Plan'],
        links: [
          [{ from: 0, to: 14, href: 'https://www.rm.dk/bilag/notat.pdf' }],
          [{ from: 9, to: 13, href: 'https://www.rm.dk/bilag/plan.pdf' }],
        ],
      },
    ]);
    // Stored as link marks on exactly the linked text.
    expect(linksIn(items[0])).toEqual([
      { text: 'regionens side', href: 'https://www.rm.dk/sundhed/?side=1&emne=psykiatri' },
      { text: 'sekretariatet', href: 'mailto:sekretariat@rm.dk' },
      { text: 'Bilag 1: Notat', href: 'https://www.rm.dk/bilag/notat.pdf' },
      { text: 'Plan', href: 'https://www.rm.dk/bilag/plan.pdf' },
    ]);
  });

  it('5. presenters are split from titles, in the title or under it, typed or numbered by Word', async () => {
    const styles = stylesXml(...danishHeadings({ 1: '<w:numPr><w:numId w:val="5"/></w:numPr>' }));
    const numbering = numberingXml(
      abstractNum(3, level(0, 'decimal', '%1.', { pStyle: 'Overskrift1' })),
      num(5, 3),
    );
    const document = documentXml(
      [
        text('Titel', 'Dagsorden'),
        text({}, 'Direktionen'),
        text('Overskrift1', 'Budget v. Anne Hansen'),
        text({}, 'Oplæg om rammerne.'),
        text('Overskrift1', 'Regnskab'),
        text({}, 'v. Anne Hansen'),
        text({}, 'Oplæg om regnskabet.'),
        text('Overskrift1', 'Status (Åse Øberg)'),
        text('Overskrift1', 'Evaluering'),
        text({}, '(Łukasz Żółć)'),
        text('Overskrift2', 'Indstilling'),
        text({}, 'Det indstilles, at evalueringen tages til efterretning.'),
        // A title whose " v. " is not followed by a name stays whole.
        text('Overskrift1', 'Samarbejde v. regionerne'),
      ].join(''),
    );
    const { content } = await importWord(await wordFile({ document, styles, numbering }));
    expect(content.items.map(({ title, presenter }) => ({ title, presenter }))).toEqual([
      { title: 'Budget', presenter: 'Anne Hansen' },
      { title: 'Regnskab', presenter: 'Anne Hansen' },
      { title: 'Status', presenter: 'Åse Øberg' },
      { title: 'Evaluering', presenter: 'Łukasz Żółć' },
      { title: 'Samarbejde v. regionerne', presenter: '' },
    ]);
    // The presenter's line is not left in the text.
    expect(content.items[1].sections).toEqual([
      { type: 'sagsfremstilling', blocks: [{ paragraph: 'Oplæg om regnskabet.' }] },
    ]);
    expect(content.items[3].sections.map((s) => s.type)).toEqual(['indstilling']);
  });

  it('6. nested bullets ("o" sub-bullets) stay nested', async () => {
    const numbering = numberingXml(abstractNum(0, ...BULLET_LEVELS), num(7, 0));
    const b = (ilvl: number, t: string) => text({ style: 'ListParagraph', numId: 7, ilvl }, t);
    const document = documentXml(
      [
        text('Heading1', '1. Status'),
        text('Heading2', 'Sagsfremstilling'),
        text({}, 'Status på områderne:'),
        b(0, 'Økonomi'),
        b(1, 'Drift: balance'),
        b(1, 'Anlæg: forsinket'),
        b(2, 'heraf byggeri'),
        b(0, 'Personale'),
      ].join(''),
    );
    const { content, items } = await importWord(await wordFile({ document, numbering }));
    expect(blocksOf(content.items[0], 'sagsfremstilling')).toEqual([
      { paragraph: 'Status på områderne:' },
      {
        bullets: ['Økonomi', 'Drift: balance', 'Anlæg: forsinket', 'heraf byggeri', 'Personale'],
        levels: [0, 1, 1, 2, 0],
      },
    ]);
    // Stored as lists inside list items.
    const outer = [...nodes(items[0])].find((n) => n.type === 'bulletList')!;
    const texts = (list: JSONContent) =>
      (list.content ?? []).map((li) => li.content?.[0]?.content?.[0]?.text);
    expect(texts(outer)).toEqual(['Økonomi', 'Personale']);
    const inner = outer.content![0].content![1];
    expect(inner.type).toBe('bulletList');
    expect(texts(inner)).toEqual(['Drift: balance', 'Anlæg: forsinket']);
    expect(texts(inner.content![1].content![1])).toEqual(['heraf byggeri']);
  });

  it('7. sub-headings inside an item stay sub-headings of their section', async () => {
    const document = documentXml(
      [
        text('Heading1', '1. Indkøb af udstyr'),
        text('Heading2', 'Sagsfremstilling'),
        text({}, 'Afdelingen mangler udstyr.'),
        text('Heading2', 'Baggrund'),
        text({}, 'Det gamle udstyr er udtjent.'),
        text('Heading3', 'Tilbud'),
        text({}, 'Der er indhentet tre tilbud.'),
        text('Heading3', 'Pris'),
        text({}, '450.000 kr.'),
        text('Heading2', 'Indstilling'),
        text({}, 'Det indstilles, at det billigste tilbud antages.'),
      ].join(''),
    );
    const { content, items } = await importWord(await wordFile({ document }));
    expect(content.items[0].sections).toEqual([
      {
        type: 'sagsfremstilling',
        blocks: [
          { paragraph: 'Afdelingen mangler udstyr.' },
          { paragraph: 'Baggrund', subheading: true },
          { paragraph: 'Det gamle udstyr er udtjent.' },
          { paragraph: 'Tilbud', subheading: true },
          { paragraph: 'Der er indhentet tre tilbud.' },
          { paragraph: 'Pris', subheading: true },
          { paragraph: '450.000 kr.' },
        ],
      },
      {
        type: 'indstilling',
        blocks: [{ paragraph: 'Det indstilles, at det billigste tilbud antages.' }],
      },
    ]);
    const headings = [...nodes(items[0])].filter((n) => n.type === 'heading');
    expect(headings.map((h) => [h.attrs?.level, h.content?.[0]?.text])).toEqual([
      [4, 'Baggrund'],
      [4, 'Tilbud'],
      [4, 'Pris'],
    ]);
  });

  it('8. participants in a table (one person per row, a header row of column names)', async () => {
    const cell = (t: string) =>
      `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${t ? text({}, t) : p({})}</w:tc>`;
    const row = (...cells: string[]) => `<w:tr w:rsidR="00A1">${cells.map(cell).join('')}</w:tr>`;
    const table = (...rows: string[]) =>
      `<w:tbl><w:tblPr><w:tblStyle w:val="Tabel-Gitter"/></w:tblPr>${rows.join('')}</w:tbl>`;
    const document = documentXml(
      [
        text('Titel', 'Referat'),
        text({}, 'Ældrerådet'),
        text({}, 'Tirsdag den 3. juni 2025 kl. 10.00 – 12.00'),
        text({}, 'Mødedeltagere:'),
        table(
          row('Navn', 'Titel', 'Organisation'),
          row('Łukasz Żółć', 'Konsulent', 'Hedensted Kommune'),
          row('Aviaja Kristiansen', 'Sygeplejerske', 'Region Midtjylland'),
          row('Ivan Petrović', 'Formand', ''),
        ),
        // A layout table of one cell keeps its paragraphs as they are.
        `<w:tbl><w:tr><w:tc>${text({}, 'Noter til mødet.')}</w:tc></w:tr></w:tbl>`,
        text({}, '1. Godkendelse af dagsorden'),
        text({}, 'Godkendt.'),
      ].join(''),
    );
    const { content } = await importWord(await wordFile({ document }));
    expect(content.participants.map((x) => x.name)).toEqual([
      'Łukasz Żółć',
      'Aviaja Kristiansen',
      'Ivan Petrović',
    ]);
    expect(content.participants[0]).toMatchObject({ title: 'Konsulent' });
    expect(content.items.map((i) => i.title)).toEqual(['Godkendelse af dagsorden']);
  });
});
