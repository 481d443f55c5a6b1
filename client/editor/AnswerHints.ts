import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';

/** Numbered points of every ordered list directly in sections of `type`, by number. */
function pointsOf(doc: PMNode, type: string): Map<number, string> {
  const points = new Map<number, string>();
  doc.forEach((section) => {
    if (section.type.name !== type) return;
    section.forEach((block) => {
      if (block.type.name !== 'orderedList') return;
      const start = Number(block.attrs.start ?? 1);
      block.forEach((li, _offset, i) => points.set(start + i, li.textContent));
    });
  });
  return points;
}

/**
 * Beslutning point n answers indstilling point n. Each numbered beslutning
 * point gets a small tag saying which indstilling point it answers (the text
 * of that point as its tooltip), so a minute-taker sees at once whether the
 * numbers line up.
 */
export const AnswerHints = Extension.create<{ label: (n: number) => string }>({
  name: 'answerHints',

  addOptions() {
    return { label: (n: number) => `Indstilling ${n}` };
  },

  addProseMirrorPlugins() {
    const label = this.options.label;
    return [
      new Plugin({
        key: new PluginKey('answerHints'),
        props: {
          decorations(state) {
            const indstilling = pointsOf(state.doc, 'indstilling');
            if (indstilling.size === 0) return null;
            const decorations: Decoration[] = [];
            state.doc.forEach((section, sectionPos) => {
              if (section.type.name !== 'beslutning') return;
              section.forEach((block, blockOffset) => {
                if (block.type.name !== 'orderedList') return;
                const start = Number(block.attrs.start ?? 1);
                block.forEach((li, liOffset, i) => {
                  const text = indstilling.get(start + i);
                  if (text === undefined) return;
                  const pos = sectionPos + 1 + blockOffset + 1 + liOffset;
                  const tag = document.createElement('span');
                  tag.className = 'answers';
                  tag.contentEditable = 'false';
                  tag.textContent = label(start + i);
                  tag.title = text;
                  decorations.push(
                    Decoration.widget(pos + 2, tag, { side: -1, key: `a${start + i}:${text}` }),
                  );
                });
              });
            });
            return DecorationSet.create(state.doc, decorations);
          },
        },
      }),
    ];
  },
});
