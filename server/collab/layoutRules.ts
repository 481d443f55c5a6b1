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
type Kind =
  | { kind: 'header' | 'participants' | 'itemOrder' | 'items' | 'participant' | 'item' | 'body' }
  | { kind: 'element'; nodeName: string }
  | { kind: 'text' }
  | { kind: 'forbidden' };

interface Place {
  kind: Kind;
  depth: number;
}

type Parent =
  | { at: 'root'; name: string }
  | { at: 'doc'; type: Y.AbstractType<unknown> }
  | { at: 'new'; item: Y.Item }
  | { at: 'gc' };

const ROOTS: Record<string, Kind['kind']> = {
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

/**
 * Finds where each new struct of an update will land (as Yjs will place it)
 * and checks it against the layout rules below; throws a Refusal.
 */
export class LayoutCheck {
  /** The update's structs per client, ascending clocks (as decodeUpdate gives them). */
  private readonly local = new Map<number, (Y.Item | Y.GC)[]>();
  private readonly parents = new Map<Y.Item, { parent: Parent; parentSub: string | null }>();
  private readonly places = new Map<Y.Item, Place>();
  private readonly docPlaces = new Map<Y.AbstractType<unknown>, Place>();

  constructor(
    private readonly doc: Y.Doc,
    structs: (Y.Item | Y.GC)[],
    private readonly maxDepth: number,
  ) {
    for (const item of structs) {
      const list = this.local.get(item.id.client);
      if (list) list.push(item);
      else this.local.set(item.id.client, [item]);
    }
  }

  run(fresh: Y.Item[]) {
    for (const item of fresh) this.check(item);
  }

  /** The struct holding `id`: in this update (preferred, it may be newer) or in the document. */
  private find(
    id: Y.ID,
  ): { where: 'new'; item: Y.Item } | { where: 'doc'; struct: unknown } | null {
    const list = this.local.get(id.client);
    if (list) {
      let lo = 0;
      let hi = list.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const s = list[mid];
        if (id.clock < s.id.clock) hi = mid - 1;
        else if (id.clock >= s.id.clock + s.length) lo = mid + 1;
        // A collected struct in the update counts like one collected in the document.
        else return s instanceof Y.Item ? { where: 'new', item: s } : { where: 'doc', struct: s };
      }
    }
    if (Y.getState(this.doc.store, id.client) > id.clock) {
      const structs = this.doc.store.clients.get(id.client)!;
      return { where: 'doc', struct: structs[Y.findIndexSS(structs, id.clock)] };
    }
    return null;
  }

  /**
   * Where Yjs will put `item`: its explicit parent, else the parent of its
   * left origin, else of its right origin; gc when an origin was collected.
   * Origin chains inside the update are followed iteratively.
   */
  private parentOf(start: Y.Item): { parent: Parent; parentSub: string | null } {
    const chain: Y.Item[] = [];
    let item: Y.Item = start;
    let found: { parent: Parent; parentSub: string | null } | null = null;
    while (!found) {
      const known = this.parents.get(item);
      if (known) {
        found = known;
        break;
      }
      chain.push(item);
      const explicit = item.parent as unknown;
      if (explicit !== null && item.origin === null && item.rightOrigin === null) {
        if (typeof explicit === 'string') {
          found = { parent: { at: 'root', name: explicit }, parentSub: item.parentSub };
          break;
        }
        const holder = this.find(explicit as Y.ID);
        if (!holder) throw new Refusal('unresolved', 'the parent of new content is unknown');
        if (holder.where === 'new') {
          found = { parent: { at: 'new', item: holder.item }, parentSub: item.parentSub };
        } else if (
          holder.struct instanceof Y.Item &&
          holder.struct.content instanceof Y.ContentType
        ) {
          found = {
            parent: { at: 'doc', type: holder.struct.content.type as Y.AbstractType<unknown> },
            parentSub: item.parentSub,
          };
        } else if (holder.struct instanceof Y.Item) {
          throw new Refusal('invalid', 'content placed inside something that is not a type');
        } else {
          found = { parent: { at: 'gc' }, parentSub: null };
        }
        break;
      }
      const left = item.origin ? this.find(item.origin) : null;
      const right = item.rightOrigin ? this.find(item.rightOrigin) : null;
      if ((item.origin && !left) || (item.rightOrigin && !right)) {
        throw new Refusal('unresolved', 'new content refers to content the server does not have');
      }
      const collected = (h: typeof left) => h?.where === 'doc' && !(h.struct instanceof Y.Item);
      if (collected(left) || collected(right)) {
        found = { parent: { at: 'gc' }, parentSub: null };
        break;
      }
      const neighbour = left ?? right;
      if (!neighbour) throw new Refusal('invalid', 'content without parent or origin');
      if (neighbour.where === 'new') {
        item = neighbour.item;
        continue;
      }
      const struct = neighbour.struct as Y.Item;
      const parent = struct.parent as unknown;
      found =
        parent instanceof Y.AbstractType
          ? { parent: { at: 'doc', type: parent }, parentSub: struct.parentSub }
          : { parent: { at: 'gc' }, parentSub: null };
    }
    for (const visited of chain) this.parents.set(visited, found);
    return found;
  }

  /**
   * Kind and depth of an existing type of the document. Walks up to the root
   * and back down without recursion: a document stored before these checks
   * existed may be nested arbitrarily deep.
   */
  private docPlace(type: Y.AbstractType<unknown>): Place {
    const cached = this.docPlaces.get(type);
    if (cached) return cached;
    const chain: Y.AbstractType<unknown>[] = [];
    let top: Y.AbstractType<unknown> | null = type;
    let above: Place | null = null;
    while (top) {
      const known = this.docPlaces.get(top);
      if (known) {
        above = known;
        break;
      }
      chain.push(top);
      top = (top._item?.parent as Y.AbstractType<unknown> | undefined) ?? null;
    }
    for (let i = chain.length - 1; i >= 0; i--) {
      const t = chain[i];
      let place: Place;
      if (!t._item) {
        const name = [...this.doc.share.entries()].find(([, root]) => root === t)?.[0] ?? '';
        place = {
          kind: ROOTS[name] ? ({ kind: ROOTS[name] } as Kind) : { kind: 'forbidden' },
          depth: 1,
        };
      } else {
        const parentKind: Kind['kind'] = above ? above.kind.kind : 'forbidden';
        place = { kind: kindOf(t, parentKind, t._item.parentSub), depth: (above?.depth ?? 0) + 1 };
      }
      this.docPlaces.set(t, place);
      above = place;
    }
    return above!;
  }

  /** Kind and depth of the parent that `item` lands in; bounded by maxDepth, so no deep recursion. */
  private parentPlace(parent: Parent, guard: number): Place | null {
    switch (parent.at) {
      case 'gc':
        return null;
      case 'root':
        if (!ROOTS[parent.name]) {
          throw new Refusal('invalid', `unknown root type "${parent.name.slice(0, 40)}"`);
        }
        return { kind: { kind: ROOTS[parent.name] } as Kind, depth: 1 };
      case 'doc':
        return this.docPlace(parent.type);
      case 'new': {
        if (!(parent.item.content instanceof Y.ContentType)) {
          throw new Refusal('invalid', 'content placed inside something that is not a type');
        }
        if (guard > this.maxDepth) {
          throw new Refusal('too-deep', `content nested deeper than ${this.maxDepth} levels`);
        }
        return this.check(parent.item, guard + 1);
      }
    }
  }

  /** Validates one new item; returns the place of the type it creates, if any. */
  private check(item: Y.Item, guard = 0): Place | null {
    const cached = this.places.get(item);
    if (cached) return cached;
    if (this.places.has(item)) return null;
    const { parent, parentSub } = this.parentOf(item);
    const where = this.parentPlace(parent, guard);
    let place: Place | null = null;
    if (where) place = checkContent(item.content, where, parentSub, this.maxDepth);
    if (place) this.places.set(item, place);
    return place;
  }
}

/** What kind a type is, given its parent's kind and the key it sits under. */
function kindOf(type: unknown, parentKind: Kind['kind'], parentSub: string | null): Kind {
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
function checkContent(
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
