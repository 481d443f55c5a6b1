import type { MeetingContent } from '../../../shared/minutes/content.ts';
import type { Participant } from '../../../shared/minutes/fields.ts';
import type { Line } from './normaliseLines.ts';
import { BULLET, ITEM, trailingParenthesis } from './patterns.ts';

/** A participant as read, with whether the entry named them mødeleder. */
export type ParsedParticipant = Participant & { chair: boolean };

export interface ParticipantsState {
  participants: Participant[];
  /** Inside a participant list: from its heading to the first line that is not part of it. */
  open: boolean;
  /** Under "Afbud:": everyone listed is absent. */
  absent: boolean;
  /** The organisation heading the entries stand under ('' before one). */
  organisation: string;
  /** The entry a wrapped line continues; null after an organisation heading. */
  last: ParsedParticipant | null;
  /** Lines joined onto `last` (each join parses the whole entry again). */
  wraps: number;
}

const PARTICIPANTS = /^(deltagere|deltagerliste|til stede)\b.*:?$/i;
const ABSENT_BLOCK = /^afbud\s*:?$/i;
/** How many lines one participant entry may wrap onto. */
const MAX_PARTICIPANT_WRAPS = 4;

export function newParticipantsState(): ParticipantsState {
  return { participants: [], open: false, absent: false, organisation: '', last: null, wraps: 0 };
}

/** "Deltagere:", "Deltagerliste", "Til stede:" as a line or a heading. */
export function isParticipantsHeading(line: Line): boolean {
  return (
    PARTICIPANTS.test(line.text) &&
    line.text.length < 60 &&
    (line.kind === undefined || line.kind.startsWith('heading'))
  );
}

/** Starts a participant list (after its heading). The last entry stays open for wrapped lines. */
export function openParticipants(state: ParticipantsState) {
  state.open = true;
  state.absent = false;
  state.organisation = '';
}

/**
 * A line of an open participant list: "Afbud:", an entry ("- Name – Title
 * (Role) - afbud"), an organisation heading ("Aalborg Kommune:") or the
 * wrapped rest of the last entry. A Word heading other than "Afbud", the
 * heading of item `nextItem` or any other line closes the list: false, and
 * the line is for the next stages. An entry naming the mødeleder sets
 * `header.chair` unless the header named one.
 */
export function readParticipantLine(
  state: ParticipantsState,
  line: Line,
  nextItem: number,
  header: MeetingContent['header'],
): boolean {
  const text = line.text;
  if (!state.open) return false;
  if (line.kind === 'heading1' || line.kind === 'title') state.open = ABSENT_BLOCK.test(text);
  if (state.open && ITEM.exec(text) && Number(ITEM.exec(text)![1]) === nextItem) {
    state.open = false;
  }
  if (!state.open) return false;
  if (ABSENT_BLOCK.test(text)) {
    state.absent = true;
    state.organisation = '';
    return true;
  }
  const bullet = BULLET.exec(text);
  if (bullet || line.kind === 'bullet') {
    const p = parseParticipant(bullet ? bullet[1] : text, state.organisation);
    if (state.absent) p.status = 'absent';
    if (p.chair) header.chair ||= p.name;
    add(state, p);
    state.wraps = 0;
    return true;
  }
  // Our own DOCX export puts organisations at Heading 2 under "Deltagere", older ones at Heading 3.
  if (/:$/.test(text) || line.kind === 'heading2' || line.kind === 'heading3') {
    state.organisation = text.replace(/:$/, '').trim();
    state.last = null;
    return true;
  }
  // Real entries wrap once or twice; a bound keeps the re-parsing linear.
  if (state.last && state.wraps < MAX_PARTICIPANT_WRAPS && /^\p{Ll}|^\S+\)/u.test(text)) {
    state.wraps++;
    rewrap(state, state.last, text);
    return true;
  }
  state.open = false;
  return false;
}

function add(state: ParticipantsState, p: ParsedParticipant) {
  const { chair: _chair, ...participant } = p;
  state.participants.push(participant);
  state.last = p;
}

/** A wrapped participant line: the entry written out again with the line joined on, parsed again. */
function rewrap(state: ParticipantsState, last: ParsedParticipant, text: string) {
  state.participants.pop();
  const entry =
    [last.name, last.title].filter(Boolean).join(' – ') + (last.role ? ` (${last.role}` : '');
  add(state, parseParticipant(join(entry, text), last.organisation));
}

/**
 * Joins a line broken in a PDF: "beskæftigelses-" + "området" becomes
 * "beskæftigelsesområdet"; "Sundheds- " + "og" keeps its hyphen. (A text
 * growing by many lines uses WrappedText, which joins the same way.)
 */
export function join(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trim();
  if (!left) return right;
  if (/\p{L}-$/u.test(left) && /^\p{Ll}/u.test(right) && !/^(og|eller|samt|til)\b/.test(right)) {
    return left.slice(0, -1) + right;
  }
  return `${left} ${right}`;
}

/** "- Name – Title (Role) - afbud" under an organisation (without the bullet). */
export function parseParticipant(text: string, organisation: string): ParsedParticipant {
  let rest = text.trim();
  let status: Participant['status'] = 'present';
  const roles: string[] = [];
  let chair = false;
  for (;;) {
    const suffix = statusSuffix(rest);
    if (!suffix) break;
    const word = suffix.word.toLowerCase();
    if (word === 'afbud') status = 'absent';
    else if (word === 'gæst') status = 'guest';
    else if (word === 'ad hoc') status = 'adhoc';
    else {
      chair = true;
      roles.unshift('mødeleder');
    }
    rest = rest.slice(0, suffix.index);
  }
  const paren = trailingParenthesis(rest, 1, Infinity);
  if (paren) {
    roles.unshift(paren.inner.trim());
    rest = rest.slice(0, paren.index);
  }
  const split = DASH_BETWEEN_SPACES.exec(rest);
  const name = split ? rest.slice(0, split.index) : rest;
  const title = split ? rest.slice(split.index + split[0].length) : '';
  return {
    id: '',
    name: name.trim(),
    title: title.trim(),
    role: roles.join(', '),
    organisation,
    status,
    chair,
  };
}

/** " - " between name and title; the lookbehind tries each whitespace run once. */
const DASH_BETWEEN_SPACES = /(?<!\s)\s+[-–]\s+/;
const STATUS_WORD = /(?:afbud|mødeleder|gæst|ad hoc)$/i;
const SPACE = /\s/;

/** Where the run of whitespace that ends at `end` starts. */
function spaceStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && SPACE.test(text[i - 1])) i--;
  return i;
}

/** `/\s+[-–]\s+(afbud|mødeleder|gæst|ad hoc)\s*$/i.exec(text)`, read from the end. */
function statusSuffix(text: string): { index: number; word: string } | null {
  const end = spaceStart(text, text.length);
  // "mødeleder", the longest word, has 9 characters.
  const word = STATUS_WORD.exec(text.slice(Math.max(0, end - 9), end))?.[0];
  if (!word) return null;
  const dashEnd = spaceStart(text, end - word.length);
  if (dashEnd === end - word.length || !/^[-–]$/.test(text[dashEnd - 1] ?? '')) return null;
  const index = spaceStart(text, dashEnd - 1);
  return index === dashEnd - 1 ? null : { index, word };
}
