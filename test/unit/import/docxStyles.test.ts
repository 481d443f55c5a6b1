import { describe, expect, it } from 'vitest';
import {
  builtInRole,
  readStyles,
  styleResolver,
  type ResolvedStyle,
} from '../../../server/resources/import/docxStyles.ts';

/** A style as styles.xml has it. */
const style = (id: string, name: string, rest = '', type = 'paragraph') =>
  `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${name}"/>${rest}</w:style>`;
const based = (parent: string) => `<w:basedOn w:val="${parent}"/>`;
const pPr = (inner: string) => `<w:pPr>${inner}</w:pPr>`;

describe('Word styles: what a paragraph style is', () => {
  it('knows built-in headings and the title by English name or localised id and name', () => {
    const cases: [string, ReturnType<typeof builtInRole>][] = [
      ['heading 1', { role: 'heading', level: 1 }],
      ['Heading1', { role: 'heading', level: 1 }],
      ['Overskrift 2', { role: 'heading', level: 2 }],
      ['Overskrift3', { role: 'heading', level: 3 }],
      ['Überschrift 1', { role: 'heading', level: 1 }],
      ['Rubrik 2', { role: 'heading', level: 2 }],
      ['Title', { role: 'title' }],
      ['Titel', { role: 'title' }],
      ['Subtitle', null],
      ['Undertitel', null],
      ['List Paragraph', null],
      ['Listeafsnit', null],
      ['Normal', null],
      ['heading 10', null],
      ['x'.repeat(1000), null],
    ];
    for (const [name, role] of cases) expect(builtInRole(name), name).toEqual(role);
  });

  const sheet = readStyles(
    '<w:styles><w:latentStyles><w:lsdException w:name="heading 1"/></w:latentStyles>' +
      style('Normal', 'Normal').replace('<w:style ', '<w:style w:default="1" ') +
      // Danish Word: localised id, English name, outline level.
      style(
        'Overskrift1',
        'heading 1',
        based('Normal') + pPr('<w:keepNext/><w:outlineLvl w:val="0"/>'),
      ) +
      // A converted template: Danish name, no outline level.
      style('Overskrift2', 'Overskrift 2', based('Normal')) +
      // A template's own style, a heading by its outline level only.
      style('Punkt', 'Punktoverskrift', based('Normal') + pPr('<w:outlineLvl w:val="1"/>')) +
      // Based on a heading: one too; unless it says it is body text.
      style('Org', 'Organisation', based('Overskrift1')) +
      style(
        'Brødtekst',
        'Ikke i oversigten',
        based('Overskrift1') + pPr('<w:outlineLvl w:val="9"/>'),
      ) +
      // Numbering through the style and its parents.
      style(
        'Opstilling',
        'List Bullet',
        based('Listeafsnit') + pPr('<w:numPr><w:numId w:val="4"/></w:numPr>'),
      ) +
      style('Listeafsnit', 'List Paragraph', based('Normal') + pPr('<w:ind w:left="720"/>')) +
      style(
        'Under',
        'Underpunkt',
        based('Opstilling') + pPr('<w:numPr><w:ilvl w:val="1"/></w:numPr>'),
      ) +
      // basedOn cycles and chains longer than any real one.
      style('A', 'A', based('B')) +
      style('B', 'B', based('A')) +
      Array.from({ length: 40 }, (_, i) =>
        style(`L${i}`, `L${i}`, based(i ? `L${i - 1}` : 'Overskrift1')),
      ).join('') +
      // The first of two styles with one id counts; a style outside any is ignored.
      style('Overskrift1', 'Normal') +
      style('Tegn', 'heading 1 Char', '', 'character') +
      '</w:styles>',
  );
  const resolve = styleResolver(sheet);

  const cases: [string | undefined, ResolvedStyle][] = [
    ['Overskrift1', { role: 'heading', level: 1 }],
    ['Overskrift2', { role: 'heading', level: 2 }],
    ['Punkt', { role: 'heading', level: 2 }],
    ['Org', { role: 'heading', level: 1 }],
    ['Brødtekst', {}],
    ['Opstilling', { numId: '4' }],
    ['Under', { numId: '4', ilvl: 1 }],
    ['A', {}],
    ['L3', { role: 'heading', level: 1 }],
    // Beyond 16 steps the chain is not followed.
    ['L39', {}],
    // Not in the sheet: its id still says what it is.
    ['Heading3', { role: 'heading', level: 3 }],
    ['Ukendt', {}],
    // No style: the default paragraph style.
    [undefined, {}],
  ];
  for (const [id, expected] of cases) {
    it(`resolves ${id ?? 'no style'}`, () => expect(resolve(id)).toEqual(expected));
  }

  it('reads type, name, basedOn, outline level and numbering, and the default paragraph style', () => {
    expect(sheet.defaultParagraph).toBe('Normal');
    expect(sheet.styles.get('Overskrift1')).toEqual({
      type: 'paragraph',
      name: 'heading 1',
      basedOn: 'Normal',
      outlineLevel: 0,
    });
    expect(sheet.styles.get('Tegn')?.type).toBe('character');
  });
});
