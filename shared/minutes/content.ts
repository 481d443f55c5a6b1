import type { JSONContent } from '@tiptap/core';
import type { SectionType } from '../schema/Section.ts';
import type { ItemFlags, MeetingHeader, Participant } from './fields.ts';
import {
  bulletListJSON,
  bulletsFromJSON,
  inlineFromJSON,
  inlineJSON,
  type TextLink,
} from './richText.ts';

export type { TextLink } from './richText.ts';

/**
 * A plain description of a meeting's content: what templates, "next meeting",
 * import and tests write, and what export reads. Text with only the little
 * rich text of richText.ts (links, nested bullets, sub-headings), all of it
 * optional: the live document may hold more, and is read as ProseMirror
 * JSON when it does.
 */
export type Block =
  /**
   * A paragraph with its links; `subheading` when it is a short heading
   * inside a section ("Baggrund", "Økonomi", a Word Heading 3), a heading of
   * level SUBHEADING_LEVEL in the editor.
   */
  | { paragraph: string; links?: TextLink[]; subheading?: true }
  /**
   * Numbered points (indstilling 1, 2, 3 …), an ordered list. `start` when a
   * beslutning answers from point 2 on; a point may have lettered sub-points.
   */
  | { points: Point[]; start?: number }
  /** `levels[i]`: how deep bullet i is nested (0 = top); `links[i]`: its links. */
  | { bullets: string[]; levels?: number[]; links?: TextLink[][] };

export type Point = string | { text: string; sub: string[] };

export interface SectionContent {
  type: SectionType;
  blocks: Block[];
}

export interface ItemContent extends Partial<ItemFlags> {
  /** Kept when copying; a new id is made when absent. */
  id?: string;
  title: string;
  sections: SectionContent[];
}

export interface MeetingContent {
  header: Partial<MeetingHeader>;
  participants: (Omit<Participant, 'id'> & { id?: string })[];
  items: ItemContent[];
}

/**
 * A list's first number as stored (any value reaches here from older
 * documents): a whole number from 0 to 100,000, else 1.
 */
export function listStart(value: unknown): number {
  const n = Number(value ?? 1);
  return Number.isInteger(n) && n >= 0 && n <= 100_000 ? n : 1;
}

const textNode = (text: string): JSONContent[] => (text ? [{ type: 'text', text }] : []);
const paragraph = (text: string, links?: TextLink[]): JSONContent => ({
  type: 'paragraph',
  content: inlineJSON(text, links),
});
const listItem = (point: Point): JSONContent =>
  typeof point === 'string'
    ? { type: 'listItem', content: [paragraph(point)] }
    : {
        type: 'listItem',
        content: [
          paragraph(point.text),
          { type: 'orderedList', attrs: { start: 1, type: 'a' }, content: point.sub.map(listItem) },
        ],
      };

/** The heading level of a sub-heading inside a section (the schema allows 3 and 4). */
export const SUBHEADING_LEVEL = 4;

export function blockToJSON(block: Block): JSONContent {
  if ('paragraph' in block) {
    if (!block.subheading) return paragraph(block.paragraph, block.links);
    return {
      type: 'heading',
      attrs: { level: SUBHEADING_LEVEL },
      content: inlineJSON(block.paragraph, block.links),
    };
  }
  if ('points' in block) {
    return {
      type: 'orderedList',
      attrs: { start: block.start ?? 1 },
      content: block.points.map(listItem),
    };
  }
  return bulletListJSON(block.bullets, block.levels, block.links);
}

function pointFromJSON(li: JSONContent): Point {
  const [first, ...rest] = li.content ?? [];
  const sub = rest.find((n) => n.type === 'orderedList' || n.type === 'bulletList');
  if (first?.type === 'paragraph' && sub && rest.length === 1) {
    return { text: jsonText(first), sub: (sub.content ?? []).map((s) => jsonText(s)) };
  }
  return jsonText(li);
}

/** An item body as the item editor's ProseMirror JSON (title, then sections). */
export function itemBodyJSON(item: Pick<ItemContent, 'title' | 'sections'>): JSONContent {
  return {
    type: 'doc',
    content: [
      { type: 'agendaItemTitle', content: textNode(item.title) },
      ...item.sections.map((s) => ({
        type: s.type,
        content: (s.blocks.length ? s.blocks : [{ paragraph: '' }]).map(blockToJSON),
      })),
    ],
  };
}

/** All text of a ProseMirror JSON node, blocks separated by newlines. */
export function jsonText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  const parts = (node.content ?? []).map(jsonText);
  const inline = (node.content ?? []).every((c) => c.type === 'text' || c.type === 'hardBreak');
  return parts.join(inline ? '' : '\n');
}

/**
 * Reads an item body's JSON back as plain content: the inverse of
 * itemBodyJSON for everything it can write; other blocks become paragraphs of
 * their text, so nothing is lost for comparison and export.
 */
export function itemContentFromJSON(body: JSONContent): Pick<ItemContent, 'title' | 'sections'> {
  const [first, ...rest] = body.content ?? [];
  const title = first?.type === 'agendaItemTitle' ? jsonText(first) : '';
  const sectionNodes = first?.type === 'agendaItemTitle' ? rest : (body.content ?? []);
  return {
    title,
    sections: sectionNodes.map((s) => ({
      type: s.type as SectionType,
      blocks: (s.content ?? []).map((b): Block => {
        if (b.type === 'orderedList') {
          const start = listStart(b.attrs?.start);
          const points = (b.content ?? []).map(pointFromJSON);
          return start === 1 ? { points } : { points, start };
        }
        if (b.type === 'bulletList') return bulletsFromJSON(b, jsonText);
        if (b.type === 'paragraph' || b.type === 'heading') return paragraphFromJSON(b);
        return { paragraph: jsonText(b) };
      }),
    })),
  };
}

/** A paragraph or heading with its links (only when it has some). */
function paragraphFromJSON(node: JSONContent): Block {
  const { text, links } = inlineFromJSON(node.content ?? []);
  return {
    paragraph: text,
    ...(links.length ? { links } : {}),
    ...(node.type === 'heading' ? { subheading: true as const } : {}),
  };
}

/**
 * A whole meeting's schema JSON (meetingToJSON(doc).document) read back as
 * plain content: header, participants, items with flags and sections. What
 * export and import work on.
 */
export function meetingContentFromJSON(document: JSONContent): MeetingContent {
  const nodes = document.content ?? [];
  const header = (nodes.find((n) => n.type === 'meetingHeader')?.attrs ??
    {}) as MeetingContent['header'];
  const participants = (nodes.find((n) => n.type === 'participants')?.content ?? []).map(
    (p) => ({ ...(p.attrs ?? {}) }) as MeetingContent['participants'][number],
  );
  const items = nodes
    .filter((n) => n.type === 'agendaItem')
    .map((n): ItemContent => {
      const attrs = n.attrs ?? {};
      return {
        id: attrs.id,
        presenter: attrs.presenter ?? '',
        closed: attrs.closed ?? false,
        carryOver: attrs.carryOver ?? false,
        standing: attrs.standing ?? '',
        ...itemContentFromJSON(n),
      };
    });
  return { header, participants, items };
}
