import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { SECTIONS, isSectionType, type SectionType } from '../../shared/schema/index.ts';

export interface SectionLabelsOptions {
  /** A section's label in the reader's language. */
  label: (type: SectionType) => string;
}

/**
 * Tells assistive technology what the stylesheet draws: each section of an
 * item is a group named by its label ("Indstilling", "Beslutning"), so a
 * screen reader says which section the caret entered; the item's title is a
 * heading one level below the agenda's. Decorations, not attributes of the
 * nodes: the label follows the reader's language and is never stored.
 */
export const SectionLabels = Extension.create<SectionLabelsOptions>({
  name: 'sectionLabels',

  addOptions() {
    return { label: (type: SectionType) => SECTIONS[type].label.da };
  },

  addProseMirrorPlugins() {
    const label = (type: SectionType) => this.options.label(type);
    return [
      new Plugin({
        key: new PluginKey('sectionLabels'),
        props: {
          decorations(state) {
            const decorations: Decoration[] = [];
            state.doc.forEach((node, offset) => {
              const name = node.type.name;
              const range = [offset, offset + node.nodeSize] as const;
              if (isSectionType(name)) {
                decorations.push(
                  Decoration.node(...range, { role: 'group', 'aria-label': label(name) }),
                );
              } else if (name === 'agendaItemTitle') {
                decorations.push(Decoration.node(...range, { 'aria-level': '3' }));
              }
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
