import type { Participant } from '../../../../shared/minutes/fields.ts';

/**
 * What a marker word after a participant's name says: a status ("afbud",
 * "ad hoc", "gæst") or a role ("mødeleder", "referent", "ref.",
 * "formand", "medformand", "næstformand", "sekretær").
 */
export type Marker =
  { status: Participant['status'] } | { role: string; chair?: boolean; minuteTaker?: boolean };

const MARKERS: Record<string, Marker> = {
  afbud: { status: 'absent' },
  'meldt afbud': { status: 'absent' },
  fraværende: { status: 'absent' },
  'ad hoc': { status: 'adhoc' },
  'ad-hoc': { status: 'adhoc' },
  gæst: { status: 'guest' },
  mødeleder: { role: 'mødeleder', chair: true },
  referent: { role: 'referent', minuteTaker: true },
  'ref.': { role: 'referent', minuteTaker: true },
  ref: { role: 'referent', minuteTaker: true },
  formand: { role: 'formand' },
  medformand: { role: 'medformand' },
  næstformand: { role: 'næstformand' },
  sekretær: { role: 'sekretær' },
};

/** A marker word (any case), or undefined. */
export function markerOf(word: string): Marker | undefined {
  return MARKERS[word.trim().toLowerCase()];
}

/** The longest marker word ("næstformand"): how far back a dash marker is looked for. */
const LONGEST = Math.max(...Object.keys(MARKERS).map((w) => w.length));
const SPACE = /\s/;

/** Where the run of whitespace that ends at `end` starts. */
function spaceStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && SPACE.test(text[i - 1])) i--;
  return i;
}

/**
 * " - afbud", " – ad hoc", " — referent" closing the text, read from the
 * end (never a pattern over the whole text): where the whitespace before
 * the dash starts, and the marker. Null when the text does not end so.
 */
export function dashMarker(text: string): { index: number; word: string; marker: Marker } | null {
  const end = spaceStart(text, text.length);
  // Room for the longest word and a spaced dash before it.
  const tail = text.slice(Math.max(0, end - LONGEST - 3), end);
  // The marker is the end of the tail after its last dash-and-space.
  const dash = Math.max(tail.lastIndexOf('- '), tail.lastIndexOf('– '), tail.lastIndexOf('— '));
  if (dash < 0) return null;
  const word = tail.slice(dash + 2).trim();
  const marker = markerOf(word);
  if (!marker) return null;
  const dashAt = end - tail.length + dash;
  const index = spaceStart(text, dashAt);
  // The dash stands between spaces: "Ditte-Marie" or "Ad-hoc" is no marker.
  return index === dashAt ? null : { index, word, marker };
}
