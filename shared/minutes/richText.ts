import type { JSONContent } from '@tiptap/core';

/**
 * The little rich text the plain content (content.ts) carries: links over
 * parts of a paragraph or bullet, and bullets nested by level. Written into
 * the editor's JSON as link marks and nested bullet lists, and read back
 * from it, so content -> JSON -> content gives the same content.
 */

/** `text.slice(from, to)` links to `href`. */
export interface TextLink {
  from: number;
  to: number;
  href: string;
}

/** Longest address kept: longer ones are not links people follow, and a cut one is wrong. */
const MAX_HREF = 2048;

/**
 * An address safe to put in a document: http(s) or mailto only (never
 * javascript:, data:, file: …), without whitespace or control characters;
 * else null.
 */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (h.length > MAX_HREF || !/^(?:https?:\/\/[^\s/]|mailto:\S)/i.test(h)) return null;
  // eslint-disable-next-line no-control-regex
  return /[\s\u0000-\u001f\u007f]/.test(h) ? null : h;
}

/**
 * The links that can be marked on `text`: within it, non-empty, with a safe
 * address, in order and not overlapping (of two overlapping, the first wins).
 */
export function cleanLinks(text: string, links: readonly TextLink[] | undefined): TextLink[] {
  if (!links?.length) return [];
  const sorted = links
    .filter((l) => Number.isInteger(l.from) && Number.isInteger(l.to))
    .map((l) => ({ from: Math.max(0, l.from), to: Math.min(text.length, l.to), href: l.href }))
    .filter((l) => l.to > l.from)
    .sort((a, b) => a.from - b.from || b.to - a.to);
  const out: TextLink[] = [];
  for (const l of sorted) {
    const href = typeof l.href === 'string' ? safeHref(l.href) : null;
    if (!href || (out.length && l.from < out[out.length - 1].to)) continue;
    out.push({ ...l, href });
  }
  return out;
}

/** `text` as inline JSON: text nodes, the linked parts with a link mark. */
export function inlineJSON(text: string, links?: readonly TextLink[]): JSONContent[] {
  if (!text) return [];
  const marked = cleanLinks(text, links);
  if (!marked.length) return [{ type: 'text', text }];
  const nodes: JSONContent[] = [];
  let at = 0;
  for (const { from, to, href } of marked) {
    if (from > at) nodes.push({ type: 'text', text: text.slice(at, from) });
    nodes.push({
      type: 'text',
      text: text.slice(from, to),
      marks: [{ type: 'link', attrs: { href } }],
    });
    at = to;
  }
  if (at < text.length) nodes.push({ type: 'text', text: text.slice(at) });
  return nodes;
}

/**
 * Inline JSON back as text and links (the inverse of inlineJSON): text as
 * jsonText reads it (a hard break is "\n"), a link mark's text as a link,
 * neighbouring pieces with the same address as one.
 */
export function inlineFromJSON(nodes: readonly JSONContent[]): { text: string; links: TextLink[] } {
  let text = '';
  const links: TextLink[] = [];
  for (const node of nodes) {
    const piece = node.type === 'hardBreak' ? '\n' : node.type === 'text' ? (node.text ?? '') : '';
    const href = node.marks?.find((m) => m.type === 'link')?.attrs?.href;
    const last = links[links.length - 1];
    if (typeof href === 'string' && piece) {
      if (last && last.to === text.length && last.href === href) last.to += piece.length;
      else links.push({ from: text.length, to: text.length + piece.length, href });
    }
    text += piece;
  }
  return { text, links };
}

/** Deepest bullet nesting written (Word has 9 levels, 0–8). */
export const MAX_BULLET_LEVEL = 8;

/**
 * Bullets with levels as a nested bulletList: an entry one level deeper
 * than the one before goes into a list inside that entry. A level may go
 * down by any number but up by one at most (a jump is one deeper).
 */
export function bulletListJSON(
  bullets: readonly string[],
  levels?: readonly number[],
  links?: readonly (readonly TextLink[] | undefined)[],
): JSONContent {
  const root: JSONContent = { type: 'bulletList', content: [] };
  // The open list at each level, and its last item (where a deeper list goes).
  const lists: JSONContent[] = [root];
  const items: JSONContent[] = [];
  bullets.forEach((text, i) => {
    const wanted = Math.min(Math.max(0, Math.trunc(levels?.[i] ?? 0)), MAX_BULLET_LEVEL);
    const level = Math.min(wanted, items.length);
    if (level === items.length && level > 0) {
      const deeper: JSONContent = { type: 'bulletList', content: [] };
      items[level - 1].content!.push(deeper);
      lists[level] = deeper;
    }
    lists.length = level + 1;
    items.length = level;
    const item: JSONContent = {
      type: 'listItem',
      content: [{ type: 'paragraph', content: inlineJSON(text, links?.[i]) }],
    };
    lists[level].content!.push(item);
    items.push(item);
  });
  return root;
}

/** Bullets as content: entries in order, with levels and links when any has one. */
export interface BulletsContent {
  bullets: string[];
  levels?: number[];
  links?: TextLink[][];
}

/**
 * A bulletList back as content (the inverse of bulletListJSON): each item's
 * paragraph is an entry, the bullet lists inside it are deeper entries. An
 * item holding anything else is one entry of all its text (`flatText`), as
 * are items deeper than MAX_BULLET_LEVEL.
 */
export function bulletsFromJSON(
  list: JSONContent,
  flatText: (node: JSONContent) => string,
): BulletsContent {
  const bullets: string[] = [];
  const levels: number[] = [];
  const links: TextLink[][] = [];
  const walk = (node: JSONContent, level: number) => {
    for (const li of node.content ?? []) {
      const [first, ...rest] = li.content ?? [];
      if (
        level < MAX_BULLET_LEVEL &&
        first?.type === 'paragraph' &&
        rest.every((n) => n.type === 'bulletList')
      ) {
        const inline = inlineFromJSON(first.content ?? []);
        bullets.push(inline.text);
        levels.push(level);
        links.push(inline.links);
        for (const sub of rest) walk(sub, level + 1);
      } else {
        bullets.push(flatText(li));
        levels.push(level);
        links.push([]);
      }
    }
  };
  walk(list, 0);
  const out: BulletsContent = { bullets };
  if (levels.some((l) => l > 0)) out.levels = levels;
  if (links.some((l) => l.length)) out.links = links;
  return out;
}
