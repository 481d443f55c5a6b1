import { Node, mergeAttributes } from '@tiptap/core';
import { sectionDOMAttributes, type SectionType } from './sections.ts';

// The section names live in the section table (./sections.ts); re-exported for the node's users.
export { SECTION_TYPES, isSectionType, type SectionType } from './sections.ts';

/**
 * Builds one section node. A section holds ordinary blocks (paragraphs, lists
 * for numbered points). Its label ("Indstilling", "Beslutning" …) is drawn by
 * the stylesheet from the attributes rendered here (./sections.ts), never
 * typed, so it cannot be misspelt and follows the reader's language.
 *
 * `block*` rather than `block+`: two people deleting the last two paragraphs
 * of a section at the same moment can leave it empty, and that state must
 * still be a valid document rather than something y-prosemirror deletes.
 * `isolating` keeps Backspace at a section's start from merging it into the
 * previous one.
 */
export function createSection(name: SectionType) {
  return Node.create({
    name,
    group: 'section',
    content: 'block*',
    defining: true,
    isolating: true,

    parseHTML() {
      return [{ tag: `section[data-section="${name}"]` }];
    },

    renderHTML({ HTMLAttributes }) {
      return [
        'section',
        mergeAttributes(HTMLAttributes, {
          'data-section': name,
          class: `section section-${name}`,
          ...sectionDOMAttributes(name),
        }),
        0,
      ];
    },
  });
}
