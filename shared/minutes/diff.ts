import type { JSONContent } from '@tiptap/core';
import { listStart } from './content.ts';

/**
 * "What changed since the draft was sent out": two versions of the minutes
 * (schema JSON) compared as readable lines, words marked inserted or deleted.
 */
export type DiffOp = 'same' | 'ins' | 'del';
export interface DiffPart {
  op: DiffOp;
  text: string;
}
/** One line of a version: a header field, a participant, an item's title or a paragraph of a section. */
export interface DiffLine {
  /** What the line is: `title`, a section type, `header.<field>`, `participant`. */
  label: string;
  parts: DiffPart[];
}
export interface ItemDiff {
  itemId: string;
  /** Number in the newer version (0 when the item was taken off the agenda). */
  number: number;
  title: string;
  status: 'added' | 'removed' | 'changed';
  /** Only the changed lines, with their words marked. */
  lines: DiffLine[];
  /** Who edited this item since the older version, where the server knows it. */
  authors?: string[];
}
export interface MeetingDiff {
  /** Header fields and participants that changed. */
  general: DiffLine[];
  items: ItemDiff[];
  /** Items whose position on the agenda changed (ids). */
  moved: string[];
}

interface Line {
  label: string;
  text: string;
}

function inlineText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inlineText).join('');
}

/** An item's body as lines: title, then each paragraph with its section's type. */
function itemLines(item: JSONContent): Line[] {
  const lines: Line[] = [];
  const walk = (node: JSONContent, label: string, prefix: string) => {
    const content = node.content ?? [];
    if (node.type === 'agendaItemTitle')
      return lines.push({ label: 'title', text: inlineText(node) });
    if (node.type === 'paragraph' || node.type === 'heading') {
      return lines.push({ label, text: prefix + inlineText(node) });
    }
    if (node.type === 'orderedList') {
      const start = listStart(node.attrs?.start);
      const letters = node.attrs?.type === 'a';
      content.forEach((li, i) => {
        const n = start + i;
        const marker = letters ? `${String.fromCharCode(96 + n)}) ` : `${n}. `;
        (li.content ?? []).forEach((child, j) => walk(child, label, j === 0 ? marker : ''));
      });
      return;
    }
    if (node.type === 'bulletList') {
      for (const li of content) (li.content ?? []).forEach((c, j) => walk(c, label, j ? '' : '• '));
      return;
    }
    const section =
      node.type && node.type !== 'agendaItem' && node.type !== 'listItem' ? node.type : label;
    for (const child of content) walk(child, section, '');
  };
  walk(item, '', '');
  return lines;
}

const HEADER_LABEL = 'header.';

function generalLines(doc: JSONContent): Line[] {
  const lines: Line[] = [];
  for (const node of doc.content ?? []) {
    if (node.type === 'meetingHeader') {
      for (const [key, value] of Object.entries(node.attrs ?? {})) {
        if (typeof value === 'string' && value)
          lines.push({ label: HEADER_LABEL + key, text: value });
      }
    }
    if (node.type === 'participants') {
      for (const p of node.content ?? []) {
        const a = p.attrs ?? {};
        const text = [a.name, a.title, a.organisation, a.status].filter(Boolean).join(' · ');
        lines.push({ label: 'participant', text });
      }
    }
  }
  return lines;
}

function items(doc: JSONContent): JSONContent[] {
  return (doc.content ?? []).filter((n) => n.type === 'agendaItem');
}

/**
 * How much alignment work one diff may do, in table cells (each a compare
 * and a max): the diff of a whole meeting stays well under a second whatever
 * its size. Beyond the budget, changed stretches are shown as replaced.
 */
export const DIFF_CELL_BUDGET = 20_000_000;
/** One alignment's largest table (its memory: 4 bytes a cell). */
const MAX_TABLE_CELLS = 4_000_000;

/** What is left of a diff's budget; shared by every alignment the diff makes. */
export interface DiffBudget {
  cells: number;
}

/** Longest common subsequence table walk over two token lists; `eq` compares tokens. */
function lcsDiff<T>(
  a: T[],
  b: T[],
  eq: (x: T, y: T) => boolean,
  budget: DiffBudget,
): { op: DiffOp; a?: T; b?: T }[] {
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start], b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1], b[endB - 1])) (endA--, endB--);
  const head = a.slice(0, start).map((x) => ({ op: 'same' as const, a: x, b: x }));
  const tail = a.slice(endA).map((x) => ({ op: 'same' as const, a: x, b: x }));
  const ma = a.slice(start, endA);
  const mb = b.slice(start, endB);
  const middle: { op: DiffOp; a?: T; b?: T }[] = [];
  const cells = ma.length * mb.length;
  if (cells > MAX_TABLE_CELLS || cells > budget.cells) {
    // Too large to align word by word: show it as replaced.
    for (const x of ma) middle.push({ op: 'del', a: x });
    for (const y of mb) middle.push({ op: 'ins', b: y });
  } else {
    budget.cells -= cells;
    const w = mb.length + 1;
    const table = new Uint32Array((ma.length + 1) * w);
    for (let i = ma.length - 1; i >= 0; i--) {
      for (let j = mb.length - 1; j >= 0; j--) {
        table[i * w + j] = eq(ma[i], mb[j])
          ? table[(i + 1) * w + j + 1] + 1
          : Math.max(table[(i + 1) * w + j], table[i * w + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < ma.length || j < mb.length) {
      if (i < ma.length && j < mb.length && eq(ma[i], mb[j])) {
        middle.push({ op: 'same', a: ma[i++], b: mb[j++] });
      } else if (
        i < ma.length &&
        (j === mb.length || table[(i + 1) * w + j] >= table[i * w + j + 1])
      ) {
        // Deletions first, so a change reads "old, then new".
        middle.push({ op: 'del', a: ma[i++] });
      } else {
        middle.push({ op: 'ins', b: mb[j++] });
      }
    }
  }
  return [...head, ...middle, ...tail];
}

function pushPart(parts: DiffPart[], op: DiffOp, text: string) {
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else if (text) parts.push({ op, text });
}

/** Word-level diff of two strings. */
export function diffWords(
  before: string,
  after: string,
  budget: DiffBudget = { cells: DIFF_CELL_BUDGET },
): DiffPart[] {
  // Words, runs of space and single punctuation marks, so "godkendes." changes as "godkendes".
  const tokens = (s: string) => s.match(/\s+|[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
  const parts: DiffPart[] = [];
  for (const step of lcsDiff(tokens(before), tokens(after), (x, y) => x === y, budget)) {
    pushPart(parts, step.op, (step.op === 'ins' ? step.b : step.a) ?? '');
  }
  return parts;
}

/** Changed lines only: a deleted line followed by an inserted one of the same label is diffed by words. */
function diffLines(before: Line[], after: Line[], budget: DiffBudget): DiffLine[] {
  const steps = lcsDiff(before, after, (x, y) => x.label === y.label && x.text === y.text, budget);
  const out: DiffLine[] = [];
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    if (step.op === 'same') continue;
    const next = steps[k + 1];
    if (step.op === 'del' && next?.op === 'ins' && next.b!.label === step.a!.label) {
      out.push({ label: step.a!.label, parts: diffWords(step.a!.text, next.b!.text, budget) });
      k++;
    } else if (step.op === 'del') {
      out.push({ label: step.a!.label, parts: [{ op: 'del', text: step.a!.text }] });
    } else {
      out.push({ label: step.b!.label, parts: [{ op: 'ins', text: step.b!.text }] });
    }
  }
  return out;
}

/** Compares two versions of a meeting (the `document` of meetingToJSON). */
export function diffMeetings(
  older: JSONContent,
  newer: JSONContent,
  budget: DiffBudget = { cells: DIFF_CELL_BUDGET },
): MeetingDiff {
  const oldItems = new Map(items(older).map((n) => [String(n.attrs?.id), n]));
  const newItems = items(newer);
  const newIds = new Set(newItems.map((n) => String(n.attrs?.id)));
  const result: MeetingDiff = {
    general: diffLines(generalLines(older), generalLines(newer), budget),
    items: [],
    moved: [],
  };
  const titleOf = (item: JSONContent) =>
    itemLines(item).find((l) => l.label === 'title')?.text ?? '';
  newItems.forEach((item, index) => {
    const id = String(item.attrs?.id);
    const before = oldItems.get(id);
    if (!before) {
      const lines = itemLines(item).map((l) => ({
        label: l.label,
        parts: [{ op: 'ins' as const, text: l.text }],
      }));
      result.items.push({
        itemId: id,
        number: index + 1,
        title: titleOf(item),
        status: 'added',
        lines,
      });
      return;
    }
    const lines = diffLines(itemLines(before), itemLines(item), budget);
    if (lines.length) {
      result.items.push({
        itemId: id,
        number: index + 1,
        title: titleOf(item),
        status: 'changed',
        lines,
      });
    }
  });
  for (const [id, item] of oldItems) {
    if (newIds.has(id)) continue;
    const lines = itemLines(item).map((l) => ({
      label: l.label,
      parts: [{ op: 'del' as const, text: l.text }],
    }));
    result.items.push({ itemId: id, number: 0, title: titleOf(item), status: 'removed', lines });
  }
  const oldOrder = items(older)
    .map((n) => String(n.attrs?.id))
    .filter((id) => newIds.has(id));
  const newOrder = newItems.map((n) => String(n.attrs?.id)).filter((id) => oldItems.has(id));
  for (const step of lcsDiff(oldOrder, newOrder, (x, y) => x === y, budget)) {
    if (step.op === 'ins') result.moved.push(step.b!);
  }
  return result;
}
