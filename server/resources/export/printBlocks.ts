import type { JSONContent } from '@tiptap/core';
import { listStart } from '../../../shared/minutes/content.ts';

/** A piece of printed text; `href` when the writer made it a link (a safe address only). */
export interface Run {
  text: string;
  href?: string;
}
/** A line of text as printed: runs, links among them. */
export type Inline = Run[];
export interface PrintPoint {
  text: Inline;
  /** Lettered sub-points (a, b, c …). */
  sub: Inline[];
}
/**
 * A block as printed: the shape of content.ts's Block, read from the
 * document's JSON so the editor's links survive (Block is text only).
 */
export type PrintBlock =
  { paragraph: Inline } | { points: PrintPoint[]; start?: number } | { bullets: Inline[] };

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * The address a link may print with: http, https or mailto, normalised
 * (ASCII, as a PDF URI and a Word relationship need). Anything else a
 * crafted client wrote into the document (javascript:, file:, data:) prints
 * as plain text.
 */
export function safeHref(href: unknown): string | undefined {
  if (typeof href !== 'string' || href.length > 2048) return undefined;
  try {
    const url = new URL(href.trim());
    return LINK_PROTOCOLS.has(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export const inlineText = (runs: Inline): string => runs.map((r) => r.text).join('');
export const plain = (text: string): Inline => (text ? [{ text }] : []);

/** Adjacent runs with the same address as one (bold or italic inside a link splits text nodes). */
function merged(runs: Inline): Inline {
  const out: Inline = [];
  for (const run of runs) {
    const last = out.at(-1);
    if (!run.text) continue;
    if (last && last.href === run.href) last.text += run.text;
    else out.push({ ...run });
  }
  return out;
}

/**
 * All text of a node as runs, blocks separated by newlines: jsonText
 * (content.ts) keeping links, so the printed text is the same.
 */
export function inlineOf(node: JSONContent): Inline {
  if (node.type === 'text') {
    const link = node.marks?.find((m) => m.type === 'link');
    const href = safeHref(link?.attrs?.href);
    return [href ? { text: node.text ?? '', href } : { text: node.text ?? '' }];
  }
  if (node.type === 'hardBreak') return [{ text: '\n' }];
  const children = node.content ?? [];
  const inline = children.every((c) => c.type === 'text' || c.type === 'hardBreak');
  return merged(children.flatMap((c, i) => [...(!inline && i ? plain('\n') : []), ...inlineOf(c)]));
}

function pointOf(li: JSONContent): PrintPoint {
  const [first, ...rest] = li.content ?? [];
  const sub = rest.find((n) => n.type === 'orderedList' || n.type === 'bulletList');
  if (first?.type === 'paragraph' && sub && rest.length === 1) {
    return { text: inlineOf(first), sub: (sub.content ?? []).map(inlineOf) };
  }
  return { text: inlineOf(li), sub: [] };
}

/** A section node's blocks as printed (the shape itemContentFromJSON reads). */
export function sectionBlocks(section: JSONContent): PrintBlock[] {
  return (section.content ?? []).map((b): PrintBlock => {
    if (b.type === 'orderedList') {
      const start = listStart(b.attrs?.start);
      const points = (b.content ?? []).map(pointOf);
      return start === 1 ? { points } : { points, start };
    }
    if (b.type === 'bulletList') return { bullets: (b.content ?? []).map(inlineOf) };
    return { paragraph: inlineOf(b) };
  });
}

const filled = (runs: Inline) => inlineText(runs).trim() !== '';

/**
 * The blocks that print something: paragraphs with text, lists with their
 * empty points left out (an empty section the editor shows as a place to
 * type is not part of the minutes).
 */
export function filledBlocks(blocks: PrintBlock[]): PrintBlock[] {
  return blocks.flatMap((b): PrintBlock[] => {
    if ('paragraph' in b) return filled(b.paragraph) ? [b] : [];
    if ('points' in b) {
      // Empty points are kept when later ones have text: they hold the numbering.
      const last = b.points.findLastIndex((p) => filled([...p.text, ...p.sub.flat()]));
      return last < 0 ? [] : [{ ...b, points: b.points.slice(0, last + 1) }];
    }
    const bullets = b.bullets.filter(filled);
    return bullets.length ? [{ bullets }] : [];
  });
}
