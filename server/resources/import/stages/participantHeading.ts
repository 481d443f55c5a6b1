import type { Participant } from '../../../../shared/minutes/fields.ts';

/** What a participant list's heading says about the people listed under it. */
export interface ParticipantHeading {
  status: Participant['status'];
  /** "Deltagere i Sundhedsudvalget:": the forum it names ('' when none). */
  forum: string;
}

/** The words that open a participant list, and the status of those under them. */
const HEADING_WORDS: Record<string, Participant['status']> = {
  deltagere: 'present',
  mødedeltagere: 'present',
  deltagerliste: 'present',
  'til stede': 'present',
  tilstede: 'present',
  fremmødte: 'present',
  afbud: 'absent',
  fraværende: 'absent',
  'meldt afbud': 'absent',
  gæster: 'guest',
  gæst: 'guest',
  'ad hoc': 'adhoc',
  'ad hoc-deltagere': 'adhoc',
  'ad-hoc': 'adhoc',
};
/** Only these name the forum after them ("Deltagere i Sundhedsudvalget"). */
const WITH_FORUM = new Set(['deltagere', 'mødedeltagere', 'deltagerliste', 'til stede']);

/** Longer than this is a sentence, not a heading. */
const MAX_HEADING = 80;

/**
 * A participant list's heading: "Mødedeltagere", "Deltagere:", "Deltagere
 * i Sundhedsudvalget:", "Til stede", "Afbud:", "Gæster", "Ad hoc" (any
 * case, with or without a colon). Null for anything else, e.g. a sentence
 * that starts with one of the words ("Afbud fra Region Midt.", "Deltagerne
 * drøftede …") or "Deltager: X" (an item's presenter).
 */
export function participantHeading(text: string): ParticipantHeading | null {
  const t = text.trim();
  if (t.length > MAX_HEADING) return null;
  const bare = t.endsWith(':') ? t.slice(0, -1).trimEnd() : t;
  const lower = bare.toLowerCase();
  const status = HEADING_WORDS[lower];
  if (status) return { status, forum: '' };
  // "Deltagere i <forum>" / "Deltagere fra <forum>": a short name, no sentence.
  const m = /^(\p{L}+(?: stede)?) (?:i|fra|ved) (\S.*)$/u.exec(bare);
  if (!m || !WITH_FORUM.has(m[1].toLowerCase())) return null;
  const forum = m[2].trim();
  if (/[.!?;]$/.test(forum) || forum.split(' ').length > 6) return null;
  return { status: HEADING_WORDS[m[1].toLowerCase()], forum };
}
