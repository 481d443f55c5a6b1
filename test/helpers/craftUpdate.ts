import * as encoding from 'lib0/encoding';

/** One struct of a hand-made Yjs update (v1 encoding), for attacks no Y.Doc would produce. */
export interface CraftedItem {
  client: number;
  clock: number;
  /** A root type's name, or [client, clock] of a parent item; used when there is no origin. */
  parent?: string | [number, number];
  parentSub?: string;
  origin?: [number, number];
  /** ContentAny values (ContentRef 8) or a string (ContentString, ref 4). */
  content: { any: unknown[] } | { string: string };
}

/**
 * Encodes structs as Yjs's update format v1 does (y-protocols would send
 * it in a sync message): clients with their structs in clock order, then an
 * empty delete set. Lets a test declare what Yjs itself never writes: a
 * struct overlapping what the server has with another parent, or one after
 * a gap in its client's clock.
 */
export function craftUpdate(items: CraftedItem[]): Uint8Array {
  const e = encoding.createEncoder();
  const byClient = new Map<number, CraftedItem[]>();
  for (const item of items) byClient.set(item.client, [...(byClient.get(item.client) ?? []), item]);
  encoding.writeVarUint(e, byClient.size);
  for (const [client, list] of byClient) {
    encoding.writeVarUint(e, list.length);
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, list[0].clock);
    for (const s of list) {
      const ref = 'any' in s.content ? 8 : 4;
      encoding.writeUint8(e, ref | (s.origin ? 0x80 : 0) | (s.parentSub ? 0x20 : 0));
      if (s.origin) {
        encoding.writeVarUint(e, s.origin[0]);
        encoding.writeVarUint(e, s.origin[1]);
      } else if (typeof s.parent === 'string') {
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, s.parent);
      } else {
        encoding.writeVarUint(e, 0);
        encoding.writeVarUint(e, s.parent![0]);
        encoding.writeVarUint(e, s.parent![1]);
      }
      if (!s.origin && s.parentSub) encoding.writeVarString(e, s.parentSub);
      if ('any' in s.content) {
        encoding.writeVarUint(e, s.content.any.length);
        for (const v of s.content.any) encoding.writeAny(e, v as never);
      } else {
        encoding.writeVarString(e, s.content.string);
      }
    }
  }
  encoding.writeVarUint(e, 0); // delete set: no clients
  return encoding.toUint8Array(e);
}
