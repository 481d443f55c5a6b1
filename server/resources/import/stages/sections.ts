import type { ItemContent, SectionContent } from '../../../../shared/minutes/content.ts';
import { SECTION_TYPES, type SectionType } from '../../../../shared/schema/Section.ts';
import { SECTIONS } from '../../../../shared/schema/sections.ts';
import {
  closeBlocks,
  ensureSection,
  itemRef,
  wrapOnto,
  wrappedText,
  type ItemsState,
} from './itemsState.ts';
import { check, SURE, UNSURE } from './checks.ts';
import type { Line } from './normaliseLines.ts';

/**
 * How the published minutes write each section's label: its Danish label
 * from the one section table, plus the variants seen in real minutes
 * ("Bilag vedlagt", "Referat – punkt 3"). No pattern backtracks.
 */
const LABEL_VARIANTS: Partial<Record<SectionType, string>> = {
  bilag: '(?: vedlagt)?',
  referat: '(?: [-–] punkt \\d+)?',
};
const labelPattern = (type: SectionType) =>
  `${SECTIONS[type].label.da.toLowerCase()}${LABEL_VARIANTS[type] ?? ''}`;
const ALL_LABELS = SECTION_TYPES.map(labelPattern).join('|');
const SECTION_PATTERNS: [RegExp, SectionType][] = SECTION_TYPES.map((type) => [
  new RegExp(`^${SECTIONS[type].label.da.toLowerCase()}\\b`, 'i'),
  type,
]);
const OWN_LINE = new RegExp(`^(${ALL_LABELS})\\s*:?$`, 'i');

/** A line that names a section: "Indstilling:", "Bilag vedlagt:", "Referat – punkt 3:". */
export function sectionOf(text: string): SectionType | null {
  const t = text.trim();
  if (t.length > 40 || !OWN_LINE.test(t)) return null;
  return SECTION_PATTERNS.find(([re]) => re.test(t))![1];
}

/** "Indstilling: Det indstilles, at …": a section label with its text on the same line. */
const INLINE_SECTION = new RegExp(`^(${ALL_LABELS})\\s*:\\s+(\\S.*)$`, 'i');

/**
 * A section label on its own line (plain text or a Word Heading 2), or with
 * its first paragraph after it (plain text): opens the section in `item`.
 */
export function readSectionLabel(state: ItemsState, item: ItemContent, line: Line): boolean {
  const text = line.text;
  const inline = line.kind === undefined ? INLINE_SECTION.exec(text) : null;
  if (inline) {
    openSection(state, item, sectionOf(inline[1])!, text);
    addText(state, item, inline[2].trim(), true);
    return true;
  }
  const type = line.kind === 'heading2' || line.kind === undefined ? sectionOf(text) : null;
  if (!type) return false;
  openSection(state, item, type, text);
  return true;
}

/** Opens section `type` in `item`, noted with the line that opened it and how sure that is. */
export function openSection(
  state: ItemsState,
  item: ItemContent,
  type: SectionType,
  line: string,
  confidence = SURE,
) {
  closeBlocks(state);
  check(state.checks, { as: 'section', item: state.items.length, section: type }, confidence, line);
  // "Referat – punkt 2:" directly followed by "Beslutning:" is only a marker.
  const current = state.section;
  if (current && current.type === 'referat' && current.blocks.length === 0) item.sections.pop();
  state.section = { type, blocks: [] };
  item.sections.push(state.section);
}

/**
 * A paragraph of the open section. Unless `whole` (a Word paragraph), the
 * line may be a wrapped line of the open paragraph: PDF text often has
 * empty lines between wrapped lines, so it continues the paragraph when
 * that has not ended a sentence, or when the line starts in lower case
 * (incl. a word hyphenated across the break).
 */
export function addText(state: ItemsState, item: ItemContent, text: string, whole = false) {
  if (whole) {
    state.list = null;
    newParagraph(state, item, text);
    return;
  }
  const paragraph = state.paragraph;
  if (paragraph && !startsParagraph(state, text)) {
    wrapOnto(state, paragraph, 'paragraph', text);
    return;
  }
  state.list = null;
  newParagraph(state, item, text);
}

function newParagraph(state: ItemsState, item: ItemContent, text: string) {
  const paragraph = { paragraph: text };
  state.paragraph = paragraph;
  ensureSection(state, item, text).blocks.push(paragraph);
}

/** The line would start a new paragraph (addText): none is open, or the open one ended a sentence. */
export function startsParagraph(state: ItemsState, text: string): boolean {
  const paragraph = state.paragraph;
  return (
    !paragraph ||
    (/[.:!?]["”)]?$/.test(wrappedText(state, paragraph, 'paragraph').trimmedTail(2)) &&
      !/^\p{Ll}/u.test(text))
  );
}

/**
 * A bare link on its own line (a PDF's link annotation): kept under the
 * item's first Bilag section (added when there is none), and listed, since
 * where it belongs cannot be told. A Word paragraph stands where it belongs.
 */
export function readLink(state: ItemsState, item: ItemContent, line: Line): boolean {
  const text = line.text;
  if (!/^https?:\/\/\S+$/.test(text) || line.kind !== undefined || line.whole) return false;
  let bilag = firstBilag(state, item);
  if (!bilag) {
    bilag = { type: 'bilag', blocks: [] };
    item.sections.push(bilag);
  }
  bilag.blocks.push({ paragraph: text });
  check(state.checks, { as: 'link', item: state.items.length }, UNSURE, text);
  state.unrecognised.push(
    `Link uden tekst, lagt under Bilag i ${itemRef(state.items.length, item.title)}: ${text}`,
  );
  return true;
}

function firstBilag(state: ItemsState, item: ItemContent): SectionContent | undefined {
  let i = Math.min(state.bilagSearched.get(item) ?? 0, item.sections.length);
  while (i < item.sections.length && item.sections[i].type !== 'bilag') i++;
  state.bilagSearched.set(item, i);
  return item.sections[i];
}
