import * as Y from 'yjs';
import type { JSONContent } from '@tiptap/core';

/**
 * Deepest node nesting the JSON form keeps (real minutes use fewer than 12
 * levels). Deeper content is not dropped: it is kept as the text of one
 * paragraph and reported. The server refuses updates nesting deeper than its
 * own, lower limit (config maxDepth, at most 200), so only content stored
 * before that check, or damaged on disk, ever reaches this.
 */
export const MAX_JSON_DEPTH = 256;

/** y-tiptap stores overlapping marks of one type as `name--<8 chars of hash>`. */
const markName = (key: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key;

function textNodes(text: Y.XmlText, problems: string[], where: string): JSONContent[] {
  const nodes: JSONContent[] = [];
  for (const d of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof d.insert !== 'string') {
      problems.push(`${where}: an embedded object in the text was left out`);
      continue;
    }
    const node: JSONContent = { type: 'text', text: d.insert };
    if (d.attributes) {
      node.marks = Object.keys(d.attributes).map((key) => ({
        type: markName(key),
        attrs: d.attributes![key] as Record<string, unknown>,
      }));
    }
    nodes.push(node);
  }
  return nodes;
}

/** All text under a type, without recursion (for content nested too deeply). */
function flatText(root: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const t = stack.pop()!;
    if (t instanceof Y.XmlText) {
      for (const d of t.toDelta() as { insert: unknown }[]) {
        if (typeof d.insert === 'string') parts.push(d.insert);
      }
    } else if (t instanceof Y.XmlFragment) {
      const children = t.toArray();
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i] as never);
    }
  }
  return parts.join(' ');
}

/**
 * An item body (Y.XmlFragment) as ProseMirror JSON: the same output as
 * y-tiptap's yXmlFragmentToProsemirrorJSON for every valid document (the
 * content hash of approved minutes depends on it), but without recursion
 * and with a depth limit, so no stored content can overflow the stack of
 * whoever reads it (the JSON API, the content hash, export, the diff).
 */
export function fragmentToJSON(
  fragment: Y.XmlFragment,
  problems: string[] = [],
  where = 'body',
): JSONContent {
  const root: JSONContent = { type: 'doc', content: [] };
  // Each frame: a Y parent whose children are appended to `into`, at `depth`.
  const stack: { node: Y.XmlFragment; into: JSONContent[]; depth: number }[] = [
    { node: fragment, into: root.content!, depth: 0 },
  ];
  const pending: { parent: JSONContent; list: JSONContent[] }[] = [];
  while (stack.length) {
    const { node, into, depth } = stack.pop()!;
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) {
        // Not push(...nodes): a paragraph of 100,000 formatted runs would overflow the call.
        for (const node of textNodes(child, problems, where)) into.push(node);
      } else if (child instanceof Y.XmlElement) {
        if (depth + 1 > MAX_JSON_DEPTH) {
          problems.push(`${where}: content nested deeper than ${MAX_JSON_DEPTH} levels flattened`);
          into.push({ type: 'paragraph', content: [{ type: 'text', text: flatText(child) }] });
          continue;
        }
        const json: JSONContent = { type: child.nodeName };
        const attrs = child.getAttributes();
        if (Object.keys(attrs).length) json.attrs = attrs;
        into.push(json);
        if (child.length > 0) {
          const list: JSONContent[] = [];
          pending.push({ parent: json, list });
          stack.push({ node: child, into: list, depth: depth + 1 });
        }
      } else {
        problems.push(`${where}: an unknown kind of content was left out`);
      }
    }
  }
  // Children lists are filled by now. Like y-tiptap, an element with children
  // gets `content` even when they hold no text (an emptied Y.XmlText).
  for (const { parent, list } of pending) parent.content = list;
  return root;
}
