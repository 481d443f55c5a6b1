import { finishTitle, readItemsLine } from '../../../server/resources/import/stages/items.ts';
import { newItemsState } from '../../../server/resources/import/stages/itemsState.ts';
import {
  normaliseLines,
  type Line,
} from '../../../server/resources/import/stages/normaliseLines.ts';
import type { SourceLine } from '../../../server/resources/import/sourceLines.ts';

/**
 * The lines a stage reads, written in a test: a string is a line of plain
 * text (as from a PDF; '' is a blank line, which marks a paragraph break),
 * an object a DOCX paragraph. Normalised as parseMinutes does.
 */
export function lines(...input: (string | SourceLine)[]): Line[] {
  return normaliseLines(input.map((l) => (typeof l === 'string' ? { text: l } : l)));
}

/** Runs the items stage over `input` as parseMinutes does; `rest` are the lines it left (the header's). */
export function readItems(...input: (string | SourceLine)[]) {
  const state = newItemsState([]);
  const rest: string[] = [];
  for (const line of lines(...input)) if (!readItemsLine(state, line)) rest.push(line.text);
  finishTitle(state);
  return { items: state.items, unrecognised: state.unrecognised, rest };
}
