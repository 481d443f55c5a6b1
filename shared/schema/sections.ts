/**
 * The typed sections of an agenda item, in the order they usually appear in a
 * referat. The names are node names, hence a storage format: never rename.
 */
export const SECTION_TYPES = [
  'sagsfremstilling',
  'indstilling',
  'bilag',
  'referat',
  'beslutning',
  'uddybning',
] as const;
export type SectionType = (typeof SECTION_TYPES)[number];

export function isSectionType(name: string): name is SectionType {
  return (SECTION_TYPES as readonly string[]).includes(name);
}

/** The languages section labels are written in: the UI's two (Danish default). */
export type LabelLanguage = 'da' | 'en';

export interface SectionInfo {
  /**
   * The label drawn above the section and on its buttons, per language.
   * Danish is also what the exports print and what the importer reads.
   */
  label: Record<LabelLanguage, string>;
  /** The letter of its editor shortcut (Mod-Alt-letter), shown in tooltips and the help. */
  shortcut: string;
  /** The rule at the section's left edge in the editor. */
  colour: string;
  /** A background tint for the section people look for first (the decision). */
  background?: string;
}

/**
 * How each section type is called, typed and drawn: the one place the
 * editor (shortcuts, labels, colours), the stylesheet (through the
 * attributes the section node renders), i18n and the exports read.
 * Keyed by node name, so a section type without an entry does not compile.
 */
export const SECTIONS: Record<SectionType, SectionInfo> = {
  sagsfremstilling: {
    label: { da: 'Sagsfremstilling', en: 'Background' },
    shortcut: 'S',
    colour: '#e4e7eb',
  },
  indstilling: {
    label: { da: 'Indstilling', en: 'Recommendation' },
    shortcut: 'I',
    colour: '#93c5fd',
  },
  // L: the B belongs to the beslutning.
  bilag: { label: { da: 'Bilag', en: 'Attachments' }, shortcut: 'L', colour: '#e4e7eb' },
  referat: { label: { da: 'Referat', en: 'Minutes' }, shortcut: 'R', colour: '#c4b5fd' },
  beslutning: {
    label: { da: 'Beslutning', en: 'Decision' },
    shortcut: 'B',
    colour: '#6ee7b7',
    background: '#f6fdf9',
  },
  uddybning: { label: { da: 'Uddybning', en: 'Elaboration' }, shortcut: 'U', colour: '#e4e7eb' },
};

/**
 * The attributes a section's DOM carries so the stylesheet can draw it:
 * its label in every language (the stylesheet picks one by `<html lang>`,
 * so the label follows the language switch without re-rendering and is
 * never part of the text) and its colours as custom properties.
 */
export function sectionDOMAttributes(type: SectionType): Record<string, string> {
  const { label, colour, background } = SECTIONS[type];
  const attributes: Record<string, string> = {};
  for (const [language, text] of Object.entries(label)) attributes[`data-label-${language}`] = text;
  attributes.style = `--section-colour: ${colour}; --section-background: ${background ?? 'none'}`;
  return attributes;
}
