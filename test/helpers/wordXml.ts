import JSZip from 'jszip';

/*
 * Word files written in a test, part by part, the way Word and LibreOffice
 * write them: namespaces and mc:Ignorable, w:rsid attributes everywhere,
 * text split into runs in the middle of words, proofing marks, bookmarks,
 * and relationship ids for hyperlinks.
 */

const NAMESPACES =
  'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:o="urn:schemas-microsoft-com:office:office" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" ' +
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" ' +
  'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" ' +
  'mc:Ignorable="w14 w15"';

export const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

let rsid = 0x00a1b2c3;
/** A different w:rsidR/w:rsidRPr value each time, as Word's editing sessions leave them. */
const nextRsid = () => (rsid++).toString(16).toUpperCase().padStart(8, '0');

/** One run of text, as Word writes it (xml:space when the text has outer spaces). */
export function run(text: string, rPr = ''): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<w:r w:rsidRPr="${nextRsid()}">${rPr ? `<w:rPr>${rPr}</w:rPr>` : ''}<w:t${space}>${escapeXml(text)}</w:t></w:r>`;
}

/**
 * Text as Word leaves it after some editing: split into runs mid-word, a
 * spelling mark around a word, a bookmark in the middle.
 */
export function runs(text: string, rPr = ''): string {
  if (text.length < 6) return run(text, rPr);
  const a = Math.floor(text.length / 3);
  const b = Math.floor((2 * text.length) / 3);
  const bookmark = rsid % 97;
  return (
    run(text.slice(0, a), rPr) +
    '<w:proofErr w:type="spellStart"/>' +
    run(text.slice(a, b), rPr) +
    '<w:proofErr w:type="spellEnd"/>' +
    `<w:bookmarkStart w:id="${bookmark}" w:name="_Hlk${nextRsid()}"/>` +
    run(text.slice(b), rPr) +
    `<w:bookmarkEnd w:id="${bookmark}"/>`
  );
}

export interface ParagraphProps {
  style?: string;
  numId?: number;
  ilvl?: number;
  outline?: number;
}

/** A paragraph with its properties (style, numbering, outline level) and content (runs). */
export function p(props: ParagraphProps | string, ...content: string[]): string {
  const { style, numId, ilvl, outline } = typeof props === 'string' ? { style: props } : props;
  const numPr =
    numId !== undefined
      ? `<w:numPr>${ilvl !== undefined ? `<w:ilvl w:val="${ilvl}"/>` : ''}<w:numId w:val="${numId}"/></w:numPr>`
      : '';
  const pPr =
    (style ? `<w:pStyle w:val="${style}"/>` : '') +
    numPr +
    '<w:spacing w:after="120"/>' +
    (outline !== undefined ? `<w:outlineLvl w:val="${outline}"/>` : '') +
    '<w:rPr><w:lang w:val="da-DK"/></w:rPr>';
  const id = nextRsid();
  return `<w:p w14:paraId="${id}" w14:textId="77777777" w:rsidR="${id}" w:rsidRDefault="${id}" w:rsidP="00C0FFEE"><w:pPr>${pPr}</w:pPr>${content.join('')}</w:p>`;
}

/** A paragraph of plain text in runs split as Word splits them. */
export const text = (props: ParagraphProps | string, t: string) => p(props, runs(t));

/** A hyperlink through a relationship (r:id), its text in Word's Hyperlink character style. */
export function hyperlink(rid: string, t: string, anchor?: string): string {
  const a = anchor ? ` w:anchor="${anchor}"` : '';
  return `<w:hyperlink r:id="${rid}"${a} w:history="1">${runs(t, '<w:rStyle w:val="Hyperlink"/>')}</w:hyperlink>`;
}

/** A HYPERLINK field (fldChar begin, instrText, separate, result, end), as Word writes pasted links. */
export function fieldLink(url: string, t: string): string {
  return (
    '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
    `<w:r><w:instrText xml:space="preserve"> HYPERLINK "${escapeXml(url)}" \\o "Følg linket" </w:instrText></w:r>` +
    '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
    runs(t, '<w:rStyle w:val="Hyperlink"/>') +
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
  );
}

/** word/document.xml around `body`, with the section properties Word ends it with. */
export function documentXml(body: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:document ${NAMESPACES}><w:body>${body}` +
    '<w:sectPr w:rsidR="00A1B2C3"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1701" w:right="1134" w:bottom="1701" w:left="1134" w:header="708" w:footer="708" w:gutter="0"/><w:cols w:space="708"/></w:sectPr></w:body></w:document>'
  );
}

/** A paragraph style: id, name, basedOn, paragraph properties. */
export function style(
  id: string,
  name: string,
  { basedOn, pPr = '', type = 'paragraph' }: { basedOn?: string; pPr?: string; type?: string } = {},
): string {
  return (
    `<w:style w:type="${type}" w:styleId="${id}"><w:name w:val="${name}"/>` +
    (basedOn ? `<w:basedOn w:val="${basedOn}"/>` : '') +
    `<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:rsid w:val="${nextRsid()}"/>` +
    (pPr ? `<w:pPr>${pPr}</w:pPr>` : '') +
    '<w:rPr><w:sz w:val="28"/></w:rPr></w:style>'
  );
}

/** word/styles.xml: document defaults, latent styles and Normal, then `styles`. */
export function stylesXml(...styles: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:styles ${NAMESPACES}>` +
    '<w:docDefaults><w:rPrDefault><w:rPr><w:lang w:val="da-DK"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:latentStyles w:defLockedState="0" w:count="376"><w:lsdException w:name="Normal" w:qFormat="1"/><w:lsdException w:name="heading 1" w:uiPriority="9" w:qFormat="1"/><w:lsdException w:name="heading 2" w:semiHidden="1" w:qFormat="1"/><w:lsdException w:name="Title" w:qFormat="1"/></w:latentStyles>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="Standardskrifttypeiafsnit"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/><w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr></w:style>' +
    styles.join('') +
    '</w:styles>'
  );
}

/** One list level: format, text, start, and the paragraph style it belongs to. */
export function level(
  ilvl: number,
  format: string,
  lvlText: string,
  { start = 1, pStyle, font }: { start?: number; pStyle?: string; font?: string } = {},
): string {
  return (
    `<w:lvl w:ilvl="${ilvl}" w:tplc="0406000F"><w:start w:val="${start}"/><w:numFmt w:val="${format}"/>` +
    (pStyle ? `<w:pStyle w:val="${pStyle}"/>` : '') +
    `<w:lvlText w:val="${escapeXml(lvlText)}"/><w:lvlJc w:val="left"/>` +
    `<w:pPr><w:ind w:left="${720 * (ilvl + 1)}" w:hanging="360"/></w:pPr>` +
    (font
      ? `<w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:hint="default"/></w:rPr>`
      : '') +
    '</w:lvl>'
  );
}

/** A list definition (w:abstractNum) with its levels. */
export function abstractNum(id: number, ...levels: string[]): string {
  return `<w:abstractNum w:abstractNumId="${id}" w15:restartNumberingAfterBreak="0"><w:nsid w:val="1A2B3C${id}D"/><w:multiLevelType w:val="hybridMultilevel"/><w:tmpl w:val="0406001F"/>${levels.join('')}</w:abstractNum>`;
}

/** A list instance (w:num) of definition `abstractId`, with level overrides. */
export function num(id: number, abstractId: number, overrides = ''): string {
  return `<w:num w:numId="${id}" w16cid:durableId="${1000 + id}"><w:abstractNumId w:val="${abstractId}"/>${overrides}</w:num>`;
}

/** word/numbering.xml: definitions first, then instances, as Word orders them. */
export function numberingXml(...parts: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<w:numbering ${NAMESPACES} xmlns:w16cid="http://schemas.microsoft.com/office/word/2016/wordml/cid">${parts.join('')}</w:numbering>`;
}

/** The three bullet levels Word gives a bulleted list: •, o (Courier New), ▪ (Wingdings). */
export const BULLET_LEVELS = [
  level(0, 'bullet', '\uf0b7', { font: 'Symbol' }),
  level(1, 'bullet', 'o', { font: 'Courier New' }),
  level(2, 'bullet', '\uf0a7', { font: 'Wingdings' }),
];

/** word/_rels/document.xml.rels: styles, numbering, and hyperlinks id -> target. */
export function relsXml(links: Record<string, string>): string {
  const base = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
    `<Relationship Id="rId1" Type="${base}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${base}/numbering" Target="numbering.xml"/>` +
    Object.entries(links)
      .map(
        ([id, target]) =>
          `<Relationship Id="${id}" Type="${base}/hyperlink" Target="${escapeXml(target)}" TargetMode="External"/>`,
      )
      .join('') +
    '</Relationships>'
  );
}

/** A .docx archive of the parts given (and the package parts every Word file has). */
export async function wordFile(parts: {
  document: string;
  styles?: string;
  numbering?: string;
  rels?: string;
}): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file('word/document.xml', parts.document);
  if (parts.styles) zip.file('word/styles.xml', parts.styles);
  if (parts.numbering) zip.file('word/numbering.xml', parts.numbering);
  zip.file('word/_rels/document.xml.rels', parts.rels ?? relsXml({}));
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
