import type { Block, ItemContent, Point } from '../../../../shared/minutes/content.ts';
import { ensureSection, wrapOnto, type ItemsState, type OpenList } from './itemsState.ts';
import type { Line } from './normaliseLines.ts';
import { BULLET } from './patterns.ts';

const POINT = /^(\d{1,2})[.)]\s+(\S.*)$/;
const LETTER = /^([a-h])[.)]\s+(\S.*)$/;

/**
 * An entry of a list in the open section: a lettered sub-point ("a) …",
 * or a DOCX letter) of the last numbered point, a numbered point ("2. …",
 * "2) …", or a DOCX number), or a bullet ("- …", "• …", or a DOCX bullet).
 */
export function readListEntry(state: ItemsState, item: ItemContent, line: Line): boolean {
  const text = line.text;
  // A DOCX number's text holds no number: its list counts (addPoint).
  const point = line.kind === 'number' ? { number: NaN, text } : numbered(text);
  const letter = line.kind === 'letter' ? text : LETTER.exec(text)?.[2];
  const bullet = line.kind === 'bullet' ? text : BULLET.exec(text)?.[1];
  const parent = letter !== undefined ? lastPoint(state) : null;
  if (parent) {
    parent.sub.push(letter!.trim());
    state.paragraph = null;
    return true;
  }
  if (point) {
    addPoint(state, item, line, point);
    return true;
  }
  if (bullet !== undefined) {
    state.paragraph = null;
    let list = state.list;
    if (!list || list.kind !== 'bullets') {
      const block: Block = { bullets: [] };
      ensureSection(state, item).blocks.push(block);
      list = state.list = { kind: 'bullets', block, last: 0 };
    }
    pushBullet(list.block as BulletsBlock, bullet.trim(), line.kind === 'bullet' ? line.level : 0);
    return true;
  }
  return false;
}

type BulletsBlock = Extract<Block, { bullets: string[] }>;

/** A bullet at its nesting level (a DOCX's ilvl); levels are kept once one is nested. */
function pushBullet(block: BulletsBlock, text: string, level = 0) {
  if (level > 0 || block.levels) {
    block.levels ??= block.bullets.map(() => 0);
    block.levels.push(level);
  }
  block.bullets.push(text);
}

/** "2. Text" or "2) Text". */
function numbered(text: string): { number: number; text: string } | null {
  const m = POINT.exec(text);
  return m && { number: Number(m[1]), text: m[2] };
}

/**
 * A numbered point: continues the open list when it is the next number (a
 * DOCX paragraph: of the same list), else starts a list at its number. A
 * DOCX paragraph carries the number Word shows; without it, its list counts.
 */
function addPoint(
  state: ItemsState,
  item: ItemContent,
  line: Line,
  point: { number: number; text: string },
) {
  state.paragraph = null;
  const open = state.list;
  const shown = line.kind === 'number' ? line.number : point.number;
  const sameList =
    open !== null &&
    open.kind === 'points' &&
    (line.kind === 'number'
      ? open.listId === line.list && (shown === undefined || shown === open.last + 1)
      : point.number === open.last + 1);
  const n = shown ?? (sameList ? open!.last + 1 : (line.start ?? 1));
  let list: OpenList;
  if (sameList) list = open!;
  else {
    const block: Block = n === 1 ? { points: [] } : { points: [], start: n };
    ensureSection(state, item).blocks.push(block);
    list = state.list = { kind: 'points', block, last: n - 1, listId: line.list };
  }
  (list.block as { points: Point[] }).points.push(point.text.trim());
  list.last = n;
}

/** The last point of the open numbered list, made able to hold sub-points. */
function lastPoint(state: ItemsState): { text: string; sub: string[] } | null {
  const list = state.list;
  if (!list || list.kind !== 'points') return null;
  const points = (list.block as { points: Point[] }).points;
  const last = points[points.length - 1];
  if (typeof last === 'string') {
    const upgraded = { text: last, sub: [] as string[] };
    points[points.length - 1] = upgraded;
    return upgraded;
  }
  return last ?? null;
}

/**
 * A wrapped line of the open list's last entry (plain text only): a line
 * with no paragraph break before it, or one starting in lower case.
 */
export function continueWrappedList(state: ItemsState, line: Line): boolean {
  const list = state.list;
  if (line.whole || !list || line.kind !== undefined) return false;
  if (line.breakBefore && !/^\p{Ll}/u.test(line.text)) return false;
  const text = line.text;
  if (list.kind === 'bullets') {
    const bullets = (list.block as { bullets: string[] }).bullets;
    wrapOnto(state, bullets, bullets.length - 1, text);
    return true;
  }
  const points = (list.block as { points: Point[] }).points;
  const last = points[points.length - 1];
  if (typeof last === 'string') wrapOnto(state, points, points.length - 1, text);
  else if (last.sub.length) wrapOnto(state, last.sub, last.sub.length - 1, text);
  else wrapOnto(state, last, 'text', text);
  return true;
}
