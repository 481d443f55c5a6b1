import type JSZip from 'jszip';
import type { SourceLine } from './parseMinutes.ts';

const MAX_DOCX_XML = 20 * 1024 * 1024;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** numId -> per level: format (decimal, lowerLetter, bullet …) and start. */
async function numbering(zip: JSZip): Promise<Map<string, { format: string; start: number }[]>> {
  const xml = (await zip.file('word/numbering.xml')?.async('string')) ?? '';
  const abstract = new Map<string, { format: string; start: number }[]>();
  for (const [, id, body] of xml.matchAll(
    /<w:abstractNum\b[^>]*w:abstractNumId="(\d+)"[^>]*>([\s\S]*?)<\/w:abstractNum>/g,
  )) {
    const levels: { format: string; start: number }[] = [];
    for (const [, ilvl, lvl] of body.matchAll(
      /<w:lvl\b[^>]*w:ilvl="(\d+)"[^>]*>([\s\S]*?)<\/w:lvl>/g,
    )) {
      levels[Number(ilvl)] = {
        format: /<w:numFmt w:val="([^"]+)"/.exec(lvl)?.[1] ?? 'decimal',
        start: Number(/<w:start w:val="(\d+)"/.exec(lvl)?.[1] ?? 1),
      };
    }
    abstract.set(id, levels);
  }
  const nums = new Map<string, { format: string; start: number }[]>();
  for (const [, numId, body] of xml.matchAll(
    /<w:num\b[^>]*w:numId="(\d+)"[^>]*>([\s\S]*?)<\/w:num>/g,
  )) {
    const abstractId = /<w:abstractNumId w:val="(\d+)"/.exec(body)?.[1] ?? '';
    const levels = (abstract.get(abstractId) ?? []).map((l) => ({ ...l }));
    for (const [, ilvl, start] of body.matchAll(
      /<w:lvlOverride w:ilvl="(\d+)"[^>]*>[\s\S]*?<w:startOverride w:val="(\d+)"/g,
    )) {
      if (levels[Number(ilvl)]) levels[Number(ilvl)].start = Number(start);
    }
    nums.set(numId, levels);
  }
  return nums;
}

/**
 * The paragraphs of a DOCX as source lines: heading styles (Title, Heading
 * 1–3) and list paragraphs (numbered, lettered, bulleted, from
 * numbering.xml) become line kinds; everything else is plain text.
 */
export async function docxLines(bytes: Uint8Array): Promise<SourceLine[]> {
  // Loaded on first import, like the export libraries.
  const { default: JSZipLib } = await import('jszip');
  const zip = await JSZipLib.loadAsync(bytes);
  const file = zip.file('word/document.xml');
  if (!file) throw new Error('not a Word document (no word/document.xml)');
  const xml = await file.async('string');
  if (xml.length > MAX_DOCX_XML) throw new Error('document too large');
  const lists = await numbering(zip);
  const lines: SourceLine[] = [];
  for (const [p] of xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)) {
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '';
    const text = unescape(
      [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g)]
        .map((m) => (m[2] ? ' ' : m[1]))
        .join(''),
    );
    const numId = /<w:numId w:val="(\d+)"/.exec(p)?.[1];
    const ilvl = Number(/<w:ilvl w:val="(\d+)"/.exec(p)?.[1] ?? 0);
    const line: SourceLine = { text, whole: true };
    if (/^Title$/i.test(style)) line.kind = 'title';
    else if (/^Heading1$/i.test(style)) line.kind = 'heading1';
    else if (/^Heading2$/i.test(style)) line.kind = 'heading2';
    else if (/^Heading3$/i.test(style)) line.kind = 'heading3';
    else if (numId && numId !== '0') {
      const level = lists.get(numId)?.[ilvl];
      if (!level || level.format === 'bullet') line.kind = 'bullet';
      else if (/letter/i.test(level.format) || ilvl > 0) line.kind = 'letter';
      else {
        line.kind = 'number';
        line.list = numId;
        line.start = level.start;
      }
    }
    lines.push(line);
  }
  return lines;
}
