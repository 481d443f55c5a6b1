import type { Block, ItemContent, SectionContent } from '../../../../shared/minutes/content.ts';
import type { ImportCheck } from '../../../../shared/api/importChecks.ts';
import { WrappedText } from '../WrappedText.ts';
import { check, LIKELY } from './checks.ts';

/** The list that the next point, letter, bullet or wrapped line may continue. */
export interface OpenList {
  kind: 'points' | 'bullets';
  block: Block;
  /** The last number seen, to tell the next point from the next item's heading. */
  last: number;
  /** A DOCX list's id: a numbered paragraph of the same list continues it. */
  listId?: string;
}

/**
 * What the item stages (items, sections, lists) build and where they are:
 * each block is appended at the end of the current section of the current
 * item, so only the ends are kept.
 */
export interface ItemsState {
  items: ItemContent[];
  /** The item being read (the last one); null before the first. */
  item: ItemContent | null;
  section: SectionContent | null;
  list: OpenList | null;
  /** The paragraph a wrapped line continues. */
  paragraph: { paragraph: string } | null;
  /** The item's heading may still continue on the next line (a PDF's wrapped title). */
  titleOpen: boolean;
  /** After a top-level heading that is not an item: lines are listed, not placed. */
  outside: boolean;
  /** That heading, named in the lines listed after it. */
  outsideHeading: string;
  /**
   * The text that wrapped lines are joined onto, and where it is kept: one
   * at a time, since once the parser moves on it never joins onto an
   * earlier one.
   */
  wrapping: {
    owner: Record<string | number, string>;
    key: string | number;
    text: WrappedText;
  } | null;
  /**
   * How far each item's sections were searched for its first Bilag. Sections
   * are only added and removed at the end, so the ones already looked at are
   * not looked at again.
   */
  bilagSearched: Map<ItemContent, number>;
  /** Lines listed for the user to check (shared with the other stages). */
  unrecognised: string[];
  /** How each block was read (shared with the other stages). */
  checks: ImportCheck[];
}

export function newItemsState(unrecognised: string[], checks: ImportCheck[] = []): ItemsState {
  return {
    items: [],
    item: null,
    section: null,
    list: null,
    paragraph: null,
    titleOpen: false,
    outside: false,
    outsideHeading: '',
    wrapping: null,
    bilagSearched: new Map(),
    unrecognised,
    checks,
  };
}

/**
 * An item as the lines to check name it: 'punkt 3 «Titel»' (a long title
 * shortened: a megabyte of title must not be repeated for every line).
 */
export function itemRef(number: number, title: string): string {
  const short = title.length > 80 ? `${title.slice(0, 80)}…` : title;
  return short ? `punkt ${number} «${short}»` : `punkt ${number}`;
}

/** The text kept in `owner[key]`, as the WrappedText that wrapped lines are joined onto. */
export function wrappedText(state: ItemsState, owner: object, key: string | number): WrappedText {
  const wrapping = state.wrapping;
  if (wrapping && wrapping.owner === owner && wrapping.key === key) return wrapping.text;
  const held = owner as Record<string | number, string>;
  const text = new WrappedText(held[key]);
  state.wrapping = { owner: held, key, text };
  return text;
}

/** `owner[key] = join(owner[key], line)`, in time linear in the line. */
export function wrapOnto(state: ItemsState, owner: object, key: string | number, line: string) {
  const text = wrappedText(state, owner, key);
  text.append(line);
  (owner as Record<string | number, string>)[key] = text.text;
}

/** Nothing continues the open paragraph or list any more. */
export function closeBlocks(state: ItemsState) {
  state.list = null;
  state.paragraph = null;
}

/**
 * The section blocks are added to: the open one, else a new Sagsfremstilling
 * (noted as assumed, with the line that opened it).
 */
export function ensureSection(state: ItemsState, item: ItemContent, line = ''): SectionContent {
  if (!state.section) {
    state.section = { type: 'sagsfremstilling', blocks: [] };
    item.sections.push(state.section);
    check(
      state.checks,
      { as: 'section', item: state.items.length, section: 'sagsfremstilling', implicit: true },
      LIKELY,
      line,
    );
  }
  return state.section;
}
