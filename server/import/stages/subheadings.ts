import type { ItemContent } from '../../../shared/minutes/content.ts';
import { closeBlocks, ensureSection, type ItemsState } from './itemsState.ts';
import type { Line } from './normaliseLines.ts';

/**
 * A Word Heading 2 or 3 inside an item that names no section (those are
 * read first): a sub-heading of the open section ("Baggrund", "Pris"),
 * kept as a heading there, not merged into the paragraphs.
 */
export function readSubheading(state: ItemsState, item: ItemContent, line: Line): boolean {
  if (line.kind !== 'heading2' && line.kind !== 'heading3') return false;
  closeBlocks(state);
  ensureSection(state, item).blocks.push({ paragraph: line.text, subheading: true });
  return true;
}
