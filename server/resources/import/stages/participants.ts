import type { MeetingContent } from '../../../../shared/minutes/content.ts';
import type { Participant } from '../../../../shared/minutes/fields.ts';
import type { ImportCheck } from '../../../../shared/api/importChecks.ts';
import { check, GUESS, LIKELY, SURE, UNSURE } from './checks.ts';
import type { Line } from './normaliseLines.ts';
import { participantHeading, type ParticipantHeading } from './participantHeading.ts';
import { nameShape } from './personName.ts';
import { organisationHeading } from './organisation.ts';
import { dashMarker, markerOf, type Marker } from './participantMarkers.ts';
import { BULLET, ITEM, trailingParenthesis } from './patterns.ts';

/** A participant as read, with whether the entry named them mødeleder. */
export type ParsedParticipant = Participant & { chair: boolean; minuteTaker: boolean };

export interface ParticipantsState {
  participants: Participant[];
  /** How sure each entry of `participants` is, and the line it was read from. */
  notes: { confidence: number; line: string }[];
  /** Inside a participant list: from its heading to the first line that is not part of it. */
  open: boolean;
  /** The status of those listed under the current heading ("Afbud:": absent). */
  status: Participant['status'];
  /** The organisation heading the entries stand under ('' before one). */
  organisation: string;
  /** An organisation heading without a colon that no entry has followed yet (its line). */
  bareOrganisation: string | null;
  /** The entry a wrapped line continues; null after an organisation heading. */
  last: ParsedParticipant | null;
  /** Lines joined onto `last` (each join parses the whole entry again). */
  wraps: number;
  /** How each block was read (shared with the other stages). */
  checks: ImportCheck[];
}

/** How many lines one participant entry may wrap onto. */
const MAX_PARTICIPANT_WRAPS = 4;
/** An entry without a bullet longer than this is a sentence, not a person. */
const MAX_BARE_ENTRY = 150;

export function newParticipantsState(checks: ImportCheck[] = []): ParticipantsState {
  return {
    participants: [],
    notes: [],
    open: false,
    status: 'present',
    organisation: '',
    bareOrganisation: null,
    last: null,
    wraps: 0,
    checks,
  };
}

/**
 * A participant list's heading ("Deltagere:", "Mødedeltagere", "Til stede",
 * "Afbud", "Gæster", "Ad hoc", "Deltagere i Sundhedsudvalget:") as a line
 * or a Word heading; null for anything else.
 */
export function listHeading(line: Line): ParticipantHeading | null {
  if (line.kind !== undefined && !line.kind.startsWith('heading')) return null;
  return participantHeading(line.text);
}

/** Longer than this, a line is prose, not a list of names after a heading. */
const MAX_INLINE_LIST = 600;
/** More names than this on one line: not a list someone typed. */
const MAX_INLINE_NAMES = 40;

/**
 * A heading with its people on the same line: "Afbud: Jens Hansen, Pia
 * Olsen og Łukasz Żółć", "Til stede: …", "Gæster: …". Every part must read
 * as a name (a part like "konsulent" or "Region Midt." means it is one
 * "Name, title, unit" entry or prose, and the line is left to the other
 * readers). Adds them with the heading's status; true when it did.
 */
export function readInlineParticipants(
  state: ParticipantsState,
  line: Line,
  header: MeetingContent['header'],
): boolean {
  if (line.kind !== undefined && line.kind !== 'bullet') return false;
  const text = line.text.trim();
  const colon = text.indexOf(':');
  if (colon < 0 || text.length > MAX_INLINE_LIST) return false;
  const heading = participantHeading(text.slice(0, colon + 1));
  if (!heading || heading.forum) return false;
  const rest = text.slice(colon + 1).trim();
  if (!rest || /[.!?]$/.test(rest)) return false;
  const parts = rest
    .split(/\s*[,;]\s*|\s+og\s+/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_INLINE_NAMES) return false;
  // "Name (marker)" keeps its marker: parseParticipant reads it.
  const bare = (part: string) => part.replace(/\s*\([^)]*\)\s*$/, '');
  if (!parts.every((part) => nameShape(bare(part)) === 'name')) return false;
  const open = state.open;
  const { status, organisation } = state;
  state.status = heading.status;
  for (const part of parts) {
    addEntry(state, parseParticipant(part, open ? organisation : ''), header, LIKELY, text);
  }
  check(state.checks, { as: 'participantHeading' }, SURE, text);
  state.status = status;
  state.last = null;
  return true;
}

export function isParticipantsHeading(line: Line): boolean {
  return listHeading(line) !== null;
}

/**
 * Starts a participant list (after its heading, whose status those listed
 * get). The last entry stays open for wrapped lines.
 */
export function openParticipants(
  state: ParticipantsState,
  heading: ParticipantHeading = { status: 'present', forum: '' },
  line = '',
) {
  closeList(state);
  state.open = true;
  state.status = heading.status;
  state.organisation = '';
  if (line) check(state.checks, { as: 'participantHeading' }, SURE, line);
}

/**
 * A line of an open participant list: an entry ("- Name – Title (Role) -
 * afbud", "Name, title, unit", a bare name), an organisation heading
 * ("Aalborg Kommune:", "Region Hovedstaden") or the wrapped rest of the
 * last entry. A Word heading other than "Afbud", the heading of item
 * `nextItem` or any other line closes the list: false, and the line is for
 * the next stages. An entry naming the mødeleder (referent) sets
 * `header.chair` (`minuteTaker`) unless the header named one.
 */
export function readParticipantLine(
  state: ParticipantsState,
  line: Line,
  nextItem: number,
  header: MeetingContent['header'],
): boolean {
  const text = line.text;
  if (!state.open) return false;
  if (line.kind === 'heading1' || line.kind === 'title') {
    const heading = participantHeading(text);
    state.open = heading?.status === 'absent';
  }
  if (state.open && ITEM.exec(text) && Number(ITEM.exec(text)![1]) === nextItem) {
    state.open = false;
  }
  if (!state.open) {
    closeList(state);
    return false;
  }
  // "Afbud:" (or "Gæster", "Ad hoc") inside a list: those under it have that status.
  const heading = participantHeading(text);
  if (heading) {
    openParticipants(state, heading, text);
    return true;
  }
  const bullet = BULLET.exec(text);
  if (bullet || line.kind === 'bullet') {
    const entry = bullet ? bullet[1] : text;
    const p = parseParticipant(entry, state.organisation);
    addEntry(state, p, header, nameShape(p.name) === 'name' ? SURE : GUESS, text);
    return true;
  }
  // Our own DOCX export puts organisations at Heading 2 under "Deltagere", older ones at Heading 3.
  if (/:$/.test(text) || line.kind === 'heading2' || line.kind === 'heading3') {
    setOrganisation(state, text.replace(/:$/, '').trim(), null);
    return true;
  }
  // Real entries wrap once or twice; a bound keeps the re-parsing linear.
  if (state.last && state.wraps < MAX_PARTICIPANT_WRAPS && /^\p{Ll}|^\S+\)/u.test(text)) {
    state.wraps++;
    rewrap(state, state.last, text);
    return true;
  }
  if (line.kind === undefined && readBareLine(state, text, header)) return true;
  state.open = false;
  closeList(state);
  return false;
}

/** "Formand: Karen Holm", "Næstformand: …": a role before the name. */
const ROLE_PREFIX = /^(formand|næstformand|medformand|sekretær)\s*:\s*(\S.*)$/i;

/**
 * A line without a bullet: "Formand: Name", an organisation heading
 * without a colon ("Region Hovedstaden"), or an entry whose name reads as
 * a name ("Aviaja Kristiansen", "Đurđa Šimić, overlæge, Region Syd",
 * "Łukasz Żółć – Konsulent (gæst)"). False for a sentence or a title.
 */
function readBareLine(
  state: ParticipantsState,
  text: string,
  header: MeetingContent['header'],
): boolean {
  // A sentence ends with a full stop; "(ref.)" does not make one.
  if (text.length > MAX_BARE_ENTRY || (/[.!?]$/.test(text) && !/\(ref\.\)$/i.test(text))) {
    return false;
  }
  const prefixed = ROLE_PREFIX.exec(text);
  if (prefixed && nameShape(prefixed[2]) === 'name') {
    const role = prefixed[1].toLowerCase();
    const p = parseParticipant(`${prefixed[2]} (${role})`, state.organisation);
    addEntry(state, p, header, LIKELY, text);
    return true;
  }
  const organisation = organisationHeading(text);
  if (organisation) {
    setOrganisation(state, organisation, text);
    return true;
  }
  const p = parseParticipant(text, state.organisation);
  if (nameShape(p.name) !== 'name') return false;
  // A bare name is likely a person; with a title, role or status more so.
  const described = p.title || p.role || p.status !== state.status;
  addEntry(state, p, header, described ? LIKELY : BARE_NAME, text);
  return true;
}

/** A bare "First Last" line in a list: most likely a person, still worth a look. */
const BARE_NAME = (UNSURE + LIKELY) / 2;

function setOrganisation(state: ParticipantsState, name: string, bareLine: string | null) {
  reportBareOrganisation(state);
  state.organisation = name;
  state.bareOrganisation = bareLine;
  state.last = null;
}

/**
 * An organisation heading without a colon is reported once entries follow
 * it (likely), or, when none did, as a guess: it may have been a line of
 * text.
 */
function reportBareOrganisation(state: ParticipantsState) {
  const line = state.bareOrganisation;
  if (line === null) return;
  state.bareOrganisation = null;
  check(
    state.checks,
    { as: 'participantHeading', organisation: state.organisation },
    state.last === null ? GUESS : LIKELY,
    line,
  );
}

/** The list ended (or the text did): an organisation heading still open is reported. */
export function closeList(state: ParticipantsState) {
  reportBareOrganisation(state);
}

/** The checks of the participants, once the text has ended (wrapped entries are complete). */
export function finishParticipants(state: ParticipantsState) {
  closeList(state);
  state.participants.forEach((p, i) =>
    check(
      state.checks,
      { as: 'participant', organisation: p.organisation, status: p.status },
      state.notes[i].confidence,
      state.notes[i].line,
    ),
  );
}

function addEntry(
  state: ParticipantsState,
  p: ParsedParticipant,
  header: MeetingContent['header'],
  confidence: number,
  line: string,
) {
  if (state.status !== 'present') p.status = state.status;
  if (p.chair) header.chair ||= p.name;
  if (p.minuteTaker) header.minuteTaker ||= p.name;
  add(state, p);
  state.notes.push({ confidence, line });
  reportBareOrganisation(state);
  state.wraps = 0;
}

function add(state: ParticipantsState, p: ParsedParticipant) {
  const { chair: _chair, minuteTaker: _minuteTaker, ...participant } = p;
  state.participants.push(participant);
  state.last = p;
}

/** A wrapped participant line: the entry written out again with the line joined on, parsed again. */
function rewrap(state: ParticipantsState, last: ParsedParticipant, text: string) {
  state.participants.pop();
  const entry =
    [last.name, last.title].filter(Boolean).join(' – ') + (last.role ? ` (${last.role}` : '');
  const p = parseParticipant(join(entry, text), last.organisation);
  // The status came from a marker or the list's heading, which the entry as written again lacks.
  if (p.status === 'present') p.status = last.status;
  add(state, p);
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

/**
 * One participant entry (without its bullet) under an organisation:
 * "Name – Title (Role) - afbud", "Name, title, unit", "Name (ref.)", a bare
 * name. Markers at the end (" - afbud", "(gæst)", " – referent", "(ref.)")
 * set the status or add a role; then one other parenthesis is the role
 * (as written); then a spaced dash splits name and title, else commas split
 * name, title and (without an organisation heading) the unit.
 */
export function parseParticipant(text: string, organisation: string): ParsedParticipant {
  let rest = text.trim();
  let status: Participant['status'] = 'present';
  const roles: string[] = [];
  let chair = false;
  let minuteTaker = false;
  const apply = (marker: Marker, written: string) => {
    if ('status' in marker) {
      status = marker.status;
      return;
    }
    // A role keeps the spelling of a parenthesis ("(Medformand)"), but "ref." is spelt out.
    roles.unshift(marker.minuteTaker ? 'referent' : written);
    chair ||= marker.chair === true;
    minuteTaker ||= marker.minuteTaker === true;
  };
  for (;;) {
    const dash = dashMarker(rest);
    if (dash) {
      apply(dash.marker, dash.word.toLowerCase());
      rest = rest.slice(0, dash.index);
      continue;
    }
    const paren = trailingParenthesis(rest, 1, 20);
    const marker = paren && markerOf(paren.inner);
    if (!paren || !marker) break;
    apply(marker, paren.inner.trim());
    rest = rest.slice(0, paren.index);
  }
  const paren = trailingParenthesis(rest, 1, Infinity);
  if (paren) {
    roles.unshift(paren.inner.trim());
    rest = rest.slice(0, paren.index);
  }
  const split = DASH_BETWEEN_SPACES.exec(rest);
  let name = split ? rest.slice(0, split.index) : rest;
  let title = split ? rest.slice(split.index + split[0].length) : '';
  if (!split && rest.includes(',')) {
    // "Name, title, unit": marker words among the parts set status and role.
    const [first, ...parts] = rest.split(',').map((part) => part.trim());
    const info: string[] = [];
    for (const part of parts) {
      const marker = markerOf(part);
      if (!marker) info.push(part);
      else if ('status' in marker) status = marker.status;
      else {
        roles.push(marker.minuteTaker ? 'referent' : part);
        chair ||= marker.chair === true;
        minuteTaker ||= marker.minuteTaker === true;
      }
    }
    name = first;
    if (
      !organisation &&
      info.length &&
      (info.length > 1 || organisationHeading(info[info.length - 1]))
    ) {
      organisation = info.pop()!;
    }
    title = info.filter(Boolean).join(', ');
  }
  return {
    id: '',
    name: name.trim(),
    title: title.trim(),
    role: roles.join(', '),
    organisation,
    status,
    chair,
    minuteTaker,
  };
}

/** " - " between name and title; the lookbehind tries each whitespace run once. */
const DASH_BETWEEN_SPACES = /(?<!\s)\s+[-–—]\s+/;
