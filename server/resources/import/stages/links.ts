import type { TextLink } from '../../../../shared/minutes/richText.ts';
import type { ItemsState } from './itemsState.ts';
import type { Line } from './normaliseLines.ts';

/**
 * Puts a line's links (a Word paragraph's hyperlinks) on the text the items
 * stage made of it: the last paragraph, sub-heading or bullet of the open
 * section, when that text is the line's text or its end (a label before
 * it taken off). Links elsewhere (titles, presenters, numbered points) are
 * not kept; the text is.
 */
export function attachLinks(state: ItemsState, line: Line) {
  const links = line.links;
  const blocks = state.section?.blocks;
  const block = blocks?.[blocks.length - 1];
  if (!links?.length || !block) return;
  if ('paragraph' in block) {
    if (!block.links) {
      const moved = onEnd(line.text, block.paragraph, links);
      if (moved) block.links = moved;
    }
  } else if ('bullets' in block) {
    const i = block.bullets.length - 1;
    const moved = i >= 0 ? onEnd(line.text, block.bullets[i], links) : null;
    if (!moved) return;
    const all = (block.links ??= []);
    while (all.length < i) all.push([]);
    all[i] = moved;
  }
}

/** The links moved onto `entry` when it is the end of `text`; null when not, or none fall on it. */
function onEnd(text: string, entry: string, links: TextLink[]): TextLink[] | null {
  if (!entry || !text.endsWith(entry)) return null;
  const shift = text.length - entry.length;
  const moved = links
    .map((l) => ({ ...l, from: Math.max(0, l.from - shift), to: l.to - shift }))
    .filter((l) => l.to > l.from);
  return moved.length ? moved : null;
}
