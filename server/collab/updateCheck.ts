import * as Y from 'yjs';

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
