/**
 * The layout rules of a meeting document: which shared type may sit where
 * (kindOf) and what content each may hold (checkContent). The placement of
 * new structs, which feeds these rules, is in layoutPlacement.ts.
 */
import * as Y from 'yjs';
import { itemSchema } from '../../shared/schema/index.ts';
import {
  HEADER_FIELDS,
  MAX_FIELD_LENGTH,
  PARTICIPANT_FIELDS,
  PARTICIPANT_STATUSES,
  STANDING_VALUES,
  isItemId,
} from '../../shared/minutes/fields.ts';
import {
  HEADER_MAP,
  ITEMS_MAP,
  ITEM_BODY_FIELD,
  ITEM_ORDER_ARRAY,
  PARTICIPANTS_ARRAY,
} from '../../shared/minutes/layout.ts';

/** What a shared type is in the meeting layout (shared/minutes/layout.ts). */
export type Kind =
  | { kind: 'header' | 'participants' | 'itemOrder' | 'items' | 'participant' | 'item' | 'body' }
  | { kind: 'element'; nodeName: string }
  | { kind: 'text' }
  | { kind: 'forbidden' };

export interface Place {
  kind: Kind;
  depth: number;
}

export const ROOTS: Record<string, Kind['kind']> = {
  [HEADER_MAP]: 'header',
  [PARTICIPANTS_ARRAY]: 'participants',
  [ITEM_ORDER_ARRAY]: 'itemOrder',
  [ITEMS_MAP]: 'items',
};

/** Attribute name -> its default in the schema, which says what type its values must have. */
type Attrs = Map<string, unknown>;

/** Node and mark names, and their attributes, from the shared schema (built once). */
let schemaInfo: { nodes: Map<string, Attrs>; marks: Map<string, Attrs> } | null = null;
function schema() {
  if (!schemaInfo) {
    const s = itemSchema();
    const attrsOf = (spec: Record<string, { default?: unknown }> | undefined): Attrs =>
      new Map(Object.entries(spec ?? {}).map(([name, attr]) => [name, attr.default ?? null]));
    const nodes = new Map<string, Attrs>();
    for (const [name, type] of Object.entries(s.nodes)) {
      if (name === 'text' || name === s.topNodeType.name) continue;
      nodes.set(name, attrsOf(type.spec.attrs as never));
    }
    const marks = new Map<string, Attrs>();
    for (const [name, type] of Object.entries(s.marks)) {
      marks.set(name, attrsOf(type.spec.attrs as never));
    }
    schemaInfo = { nodes, marks };
  }
  return schemaInfo;
}

/**
 * An attribute value of the type its default has: a number stays a (sane)
 * number — an orderedList starting at "abc" would break the Word export of
 * approved minutes for good — a string a string, a boolean a boolean; where
 * the default is null (a link's href), a short string or null.
 */
function isAttrValue(defaultValue: unknown, value: unknown): boolean {
  if (value === null) return true;
  if (typeof defaultValue === 'number') {
    return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= 100_000;
  }
  if (typeof defaultValue === 'boolean') return typeof value === 'boolean';
  return typeof value === 'string' && value.length <= 2048;
}

/** y-tiptap stores overlapping marks of one type as `name--<8 chars of hash>`. */
const markName = (key: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(key)?.[1] ?? key;

const isShortString = (v: unknown, max = MAX_FIELD_LENGTH) =>
  typeof v === 'string' && v.length <= max;

/** The single value of a map entry, or an error. */
function mapValue(content: Y.Item['content']): { value: unknown } | null {
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) return null;
  return { value: content.arr[0] };
}

/** Why an update is refused, with the verdict's kind. */
export class Refusal extends Error {
  constructor(
    readonly kind: 'invalid' | 'too-deep' | 'too-large' | 'unresolved',
    message: string,
  ) {
    super(message);
  }
}

/** What kind a type is, given its parent's kind and the key it sits under. */
export function kindOf(type: unknown, parentKind: Kind['kind'], parentSub: string | null): Kind {
  if (type instanceof Y.XmlElement) {
    return (parentKind === 'body' || parentKind === 'element') && parentSub === null
      ? { kind: 'element', nodeName: type.nodeName }
      : { kind: 'forbidden' };
  }
  if (type instanceof Y.XmlText) {
    return (parentKind === 'body' || parentKind === 'element') && parentSub === null
      ? { kind: 'text' }
      : { kind: 'forbidden' };
  }
  if (type instanceof Y.XmlFragment) {
    return parentKind === 'item' && parentSub === ITEM_BODY_FIELD
      ? { kind: 'body' }
      : { kind: 'forbidden' };
  }
  if (type instanceof Y.Map) {
    if (parentKind === 'items' && parentSub !== null) return { kind: 'item' };
    if (parentKind === 'participants' && parentSub === null) return { kind: 'participant' };
  }
  return { kind: 'forbidden' };
}

const ITEM_FLAG_CHECKS: Record<string, (v: unknown) => boolean> = {
  presenter: (v) => isShortString(v),
  closed: (v) => typeof v === 'boolean',
  carryOver: (v) => typeof v === 'boolean',
  standing: (v) => (STANDING_VALUES as readonly unknown[]).includes(v),
};

/**
 * The rules of the layout: what may be put where. Returns the place of a new
 * type (for its children), null for plain content; throws a Refusal.
 */
export function checkContent(
  content: Y.Item['content'],
  where: Place,
  parentSub: string | null,
  maxDepth: number,
): Place | null {
  if (content instanceof Y.ContentDeleted) return null;
  const fail = (why: string): never => {
    throw new Refusal('invalid', why);
  };
  const parentKind = where.kind;
  const sub = parentSub === null ? '' : ` "${parentSub.slice(0, 40)}"`;
  if (content instanceof Y.ContentType) {
    const kind = kindOf(content.type, parentKind.kind, parentSub);
    if (kind.kind === 'forbidden') {
      fail(`a ${content.type.constructor.name} is not allowed in ${parentKind.kind}${sub}`);
    }
    if (parentKind.kind === 'items' && !isItemId(parentSub ?? '')) fail('invalid item id');
    if (kind.kind === 'element' && !schema().nodes.has(kind.nodeName)) {
      fail(`unknown node "${kind.nodeName.slice(0, 40)}"`);
    }
    const depth = where.depth + 1;
    if (depth > maxDepth) throw new Refusal('too-deep', `content nested deeper than ${maxDepth}`);
    return { kind, depth };
  }
  switch (parentKind.kind) {
    case 'header': {
      const v = mapValue(content);
      if (!(HEADER_FIELDS as readonly string[]).includes(parentSub ?? '') || !v) {
        fail(`unknown header field${sub}`);
      }
      if (!isShortString(v!.value)) fail(`header field${sub} must be a short string`);
      return null;
    }
    case 'participant': {
      const v = mapValue(content);
      if (!(PARTICIPANT_FIELDS as readonly string[]).includes(parentSub ?? '') || !v) {
        fail(`unknown participant field${sub}`);
      }
      if (!isShortString(v!.value)) fail(`participant field${sub} must be a short string`);
      if (
        parentSub === 'status' &&
        !(PARTICIPANT_STATUSES as readonly unknown[]).includes(v!.value)
      ) {
        fail('unknown participant status');
      }
      return null;
    }
    case 'item': {
      const v = mapValue(content);
      const checkField = ITEM_FLAG_CHECKS[parentSub ?? ''];
      if (!checkField || !v) fail(`unknown item field${sub}`);
      if (!checkField(v!.value)) fail(`item field${sub} has an invalid value`);
      return null;
    }
    case 'itemOrder': {
      if (
        parentSub !== null ||
        !(content instanceof Y.ContentAny) ||
        !content.arr.every((id) => typeof id === 'string' && isItemId(id))
      ) {
        fail('the agenda order holds item ids only');
      }
      return null;
    }
    case 'element': {
      if (parentSub === null) break;
      const v = mapValue(content);
      const attrs = schema().nodes.get(parentKind.nodeName);
      if (!attrs?.has(parentSub) || !v) fail(`unknown attribute${sub} of ${parentKind.nodeName}`);
      if (!isAttrValue(attrs!.get(parentSub), v!.value)) {
        fail(`attribute${sub} has an invalid value`);
      }
      return null;
    }
    case 'text': {
      if (parentSub !== null) break;
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentFormat) {
        const attrs = schema().marks.get(markName(content.key));
        if (!attrs) fail(`unknown mark "${content.key.slice(0, 40)}"`);
        const value = content.value as unknown;
        if (
          value !== null &&
          (typeof value !== 'object' ||
            Array.isArray(value) ||
            !Object.entries(value as object).every(
              ([k, v]) => attrs!.has(k) && isAttrValue(attrs!.get(k), v),
            ))
        ) {
          fail(`invalid attributes of mark "${content.key.slice(0, 40)}"`);
        }
        return null;
      }
      break;
    }
  }
  return fail(
    `${content.constructor.name} is not allowed in ${parentKind.kind === 'element' ? parentKind.nodeName : parentKind.kind}${sub}`,
  );
}
