import type { TextLink } from '../../../shared/minutes/richText.ts';
import { fieldHyperlink, MAX_INSTRUCTION, readHyperlinkTargets } from './docxLinks.ts';
import { ListCounter, readNumbering, type ListNumber } from './docxNumbering.ts';
import { readStyles, smallNumber, styleResolver, type ResolvedStyle } from './docxStyles.ts';
import type { SourceLine } from './sourceLines.ts';
import { attribute, forEachTag, unescapeXml } from './xmlTags.ts';
import { readZipEntries, type ZipLimits } from './zipEntries.ts';

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';
const STYLES = 'word/styles.xml';
const RELS = 'word/_rels/document.xml.rels';

/**
 * A Word file is read only as far as these allow (the parts of a real
 * 500-page document are well under them; a zip bomb is stopped at them).
 */
export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
};

/** How deeply hyperlinks and fields are tracked inside each other (real files: 2–3). */
const MAX_NESTING = 16;
/**
 * Links kept from one file (real minutes hold a few hundred): beyond it the
 * text is kept without them, so work per link (an address of up to 2,048
 * characters checked and written again) stays bounded by the file.
 */
export const MAX_LINKS = 5000;

/** One paragraph (`<w:p>` to the first `</w:p>`) as it is read. */
interface Paragraph {
  style?: string;
  numId?: string;
  ilvl?: number;
  /** w:outlineLvl of the paragraph itself (0 = heading 1, 9 = body text). */
  outline?: number;
  /** Its text in pieces, decoded, and their length so far (where a link starts). */
  text: string[];
  length: number;
  links: TextLink[];
  /** Links the file may still have (shared by its paragraphs). */
  budget: { left: number };
  /** Open w:hyperlink / w:fldSimple elements: where each started and its address (null: none kept). */
  open: { from: number; href: string | null }[];
}

/** An open complex field (w:fldChar begin … separate … end). */
interface Field {
  instruction: string;
  /** After `separate`: the field's result (its shown text) is being read. */
  result: boolean;
  href: string | null;
  /** Where its result started in the current paragraph. */
  from: number;
}

/** What the paragraphs are read with: styles, numbering and link targets of the file. */
interface Context {
  style: (styleId: string | undefined) => ResolvedStyle;
  counter: ListCounter;
}

/**
 * The paragraphs of a DOCX as source lines. A paragraph's style is resolved
 * through styles.xml (built-in and localised names, basedOn, outline
 * levels: stages see Title and Heading 1–3), its numbering through
 * numbering.xml, counted as Word counts (a list paragraph becomes a
 * number, letter or bullet line, a numbered Heading 1 an item heading,
 * each carrying the number Word shows), and
 * its hyperlinks (w:hyperlink through document.xml.rels, HYPERLINK fields)
 * become link ranges. Reads the archive within DOCX_LIMITS and each XML part
 * in one pass; throws (a ZipError among others) with a message for the user
 * when it cannot.
 */
export function docxLines(bytes: Uint8Array): SourceLine[] {
  const parts = readZipEntries(bytes, [DOCUMENT, NUMBERING, STYLES, RELS], DOCX_LIMITS);
  const document = parts.get(DOCUMENT);
  if (!document) throw new Error('not a Word document (no word/document.xml)');
  const text = (name: string) => {
    const part = parts.get(name);
    return part ? new TextDecoder().decode(part) : '';
  };
  const sheet = readStyles(text(STYLES));
  const numbering = readNumbering(text(NUMBERING));
  const targets = readHyperlinkTargets(text(RELS));
  // Looked up once here, not at each of the (many) links to a long address.
  const withFragment = new Set([...targets].filter(([, h]) => h.includes('#')).map(([id]) => id));
  const xml = text(DOCUMENT);
  parts.clear();
  const context: Context = {
    style: styleResolver(sheet),
    counter: new ListCounter(numbering, (id) => sheet.styles.get(id)?.numId),
  };

  const lines: SourceLine[] = [];
  const rows = new TableRows(lines);
  const budget = { left: MAX_LINKS };
  let p: Paragraph | null = null;
  let inPPr = false;
  let inChange = false;
  const fields: Field[] = [];
  // Fields opened beyond MAX_NESTING: counted, so their ends close nothing else.
  let deepFields = 0;
  // After `<w:t …>` / `<w:instrText …>`: where its text starts; it counts if its end tag is next.
  let textFrom = -1;
  let instructionFrom = -1;
  const add = (piece: string) => {
    p!.text.push(piece);
    p!.length += piece.length;
  };
  forEachTag(xml, (tag) => {
    const { name, closing, empty, attributes } = tag;
    if (textFrom >= 0) {
      if (p && closing && name === 'w:t' && !attributes)
        add(decode(xml.slice(textFrom, tag.start)));
      textFrom = -1;
    }
    if (instructionFrom >= 0) {
      const field = fields[fields.length - 1];
      if (closing && name === 'w:instrText' && field && !field.result && !deepFields) {
        const room = MAX_INSTRUCTION - field.instruction.length;
        if (room > 0)
          field.instruction += decode(xml.slice(instructionFrom, tag.start).slice(0, room));
      }
      instructionFrom = -1;
    }
    if (!p) {
      if (name === 'w:tbl' || name === 'w:tr' || name === 'w:tc') {
        rows.tag(name, closing, empty);
        return;
      }
      if (name === 'w:p' && !closing && !empty) {
        p = { text: [], length: 0, links: [], budget, open: [] };
        inPPr = inChange = false;
      }
      return;
    }
    if (closing) {
      if (name === 'w:p' && !attributes) {
        rows.add(finishParagraph(p, fields, context));
        p = null;
      } else if (name === 'w:pPr') inPPr = false;
      else if (name === 'w:pPrChange') inChange = false;
      else if ((name === 'w:hyperlink' || name === 'w:fldSimple') && p.open.length) {
        const link = p.open.pop()!;
        addLink(p, link.from, link.href);
      }
      return;
    }
    if (inPPr) {
      if (name === 'w:pPrChange' && !empty) inChange = true;
      if (inChange) return;
      if (name === 'w:pStyle') p.style ??= nonEmpty(attribute(attributes, 'w:val'));
      else if (name === 'w:numId') p.numId ??= attribute(attributes, 'w:val')?.slice(0, 20);
      else if (name === 'w:ilvl') p.ilvl ??= smallNumber(attribute(attributes, 'w:val'));
      else if (name === 'w:outlineLvl') p.outline ??= smallNumber(attribute(attributes, 'w:val'));
      return;
    }
    if (name === 'w:t' && !empty) textFrom = tag.end;
    else if (name === 'w:pPr' && !empty) inPPr = true;
    else if (name === 'w:tab' || name === 'w:br' || name === 'w:cr') add(' ');
    else if (name === 'w:noBreakHyphen') add('-');
    else if (name === 'w:instrText' && !empty) instructionFrom = tag.end;
    else if (name === 'w:fldChar') readFieldChar(attribute(attributes, 'w:fldCharType'));
    else if ((name === 'w:hyperlink' || name === 'w:fldSimple') && !empty) {
      if (p.open.length < MAX_NESTING)
        p.open.push({ from: p.length, href: linkOf(name, attributes) });
      else p.open.push({ from: p.length, href: null });
    }
  });
  return lines;

  function readFieldChar(type: string | undefined) {
    if (type === 'begin') {
      if (fields.length < MAX_NESTING && !deepFields) {
        fields.push({ instruction: '', result: false, href: null, from: 0 });
      } else deepFields++;
    } else if (type === 'separate') {
      const field = fields[fields.length - 1];
      if (deepFields || !field || field.result) return;
      field.result = true;
      field.href = fieldHyperlink(field.instruction.trim());
      field.instruction = '';
      field.from = p!.length;
    } else if (type === 'end') {
      if (deepFields) {
        deepFields--;
        return;
      }
      const field = fields.pop();
      if (field?.result) addLink(p!, field.from, field.href);
    }
  }

  /** A w:hyperlink's address (its relationship, with its anchor) or a w:fldSimple's. */
  function linkOf(name: string, attributes: string): string | null {
    if (name === 'w:fldSimple') {
      return fieldHyperlink(unescapeXml(attribute(attributes, 'w:instr') ?? '').trim());
    }
    const id = attribute(attributes, 'r:id');
    const href = id === undefined ? undefined : targets.get(id);
    if (!href) return null;
    const anchor = attribute(attributes, 'w:anchor');
    return anchor && !withFragment.has(id!) ? `${href}#${unescapeXml(anchor)}` : href;
  }
}

/**
 * Tables: in municipal templates the participants often stand in a table,
 * one person per row ("Navn | Titel | Organisation"). A row of a top-level
 * table with several cells becomes one line, its cells joined by ", " (the
 * "Name, title, unit" form the participants stage reads); a header row of
 * column names is left out. Rows of one cell (layout tables) and nested
 * tables keep their paragraphs as lines. Links inside joined rows are not kept.
 */
class TableRows {
  private depth = 0;
  private row: SourceLine[][] | null = null;
  private cell: SourceLine[] | null = null;
  private firstRow = true;

  constructor(private readonly lines: SourceLine[]) {}

  tag(name: string, closing: boolean, empty: boolean) {
    if (empty) return;
    if (name === 'w:tbl') {
      this.depth += closing ? -1 : 1;
      if (this.depth < 0) this.depth = 0;
      if (!closing && this.depth === 1) this.firstRow = true;
      return;
    }
    if (this.depth !== 1) return;
    if (name === 'w:tr') {
      if (!closing) this.row = [];
      else if (this.row) this.finishRow(this.row);
    } else if (name === 'w:tc') {
      if (!closing) this.cell = [];
      else if (this.cell && this.row) {
        this.row.push(this.cell);
        this.cell = null;
      }
    }
  }

  add(line: SourceLine) {
    if (this.cell && this.depth === 1) this.cell.push(line);
    else this.lines.push(line);
  }

  private finishRow(row: SourceLine[][]) {
    this.row = null;
    const first = this.firstRow;
    this.firstRow = false;
    const filled = row.filter((cell) => cell.some((l) => l.text.trim()));
    if (filled.length < 2) {
      for (const cell of row) this.lines.push(...cell);
      return;
    }
    const texts = filled.map((cell) =>
      cell
        .map((l) => l.text.trim())
        .filter(Boolean)
        .join(' '),
    );
    if (first && texts.every((t) => COLUMN_NAME.test(t))) return;
    this.lines.push({ text: texts.join(', '), whole: true });
  }
}

/** A table's header cell: a column name, not a person. */
const COLUMN_NAME =
  /^(navn|name|titel|title|stilling|funktion|rolle|role|organisation|enhed|afdeling|forvaltning|repræsenterer|deltager|e-?mail|telefon|afbud|bemærkning(er)?)$/i;

/** A link from `from` to the paragraph's end so far, while the file's budget lasts. */
function addLink(p: Paragraph, from: number, href: string | null) {
  if (!href || p.length <= from || p.budget.left <= 0) return;
  p.budget.left--;
  p.links.push({ from, to: p.length, href });
}

const nonEmpty = (value: string | undefined) => (value ? unescapeXml(value) : undefined);

/** A piece of text as written in the XML, decoded (most have nothing to decode). */
const decode = (text: string) => (text.includes('&') ? unescapeXml(text) : text);

/**
 * The paragraph as a source line. Links still open at its end (a field's
 * result going on into the next paragraph) end here and go on from the
 * next paragraph's start.
 */
function finishParagraph(p: Paragraph, fields: Field[], context: Context): SourceLine {
  for (const link of p.open) addLink(p, link.from, link.href);
  for (const field of fields) {
    if (field.result) addLink(p, field.from, field.href);
    field.from = 0;
  }
  const style = context.style(p.style);
  let role = style.role;
  let level = style.level;
  if (p.outline !== undefined) {
    role = p.outline < 9 ? 'heading' : undefined;
    level = p.outline + 1;
  }
  const numId = p.numId ?? style.numId;
  const number =
    numId !== undefined && numId !== '0'
      ? context.counter.next(numId, p.ilvl ?? style.ilvl, p.style)
      : null;

  const line: SourceLine = { text: p.text.join(''), whole: true };
  if (p.links.length) line.links = p.links.sort((a, b) => a.from - b.from);
  if (role === 'title') line.kind = 'title';
  else if (role === 'heading') {
    line.kind = level === 1 ? 'heading1' : level === 2 ? 'heading2' : 'heading3';
    if (level === 1 && number) numberHeading(line, number);
  } else if (numId !== undefined && numId !== '0') listLine(line, number, p.ilvl ?? 0);
  return line;
}

/**
 * A Heading 1 that Word numbers carries its number (not in its text): an
 * item heading, as "3. Budget" typed is one.
 */
function numberHeading(line: SourceLine, number: ListNumber) {
  if (number.format !== 'bullet' && number.format !== 'none') line.number = number.value;
}

/**
 * A list paragraph: a bullet (with its nesting level), a lettered
 * sub-point, or a numbered point carrying Word's number and list. A
 * numbering the file does not define is read as a bullet.
 */
function listLine(line: SourceLine, number: ListNumber | null, ilvl: number) {
  if (!number || number.format === 'bullet') {
    line.kind = 'bullet';
    const level = number?.ilvl ?? ilvl;
    if (level > 0) line.level = level;
  } else if (number.format === 'none') {
    // Numbered with nothing shown: a plain paragraph.
  } else if (/letter/i.test(number.format) || number.ilvl > 0) {
    line.kind = 'letter';
    line.number = number.value;
  } else {
    line.kind = 'number';
    line.list = number.group;
    line.start = number.start;
    line.number = number.value;
  }
}
