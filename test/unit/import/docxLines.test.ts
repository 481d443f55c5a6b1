import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { docxLines } from '../../../server/resources/import/docxLines.ts';
import { normaliseLines } from '../../../server/resources/import/stages/normaliseLines.ts';

/** A DOCX of a body, with optional styles, numbering and relationships. */
function docx(body: string, parts: { styles?: string; numbering?: string; rels?: string } = {}) {
  const files: Record<string, Uint8Array> = {
    'word/document.xml': strToU8(`<w:document><w:body>${body}</w:body></w:document>`),
  };
  if (parts.styles) files['word/styles.xml'] = strToU8(`<w:styles>${parts.styles}</w:styles>`);
  if (parts.numbering)
    files['word/numbering.xml'] = strToU8(`<w:numbering>${parts.numbering}</w:numbering>`);
  if (parts.rels)
    files['word/_rels/document.xml.rels'] = strToU8(`<Relationships>${parts.rels}</Relationships>`);
  return zipSync(files);
}
const t = (s: string) => `<w:r><w:t xml:space="preserve">${s}</w:t></w:r>`;
const field = (instruction: string, result: string) =>
  `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>${instruction}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${result}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
const rel = (id: string, target: string) =>
  `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${target}" TargetMode="External"/>`;

describe('DOCX paragraphs as source lines', () => {
  it('joins runs split mid-word around bookmarks and proofing marks, decodes text, tabs as spaces', () => {
    const lines = docxLines(
      docx(
        `<w:p w:rsidR="00A1"><w:pPr><w:rPr><w:lang w:val="da-DK"/></w:rPr></w:pPr>${t('Bud')}<w:proofErr w:type="spellStart"/>${t('get &amp; ')}<w:bookmarkStart w:id="0" w:name="_GoBack"/>${t('regn')}<w:bookmarkEnd w:id="0"/><w:r><w:tab/></w:r>${t('skab')}</w:p><w:p/>`,
      ),
    );
    expect(lines).toEqual([{ text: 'Budget & regn skab', whole: true }]);
  });

  it('links: through relationships (with anchors), fields spanning paragraphs, none into the document', () => {
    const lines = docxLines(
      docx(
        `<w:p>${t('A &amp; ')}<w:hyperlink r:id="rId1" w:anchor="s2">${t('B&amp;')}${t('C')}</w:hyperlink>${t(' D')}</w:p>` +
          `<w:p>${t('Se ')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK </w:instrText></w:r><w:r><w:instrText>"https://x.dk/lang"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${t('første')}</w:p>` +
          `<w:p>${t('anden')}<w:r><w:fldChar w:fldCharType="end"/></w:r>${t(' efter')}</w:p>` +
          // A table of contents: its entries link into the document, and are not links here.
          `<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>TOC \\o "1-3" \\h</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${field('HYPERLINK \\l "_Toc1"', t('1. Punkt'))}</w:p>` +
          `<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r>${t('Brødtekst')}</w:p>` +
          `<w:p><w:hyperlink r:id="rId2">${t('farlig')}</w:hyperlink><w:hyperlink w:anchor="x">${t(' intern')}</w:hyperlink></w:p>`,
        { rels: rel('rId1', 'https://x.dk/side') + rel('rId2', 'javascript:alert(1)') },
      ),
    );
    expect(lines).toEqual([
      { text: 'A & B&C D', whole: true, links: [{ from: 4, to: 7, href: 'https://x.dk/side#s2' }] },
      { text: 'Se første', whole: true, links: [{ from: 3, to: 9, href: 'https://x.dk/lang' }] },
      { text: 'anden efter', whole: true, links: [{ from: 0, to: 5, href: 'https://x.dk/lang' }] },
      { text: '1. Punkt', whole: true },
      { text: 'Brødtekst', whole: true },
      { text: 'farlig intern', whole: true },
    ]);
  });

  it('styles and numbering: a numbered Heading 1 carries the number Word shows', () => {
    const lines = docxLines(
      docx(
        `<w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr><w:hyperlink r:id="rId1">${t('Budget')}</w:hyperlink></w:p>` +
          // Typed and numbered: the number is not written twice.
          `<w:p><w:pPr><w:pStyle w:val="Overskrift1"/></w:pPr>${t('2. Regnskab')}</w:p>` +
          // Numbering taken off the paragraph, and a tracked change's old style not read.
          `<w:p><w:pPr><w:pStyle w:val="Overskrift1"/><w:numPr><w:numId w:val="0"/></w:numPr><w:pPrChange w:id="1"><w:pPr><w:pStyle w:val="Titel"/></w:pPr></w:pPrChange></w:pPr>${t('Deltagere')}</w:p>` +
          `<w:p><w:pPr><w:outlineLvl w:val="2"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>${t('Pris')}</w:p>` +
          `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr>${t('Første')}</w:p>` +
          `<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr>${t('Under')}</w:p>` +
          `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>${t('Punkt')}</w:p>` +
          `<w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr>${t('Underpunkt')}</w:p>` +
          `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="4"/></w:numPr></w:pPr>${t('Ukendt liste')}</w:p>`,
        {
          styles:
            '<w:style w:type="paragraph" w:styleId="Overskrift1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
            '<w:style w:type="paragraph" w:styleId="Titel"><w:name w:val="Title"/></w:style>',
          numbering:
            '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
            '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="3"/><w:numFmt w:val="decimal"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/></w:lvl></w:abstractNum>' +
            '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl><w:lvl w:ilvl="1"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>' +
            '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>',
          rels: rel('rId1', 'https://x.dk/budget'),
        },
      ),
    );
    expect(lines).toEqual([
      {
        text: 'Budget',
        whole: true,
        kind: 'heading1',
        number: 1,
        links: [{ from: 0, to: 6, href: 'https://x.dk/budget' }],
      },
      { text: '2. Regnskab', whole: true, kind: 'heading1', number: 2 },
      { text: 'Deltagere', whole: true, kind: 'heading1' },
      { text: 'Pris', whole: true, kind: 'heading3' },
      { text: 'Første', whole: true, kind: 'number', list: '1', start: 3, number: 4 },
      { text: 'Under', whole: true, kind: 'bullet', level: 1 },
      { text: 'Punkt', whole: true, kind: 'bullet' },
      { text: 'Underpunkt', whole: true, kind: 'bullet', level: 1 },
      { text: 'Ukendt liste', whole: true, kind: 'bullet' },
    ]);
  });

  it('fields nested deeper than tracked close in order, and the text is kept', () => {
    const begin = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>';
    const end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>';
    const lines = docxLines(
      docx(
        `<w:p>${begin.repeat(100)}${t('inde')}${end.repeat(100)}${field('HYPERLINK "https://x.dk"', t('link'))}</w:p>`,
      ),
    );
    expect(lines).toEqual([
      { text: 'indelink', whole: true, links: [{ from: 4, to: 8, href: 'https://x.dk' }] },
    ]);
  });

  it('links follow the trimming of a line', () => {
    const [line] = normaliseLines([
      {
        text: '  Se siden  ',
        whole: true,
        links: [
          { from: 0, to: 5, href: 'https://x.dk' },
          { from: 5, to: 12, href: 'https://y.dk' },
        ],
      },
    ]);
    expect(line.links).toEqual([
      { from: 0, to: 3, href: 'https://x.dk' },
      { from: 3, to: 8, href: 'https://y.dk' },
    ]);
  });
});
