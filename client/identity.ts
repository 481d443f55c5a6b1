import type { Claims } from './auth.ts';

/** Who this browser is in the document: name from the access token, a colour of its own. */
export interface Identity {
  name: string;
  color: string;
}

/** Colours that stay readable as caret labels with white text. */
export const COLOURS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#c2410c',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
];

/** The same person gets the same colour on every device. */
export function identityFor(claims: Claims): Identity {
  let h = 0;
  for (const c of claims.sub) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return { name: claims.name.slice(0, 60), color: COLOURS[h % COLOURS.length] };
}

/** Someone with the meeting open, as their presence (awareness) state shows them. */
export interface PresentPerson {
  /** Awareness client id: one per open tab. */
  clientId: number;
  name: string;
  /** The colour they show now. */
  color: string;
  /** When they opened the meeting (ms); an earlier arrival keeps its colour. */
  since: number;
}

/**
 * Colours for everyone present, by awareness client id, computed alike by
 * every client: in order of arrival, each keeps the colour they show unless
 * someone earlier has it, then takes the first free one; when every colour
 * is taken, colours repeat. One person in several tabs keeps one colour.
 * Since everyone's own colour is what they show, a colour never changes
 * while its holder stays (a newcomer adjusts, nobody else).
 */
export function distinctColours(people: PresentPerson[]): Map<number, string> {
  const ordered = [...people].sort((a, b) => a.since - b.since || a.clientId - b.clientId);
  const byName = new Map<string, string>();
  const used = new Set<string>();
  const out = new Map<number, string>();
  for (const p of ordered) {
    let colour = byName.get(p.name);
    if (!colour) {
      const own = p.color.toLowerCase();
      colour = !used.has(own) ? own : (COLOURS.find((c) => !used.has(c)) ?? own);
      byName.set(p.name, colour);
      used.add(colour);
    }
    out.set(p.clientId, colour);
  }
  return out;
}

/** Everyone in awareness `states` who shows a name (as CollaborationCaret publishes it). */
export function presentPeople(states: Map<number, Record<string, unknown>>): PresentPerson[] {
  const list: PresentPerson[] = [];
  states.forEach((state, clientId) => {
    const user = state.user as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.name !== 'string') return;
    list.push({
      clientId,
      name: user.name.slice(0, 60),
      color: typeof user.color === 'string' ? user.color : '#666666',
      // A client that does not say when it came (a stock provider) counts as the latest.
      since: typeof state.since === 'number' ? state.since : Number.MAX_SAFE_INTEGER,
    });
  });
  return list;
}
