import * as Y from 'yjs';
import { itemBody, visibleItemIds } from '../../shared/minutes/layout.ts';

/**
 * Where a simulated typist writes: the last text of agenda item
 * `typist % items` (so several typists of a meeting work in different items,
 * as minute-takers do). Used by the reliability tests and the benchmarks.
 */
export function typingTarget(doc: Y.Doc, typist: number): Y.XmlText {
  const ids = visibleItemIds(doc);
  if (ids.length === 0) throw new Error('meeting has no items');
  const body = itemBody(doc, ids[typist % ids.length]);
  let last: Y.XmlText | null = null;
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) last = child;
      else if (child instanceof Y.XmlElement) visit(child);
    }
  };
  if (body) visit(body);
  if (!last) throw new Error('item has no text');
  return last;
}
