import type { SourceLine } from './sourceLines.ts';
import { attribute, forEachTag, unescapeXml } from './xmlTags.ts';
import { readZipEntries, type ZipLimits } from './zipEntries.ts';

const DOCUMENT = 'word/document.xml';
const NUMBERING = 'word/numbering.xml';

/**
 * A Word file is read only as far as these allow (the parts of a real
 * 500-page document are well under them; a zip bomb is stopped at them).
 */
export const DOCX_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
};

interface Level {
  format: string;
  start: number;
}

/** A whole decimal number in an attribute (`w:val="3"`), else undefined. */
const digits = (value: string | undefined) =>
  value !== undefined && /^\d+$/.test(value) ? value : undefined;

/** The tag's `w:val` when the attributes start with it, as Word writes them. */
const leadingVal = (attributes: string) =>
  attributes.startsWith(' w:val="') ? attribute(attributes, 'w:val') : undefined;

/**
 * numId -> per level (ilvl): format (decimal, lowerLetter, bullet …) and
 * start, from numbering.xml in one pass: abstract numberings with their
 * levels, and numberings naming one, with start overrides.
 */
function numbering(xml: string): Map<string, Map<number, Level>> {
  const abstract = new Map<string, Map<number, Level>>();
  const nums: { id: string; abstractId?: string; overrides: [number, number][] }[] = [];
  let inAbstract: { id: string; levels: Map<number, Level> } | null = null;
  let level: { ilvl: number; format?: string; start?: number } | null = null;
  let num: (typeof nums)[number] | null = null;
  // A lvlOverride waits for the next startOverride.
  let override: number | null = null;
  forEachTag(xml, (tag) => {
    const { name, closing, attributes } = tag;
    if (closing) {
      if (name === 'w:lvl' && inAbstract && level) {
        inAbstract.levels.set(level.ilvl, {
          format: level.format ?? 'decimal',
          start: level.start ?? 1,
        });
        level = null;
      } else if (name === 'w:abstractNum' && inAbstract) {
        abstract.set(inAbstract.id, inAbstract.levels);
        inAbstract = null;
        level = null;
      } else if (name === 'w:num' && num) {
        nums.push(num);
        num = null;
        override = null;
      }
      return;
    }
    if (inAbstract) {
      if (name === 'w:lvl' && !level) {
        const ilvl = digits(attribute(attributes, 'w:ilvl'));
        if (ilvl !== undefined) level = { ilvl: Number(ilvl) };
      } else if (level && name === 'w:numFmt' && level.format === undefined) {
        const format = leadingVal(attributes);
        if (format) level.format = format;
      } else if (level && name === 'w:start' && level.start === undefined) {
        const start = digits(leadingVal(attributes));
        if (start !== undefined) level.start = Number(start);
      }
      return;
    }
    if (num) {
      if (name === 'w:abstractNumId' && num.abstractId === undefined) {
        num.abstractId = digits(leadingVal(attributes));
      } else if (name === 'w:lvlOverride' && override === null) {
        const ilvl = attributes.startsWith(' w:ilvl="')
          ? digits(attribute(attributes, 'w:ilvl'))
          : undefined;
        if (ilvl !== undefined) override = Number(ilvl);
      } else if (name === 'w:startOverride' && override !== null) {
        const start = digits(leadingVal(attributes));
        if (start !== undefined) {
          num.overrides.push([override, Number(start)]);
          override = null;
        }
      }
      return;
    }
    if (name === 'w:abstractNum' && !tag.empty) {
      const id = digits(attribute(attributes, 'w:abstractNumId'));
      if (id !== undefined) inAbstract = { id, levels: new Map() };
    } else if (name === 'w:num' && !tag.empty) {
      const id = digits(attribute(attributes, 'w:numId'));
      if (id !== undefined) num = { id, overrides: [] };
    }
  });
  const lists = new Map<string, Map<number, Level>>();
  for (const { id, abstractId, overrides } of nums) {
    const levels = new Map(
      [...(abstract.get(abstractId ?? '') ?? [])].map(([ilvl, l]) => [ilvl, { ...l }]),
    );
    for (const [ilvl, start] of overrides) {
      const overridden = levels.get(ilvl);
      if (overridden) overridden.start = start;
    }
    lists.set(id, levels);
  }
  return lists;
}

/** One paragraph (`<w:p>` to the first `</w:p>`) as it is read. */
interface Paragraph {
  style?: string;
  numId?: string;
  ilvl?: string;
  text: string[];
}

/**
 * The paragraphs of a DOCX as source lines: heading styles (Title, Heading
 * 1–3) and list paragraphs (numbered, lettered, bulleted, from
 * numbering.xml) become line kinds; everything else is plain text. Reads
 * the archive within DOCX_LIMITS and each XML part in one pass; throws (a
 * ZipError among others) with a message for the user when it cannot.
 */
export function docxLines(bytes: Uint8Array): SourceLine[] {
  const parts = readZipEntries(bytes, [DOCUMENT, NUMBERING], DOCX_LIMITS);
  const document = parts.get(DOCUMENT);
  if (!document) throw new Error('not a Word document (no word/document.xml)');
  const numberingXml = parts.get(NUMBERING);
  const lists = numberingXml ? numbering(new TextDecoder().decode(numberingXml)) : new Map();
  const xml = new TextDecoder().decode(document);
  parts.clear();

  const lines: SourceLine[] = [];
  let p: Paragraph | null = null;
  // After `<w:t …>`: where its text starts; the text counts if `</w:t>` is the next tag.
  let textFrom = -1;
  forEachTag(xml, (tag) => {
    const { name, closing, empty, attributes } = tag;
    if (textFrom >= 0) {
      if (p && closing && name === 'w:t' && !attributes)
        p.text.push(xml.slice(textFrom, tag.start));
      textFrom = -1;
    }
    if (!p) {
      if (name === 'w:p' && !closing) p = { text: [] };
      return;
    }
    if (closing) {
      if (name === 'w:p' && !attributes) {
        lines.push(sourceLine(p, lists));
        p = null;
      }
      return;
    }
    if (name === 'w:t' && !empty) textFrom = tag.end;
    else if ((name === 'w:tab' || name === 'w:br') && empty && !attributes) p.text.push(' ');
    else if (name === 'w:pStyle') p.style ??= nonEmpty(leadingVal(attributes));
    else if (name === 'w:numId') p.numId ??= digits(leadingVal(attributes));
    else if (name === 'w:ilvl') p.ilvl ??= digits(leadingVal(attributes));
  });
  return lines;
}

const nonEmpty = (value: string | undefined) => (value ? value : undefined);

function sourceLine(p: Paragraph, lists: Map<string, Map<number, Level>>): SourceLine {
  const style = p.style ?? '';
  const ilvl = Number(p.ilvl ?? 0);
  const line: SourceLine = { text: unescapeXml(p.text.join('')), whole: true };
  if (/^Title$/i.test(style)) line.kind = 'title';
  else if (/^Heading1$/i.test(style)) line.kind = 'heading1';
  else if (/^Heading2$/i.test(style)) line.kind = 'heading2';
  else if (/^Heading3$/i.test(style)) line.kind = 'heading3';
  else if (p.numId && p.numId !== '0') {
    const level = lists.get(p.numId)?.get(ilvl);
    if (!level || level.format === 'bullet') line.kind = 'bullet';
    else if (/letter/i.test(level.format) || ilvl > 0) line.kind = 'letter';
    else {
      line.kind = 'number';
      line.list = p.numId;
      line.start = level.start;
    }
  }
  return line;
}
