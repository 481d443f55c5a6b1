/**
 * Where each struct of an update will land, found as Yjs will place it
 * (explicit parent, else the parent of an origin), without applying the
 * update; each landing place is then checked by the layout rules.
 */
import * as Y from 'yjs';
import { ROOTS, Refusal, checkContent, kindOf, type Kind, type Place } from './layoutRules.ts';

type Parent =
  | { at: 'root'; name: string }
  | { at: 'doc'; type: Y.AbstractType<unknown> }
  | { at: 'new'; item: Y.Item }
  | { at: 'gc' };

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
