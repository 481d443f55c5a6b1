import { attribute, forEachTag, unescapeXml } from './xmlTags.ts';

/** One style of word/styles.xml, as far as the import needs it. */
export interface StyleDef {
  /** `paragraph`, `numbering`, `character`, `table`. */
  type: string;
  /** Its w:name ("heading 1", "Overskrift 1", "Titel"); '' when it has none. */
  name: string;
  basedOn?: string;
  /** w:outlineLvl of its paragraph properties: 0 is a heading 1, 9 body text. */
  outlineLevel?: number;
  /** Numbering of its paragraph properties (w:numPr). */
  numId?: string;
  ilvl?: number;
}

export interface StyleSheet {
  styles: Map<string, StyleDef>;
  /** The paragraph style of paragraphs that name none (w:default="1"). */
  defaultParagraph?: string;
}

/** What a paragraph's style makes of it, through its basedOn chain. */
export interface ResolvedStyle {
  role?: 'title' | 'heading';
  /** For a heading: 1–9. */
  level?: number;
  /** Numbering the style attaches (w:numPr in it or a style it is based on). */
  numId?: string;
  ilvl?: number;
}

/** A whole decimal number of at most 9 digits, else undefined. */
export const smallNumber = (value: string | undefined) =>
  value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

/** A style's styleId, name or basedOn as written (decoded, bounded). */
const value = (attributes: string, name: string) => {
  const v = attribute(attributes, name);
  return v === undefined ? undefined : unescapeXml(v.slice(0, 200));
};

/**
 * The styles of word/styles.xml in one pass: each style's type, name,
 * basedOn, and the outline level and numbering of its paragraph
 * properties. The first of two styles with the same id counts (as in Word).
 */
export function readStyles(xml: string): StyleSheet {
  const styles = new Map<string, StyleDef>();
  let defaultParagraph: string | undefined;
  let current: { id: string; def: StyleDef } | null = null;
  let inPPr = false;
  forEachTag(xml, ({ name, closing, empty, attributes }) => {
    if (closing) {
      if (name === 'w:style' && current) {
        if (!styles.has(current.id)) styles.set(current.id, current.def);
        current = null;
      } else if (name === 'w:pPr') inPPr = false;
      return;
    }
    if (!current) {
      if (name !== 'w:style' || empty) return;
      const id = value(attributes, 'w:styleId');
      if (!id) return;
      const type = attribute(attributes, 'w:type') ?? 'paragraph';
      current = { id, def: { type, name: '' } };
      inPPr = false;
      if (type === 'paragraph' && attribute(attributes, 'w:default') === '1') {
        defaultParagraph ??= id;
      }
      return;
    }
    const def = current.def;
    if (name === 'w:name') def.name ||= value(attributes, 'w:val') ?? '';
    else if (name === 'w:basedOn') def.basedOn ??= value(attributes, 'w:val');
    else if (name === 'w:pPr' && !empty) inPPr = true;
    else if (!inPPr) return;
    else if (name === 'w:outlineLvl')
      def.outlineLevel ??= smallNumber(attribute(attributes, 'w:val'));
    else if (name === 'w:numId') def.numId ??= attribute(attributes, 'w:val')?.slice(0, 20);
    else if (name === 'w:ilvl') def.ilvl ??= smallNumber(attribute(attributes, 'w:val'));
  });
  return { styles, defaultParagraph };
}

/*
 * Word writes its built-in styles' names in English ("heading 1", "Title",
 * "List Paragraph") whatever the language, with a styleId in the user's
 * language ("Overskrift1", "Titel"); other programs and converted templates
 * write the localised name too. Both are matched, lower-cased, spaces left
 * out: Danish, Norwegian, Swedish, German, Dutch, Finnish, French, Spanish,
 * Italian, Polish.
 */
const HEADING_NAME =
  /^(?:heading|overskrift|rubrik|überschrift|uberschrift|kop|otsikko|titre|título|titulo|titolo|nagłówek)([1-9])$/;
const TITLE_NAME = /^(?:title|titel|tittel|rubrik|titre|título|titulo|titolo|tytuł|otsikko)$/;

/** What a style's name or id says it is: a heading of a level, the title, or nothing. */
export function builtInRole(
  nameOrId: string,
): { role: 'title' | 'heading'; level?: number } | null {
  if (nameOrId.length > 40) return null;
  const key = nameOrId.toLowerCase().replace(/[\s_-]+/g, '');
  const heading = HEADING_NAME.exec(key);
  if (heading) return { role: 'heading', level: Number(heading[1]) };
  return TITLE_NAME.test(key) ? { role: 'title' } : null;
}

/** How far a basedOn chain is followed (Word's own are a few deep). */
const MAX_CHAIN = 16;

/**
 * A style resolver: for a styleId, what it is (title, heading n) and the
 * numbering it attaches, following basedOn up to MAX_CHAIN styles and
 * stopping at a cycle. The nearest style that says counts: an outline level
 * it sets (9 = body text: not a heading), else its built-in name or id.
 * Each style is resolved once.
 */
export function styleResolver(sheet: StyleSheet): (styleId: string | undefined) => ResolvedStyle {
  const memo = new Map<string, ResolvedStyle>();
  return (styleId) => {
    const id = styleId ?? sheet.defaultParagraph;
    if (id === undefined) return {};
    const known = memo.get(id);
    if (known) return known;
    const resolved: ResolvedStyle = {};
    let roleKnown = false;
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined && seen.size < MAX_CHAIN;) {
      if (seen.has(at)) break;
      seen.add(at);
      const def = sheet.styles.get(at);
      // A style the sheet lacks is still named by its id ("Heading1" in a file without styles.xml).
      if (!roleKnown) {
        if (def?.outlineLevel !== undefined) {
          roleKnown = true;
          if (def.outlineLevel < 9) {
            resolved.role = 'heading';
            resolved.level = def.outlineLevel + 1;
          }
        } else {
          const role = builtInRole(def?.name ?? '') ?? builtInRole(at);
          if (role) {
            roleKnown = true;
            Object.assign(resolved, role);
          }
        }
      }
      if (resolved.numId === undefined && def?.numId !== undefined) resolved.numId = def.numId;
      if (resolved.ilvl === undefined && def?.ilvl !== undefined) resolved.ilvl = def.ilvl;
      at = def?.basedOn;
    }
    memo.set(id, resolved);
    return resolved;
  };
}
