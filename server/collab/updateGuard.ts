import * as Y from 'yjs';
import { LayoutCheck } from './layoutPlacement.ts';
import { Refusal } from './layoutRules.ts';

/** The limits every incoming document update is checked against. */
export interface UpdateLimits {
  /**
   * Deepest nesting of shared types, counted from the root maps (an item's
   * body is at depth 3, a paragraph in a bullet in a section at about 7).
   * Real minutes need fewer than 15; the recursive readers (y-tiptap's
   * serializer, ProseMirror, the exports) are safe far beyond the limit.
   */
  maxDepth: number;
  /** Largest single update. */
  maxUpdateBytes: number;
  /** Largest document a meeting may grow to (its Yjs state, history included). */
  maxDocumentBytes: number;
}

export type Verdict =
  | {
      ok: true;
      addedBytes: number;
      /**
       * What to apply: the update itself, or, when it repeats part of a
       * struct the server has, only its new part as Yjs will integrate and
       * relay it (so the server never places content where others will not).
       */
      update: Uint8Array;
    }
  | {
      ok: false;
      /**
       * `malformed`: not a Yjs update at all (a protocol error: the
       * connection is closed); `invalid` and `too-deep`: content outside the
       * layout; `too-large`: a
       * size limit; `unresolved`: the update refers to content this server
       * does not have (answered with a resync, not counted as an attack).
       */
      kind: 'malformed' | 'invalid' | 'too-deep' | 'too-large' | 'unresolved';
      reason: string;
    };

/**
 * Checks one incoming Yjs update against the meeting layout BEFORE it is
 * applied (docs/design.md, invariant 2): every new piece of content must land in a
 * known root type, a known item or participant field, be a node or mark of
 * the shared schema with its own attributes, stay within the depth limit,
 * and the update and the resulting document within their sizes. Deleting
 * existing content is always allowed (the role check decides whether one
 * may edit at all).
 *
 * The update is decoded, not applied: each new struct's parent is found the
 * way Yjs will find it on integration (explicit parent, or the parent of its
 * left or right origin, in this update or in the document), without
 * recursion, so a 10,000-deep update costs no more stack than a flat one.
 */
export function checkUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  limits: UpdateLimits,
  documentBytes: number,
): Verdict {
  if (update.byteLength > limits.maxUpdateBytes) {
    return {
      ok: false,
      kind: 'too-large',
      reason: `update of ${update.byteLength} bytes is over the limit of ${limits.maxUpdateBytes}`,
    };
  }
  try {
    let decoded = Y.decodeUpdate(update);
    if (overlapsKnown(doc, decoded.structs)) {
      // A struct the server already has part of: Yjs integrates only its new
      // tail, next to the part it has, whatever parent the struct declares.
      // Check and apply exactly that tail (diffUpdate cuts it the same way).
      update = Y.diffUpdate(update, Y.encodeStateVector(doc));
      decoded = Y.decodeUpdate(update);
    }
    checkClocks(doc, decoded.structs);
    const items = decoded.structs.filter((s): s is Y.Item => s instanceof Y.Item);
    const structs = decoded.structs.filter((s) => !(s instanceof Y.Skip)) as (Y.Item | Y.GC)[];
    checkDeletes(doc, decoded.ds, structs);
    const fresh = items.filter((item) => !isKnown(doc, item));
    if (fresh.length === 0) return { ok: true, addedBytes: 0, update };
    new LayoutCheck(doc, structs, limits.maxDepth).run(fresh);
    // Size: what the document would grow by. The update's own size is an
    // upper bound and free; only near the limit (a reconnecting client's sync
    // step 2 repeats much of what we have) is what is new measured exactly.
    const addedBytes =
      documentBytes + update.byteLength <= limits.maxDocumentBytes
        ? update.byteLength
        : Y.diffUpdate(update, Y.encodeStateVector(doc)).byteLength;
    if (documentBytes + addedBytes > limits.maxDocumentBytes) {
      throw new Refusal(
        'too-large',
        `the meeting would grow past its limit of ${limits.maxDocumentBytes} bytes`,
      );
    }
    return { ok: true, addedBytes, update };
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, kind: err.kind, reason: err.message };
    return {
      ok: false,
      kind: 'malformed',
      reason: `undecodable update: ${(err as Error).message}`,
    };
  }
}

/** Whether a struct starts before what the document has of its client but reaches past it. */
function overlapsKnown(doc: Y.Doc, structs: ReturnType<typeof Y.decodeUpdate>['structs']): boolean {
  return structs.some((s) => {
    const known = Y.getState(doc.store, s.id.client);
    return s.id.clock < known && s.id.clock + s.length > known;
  });
}

/**
 * Each client's new structs must continue exactly where the document's
 * stop, without gaps: Yjs would keep anything after a gap as pending
 * structs, unchecked, unstored and growing with every message. An honest
 * client only leaves a gap when the server lost something it had relayed
 * (a crash before writing), so this is answered with a resync.
 */
function checkClocks(doc: Y.Doc, structs: ReturnType<typeof Y.decodeUpdate>['structs']) {
  const next = new Map<number, number>();
  for (const s of structs) {
    const client = s.id.client;
    const expected = next.get(client) ?? Y.getState(doc.store, client);
    if (s instanceof Y.Skip || s.id.clock > expected) {
      throw new Refusal('unresolved', 'the update leaves a gap in its client’s history');
    }
    next.set(client, Math.max(expected, s.id.clock + s.length));
  }
}

/**
 * Deletions may only name content that exists (in the document or in this
 * update); Yjs would otherwise keep them pending, unbounded.
 */
function checkDeletes(
  doc: Y.Doc,
  ds: ReturnType<typeof Y.decodeUpdate>['ds'],
  items: { id: Y.ID; length: number }[],
) {
  const newest = new Map<number, number>();
  for (const item of items) {
    const end = item.id.clock + item.length;
    if ((newest.get(item.id.client) ?? 0) < end) newest.set(item.id.client, end);
  }
  for (const [client, ranges] of ds.clients) {
    const known = Math.max(Y.getState(doc.store, client), newest.get(client) ?? 0);
    for (const { clock, len } of ranges) {
      if (clock + len > known) {
        throw new Refusal('unresolved', 'a deletion refers to content the server does not have');
      }
    }
  }
}

/** True when the document already has every clock of this struct. */
function isKnown(doc: Y.Doc, item: Y.Item): boolean {
  return Y.getState(doc.store, item.id.client) >= item.id.clock + item.length;
}

/**
 * Whether applying `update` would change `doc`. A client that may not edit
 * still sends its whole state in sync step 2 (all known structs and the
 * complete delete set); that is harmless when the server has it all already.
 * Anything new (a struct the server lacks, a deletion of something not yet
 * deleted) is a change.
 */
export function wouldChange(doc: Y.Doc, update: Uint8Array): boolean {
  const missing = Y.decodeUpdate(Y.diffUpdate(update, Y.encodeStateVector(doc)));
  if (missing.structs.some((s) => !(s instanceof Y.Skip))) return true;
  const deleted = Y.createDeleteSetFromStructStore(doc.store);
  for (const [client, ranges] of missing.ds.clients) {
    for (const { clock, len } of ranges) {
      if (!covered(deleted.clients.get(client) ?? [], clock, len)) return true;
    }
  }
  return false;
}

/** Whether sorted, merged ranges cover [clock, clock + len). */
function covered(ranges: { clock: number; len: number }[], clock: number, len: number): boolean {
  let from = clock;
  const to = clock + len;
  for (const r of ranges) {
    if (r.clock > from) return false;
    if (r.clock + r.len > from) from = r.clock + r.len;
    if (from >= to) return true;
  }
  return from >= to;
}
