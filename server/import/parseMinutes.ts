import type {
  Block,
  ItemContent,
  MeetingContent,
  Point,
  SectionContent,
} from '../../shared/minutes/content.ts';
import type { Participant } from '../../shared/minutes/fields.ts';
import type { SectionType } from '../../shared/schema/Section.ts';
import { WrappedText } from './WrappedText.ts';

/**
 * One line of an existing agenda or minutes. Plain text (as extracted from a
 * PDF) gives only `text`; a DOCX also says what the line is.
 */
export interface SourceLine {
  text: string;
  kind?: 'title' | 'heading1' | 'heading2' | 'heading3' | 'bullet' | 'number' | 'letter';
  /** For `number`/`letter` lines from a DOCX: the list restarts when this changes. */
  list?: string;
  /** For `number` lines: the list's first number (a beslutning answering from point 2). */
  start?: number;
  /** A whole paragraph (DOCX): never joined with its neighbours as a wrapped line. */
  whole?: boolean;
}

export interface ImportResult {
  content: MeetingContent;
  /** What the source called itself: minutes ("Referat") or an agenda ("Dagsorden"). */
  kind: 'referat' | 'dagsorden' | null;
  /**
   * Lines that were not recognised as structure. They are kept as text
   * (in the item they stood in, or in the first item when they came before
   * any), and listed here for the user to check.
   */
  unrecognised: string[];
}

/** Danish month names, January first (dates in the minutes' headers). */
export const DANISH_MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
];

const SECTION_PATTERNS: [RegExp, SectionType][] = [
  [/^sagsfremstilling\b/i, 'sagsfremstilling'],
  [/^indstilling\b/i, 'indstilling'],
  [/^bilag\b/i, 'bilag'],
  [/^referat\b/i, 'referat'],
  [/^beslutning\b/i, 'beslutning'],
  [/^uddybning\b/i, 'uddybning'],
];

/** A line that names a section: "Indstilling:", "Bilag vedlagt:", "Referat – punkt 3:". */
function sectionOf(text: string): SectionType | null {
  const t = text.trim();
  if (t.length > 40) return null;
  if (
    !/^(sagsfremstilling|indstilling|bilag( vedlagt)?|referat( [-–] punkt \d+)?|beslutning|uddybning)\s*:?$/i.test(
      t,
    )
  ) {
    return null;
  }
  return SECTION_PATTERNS.find(([re]) => re.test(t))![1];
}

const PAGE_MARK = /^side \d+ af \d+$/i;
const ITEM = /^(\d{1,2})\.\s+(\S.*)$/;
const POINT = /^(\d{1,2})[.)]\s+(\S.*)$/;
const LETTER = /^([a-h])[.)]\s+(\S.*)$/;
const BULLET = /^[-•▪●–]\s+(\S.*)$/;
const PARTICIPANTS = /^(deltagere|deltagerliste|til stede)\b.*:?$/i;
const ABSENT_BLOCK = /^afbud\s*:?$/i;
/** How many lines one participant entry may wrap onto. */
const MAX_PARTICIPANT_WRAPS = 4;

/*
 * Every pattern below runs on text of any length (one line of an upload can
 * be a megabyte), so none may backtrack over it from every start position:
 * a leading `\s*`/`\s+` is preceded by `(?<!\s)` (only the start of a
 * whitespace run is tried, which is where a match starts anyway), what can
 * follow whitespace begins with `\S`, and ends of text are tested with
 * trimEnd/endsWith or on a bounded tail. Wrapped lines are joined with
 * WrappedText, which never reads the text it builds.
 */

/**
 * Joins a line broken in a PDF: "beskæftigelses-" + "området" becomes
 * "beskæftigelsesområdet"; "Sundheds- " + "og" keeps its hyphen. (A text
 * growing by many lines uses WrappedText, which joins the same way.)
 */
function join(a: string, b: string): string {
  const left = a.trimEnd();
  const right = b.trim();
  if (!left) return right;
  if (/\p{L}-$/u.test(left) && /^\p{Ll}/u.test(right) && !/^(og|eller|samt|til)\b/.test(right)) {
    return left.slice(0, -1) + right;
  }
  return `${left} ${right}`;
}

function parseDate(text: string): { date: string; startTime: string; endTime: string } | null {
  const m = new RegExp(`(\\d{1,2})\\.\\s*(${DANISH_MONTHS.join('|')})\\s+(\\d{4})`, 'i').exec(text);
  if (!m) return null;
  const month = DANISH_MONTHS.indexOf(m[2].toLowerCase()) + 1;
  const date = `${m[3]}-${String(month).padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  const times = [...text.matchAll(/\b(\d{1,2})[.:](\d{2})\b/g)]
    .filter((t) => t.index! > m.index! + m[0].length - 1)
    .map((t) => `${t[1].padStart(2, '0')}:${t[2]}`);
  return { date, startTime: times[0] ?? '', endTime: times[1] ?? '' };
}

const SPACE = /\s/;

/** Where the run of whitespace that ends at `end` starts. */
function spaceStart(text: string, end: number): number {
  let i = end;
  while (i > 0 && SPACE.test(text[i - 1])) i--;
  return i;
}

const STATUS_WORD = /(?:afbud|mødeleder|gæst|ad hoc)$/i;

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

/**
 * `/\s*\(([^()]{min,max})\)\s*$/.exec(text)`, read from the end: a
 * parenthesis closing the text; `index` is where the whitespace before it starts.
 */
function trailingParenthesis(
  text: string,
  min: number,
  max: number,
): { index: number; inner: string } | null {
  const end = text.trimEnd();
  const close = end.length - 1;
  if (end[close] !== ')') return null;
  const open = end.lastIndexOf('(', close);
  if (open < 0 || end.lastIndexOf(')', close - 1) > open) return null;
  const inner = end.slice(open + 1, close);
  if (inner.length < min || inner.length > max) return null;
  return { index: end.slice(0, open).trimEnd().length, inner };
}

/** " - " between name and title; the lookbehind tries each whitespace run once. */
const DASH_BETWEEN_SPACES = /(?<!\s)\s+[-–]\s+/;

/** "- Name – Title (Role) - afbud" under an organisation. */
function parseParticipant(text: string, organisation: string): Participant & { chair: boolean } {
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

const NAME_CHAR = /^[\p{L}-]$/u;
const UPPER = /^\p{Lu}$/u;

/** The character (code point) that ends at `end`. */
function charBefore(text: string, end: number): string {
  const pair = end >= 2 ? text.slice(end - 2, end) : '';
  return pair.length === 2 && pair.codePointAt(0)! > 0xffff ? pair : text.slice(end - 1, end);
}

/** Where the run of name characters (letters and hyphens) that ends at `end` starts. */
function nameStart(text: string, end: number): number {
  let i = end;
  for (let c = charBefore(text, i); i > 0 && NAME_CHAR.test(c); c = charBefore(text, i)) {
    i -= c.length;
  }
  return i;
}

/**
 * "Anders And indleder punktet": `/(\p{Lu}[\p{L}-]+ \p{Lu}[\p{L}-]+) indleder
 * punkt/u.exec(text)?.[1]`, read backwards from each " indleder punkt" so
 * that a long run of capitals is not tried from each of its letters.
 */
function openedBy(text: string): string | null {
  const PHRASE = ' indleder punkt';
  for (let at = text.indexOf(PHRASE); at >= 0; at = text.indexOf(PHRASE, at + 1)) {
    // The second word is the whole run of name characters before the phrase, after a space.
    const second = nameStart(text, at);
    if (text[second - 1] !== ' ') continue;
    const secondHead = String.fromCodePoint(text.codePointAt(second)!);
    if (!UPPER.test(secondHead) || second + secondHead.length >= at) continue;
    // The first word: from the first capital of the run before the space that has a letter after it.
    const space = second - 1;
    for (let i = nameStart(text, space); i < space;) {
      const head = String.fromCodePoint(text.codePointAt(i)!);
      if (UPPER.test(head) && i + head.length < space) return text.slice(i, at);
      i += head.length;
    }
  }
  return null;
}

interface OpenList {
  kind: 'points' | 'bullets';
  block: Block;
  /** The last number seen, to tell the next point from the next item's heading. */
  last: number;
  listId?: string;
}

/**
 * Reads an agenda or minutes laid out like the published referater
 * (../shared/fixtures/referater/): a "Referat"/"Dagsorden" title, forum,
 * date and time, place, numbered items "n. Title (Presenter)", section lines
 * (Sagsfremstilling, Indstilling, Bilag, Referat, Beslutning, Uddybning) with
 * paragraphs, numbered points, lettered sub-points and bullets, and a
 * participant list by organisation with afbud.
 */
export function parseMinutes(source: SourceLine[]): ImportResult {
  const header: MeetingContent['header'] = {};
  const participants: MeetingContent['participants'] = [];
  const items: ItemContent[] = [];
  const unrecognised: string[] = [];
  const loose: string[] = [];

  // Drop page marks and blank lines, but remember where paragraphs broke.
  const lines: (SourceLine & { breakBefore: boolean })[] = [];
  let blank = false;
  for (const line of source) {
    const text = line.text.replace(/\u00a0/g, ' ').trim();
    if (!text || PAGE_MARK.test(text)) {
      blank = true;
      continue;
    }
    // Spelled out, not `...line`: object spread costs ~1 µs a line, which adds up over a megabyte of short lines.
    const { kind, list, start, whole } = line;
    lines.push({ text, kind, list, start, whole, breakBefore: blank });
    blank = false;
  }

  // Assigned in the helpers below too: typed so the checker does not narrow them to null.
  let item = null as ItemContent | null;
  let section = null as SectionContent | null;
  let list = null as OpenList | null;
  let paragraph = null as { paragraph: string } | null;
  let inParticipants = false;
  let absentBlock = false;
  let organisation = '';
  let lastParticipant: (Participant & { chair: boolean }) | null = null;
  /** Lines joined onto the last participant (each join parses the whole entry again). */
  let participantWraps = 0;
  let sawTitle = false;
  let titleOpen = false;
  let outside = false;
  let kind: ImportResult['kind'] = null;

  // The text that wrapped lines are joined onto, and where it is kept: one at
  // a time, since once the parser moves on it never joins onto an earlier one.
  let wrapping = null as {
    owner: Record<string | number, string>;
    key: string | number;
    text: WrappedText;
  } | null;
  const wrapped = (owner: object, key: string | number): WrappedText => {
    if (!wrapping || wrapping.owner !== owner || wrapping.key !== key) {
      const held = owner as Record<string | number, string>;
      wrapping = { owner: held, key, text: new WrappedText(held[key]) };
    }
    return wrapping.text;
  };
  /** `owner[key] = join(owner[key], line)`, in time linear in the line. */
  const wrapOnto = (owner: object, key: string | number, line: string) => {
    const text = wrapped(owner, key);
    text.append(line);
    (owner as Record<string | number, string>)[key] = text.text;
  };
  // Links go under an item's first Bilag section. Sections are only added and
  // removed at the end, so the ones already looked at are not looked at again.
  const bilagSearched = new Map<ItemContent, number>();
  const firstBilag = (of: ItemContent): SectionContent | undefined => {
    let i = Math.min(bilagSearched.get(of) ?? 0, of.sections.length);
    while (i < of.sections.length && of.sections[i].type !== 'bilag') i++;
    bilagSearched.set(of, i);
    return of.sections[i];
  };

  const closeBlocks = () => {
    list = null;
    paragraph = null;
  };
  const ensureSection = (type: SectionType = 'sagsfremstilling'): SectionContent => {
    if (!item) {
      item = { title: '', sections: [] };
      items.push(item);
    }
    if (!section) {
      section = { type, blocks: [] };
      item.sections.push(section);
    }
    return section;
  };
  const addText = (text: string, whole = false) => {
    if (whole) {
      list = null;
      paragraph = { paragraph: text };
      ensureSection().blocks.push(paragraph);
      return;
    }
    // A wrapped line (PDF text often has empty lines between wrapped lines):
    // the paragraph so far has not ended a sentence, or the line starts in
    // lower case (incl. a word hyphenated across the break).
    if (
      paragraph &&
      (!/[.:!?]["”)]?$/.test(wrapped(paragraph, 'paragraph').trimmedTail(2)) ||
        /^\p{Ll}/u.test(text))
    ) {
      wrapOnto(paragraph, 'paragraph', text);
      return;
    }
    list = null;
    paragraph = { paragraph: text };
    ensureSection().blocks.push(paragraph);
  };
  const lastPoint = (): { text: string; sub: string[] } | null => {
    if (!list || list.kind !== 'points') return null;
    const points = (list.block as { points: Point[] }).points;
    const last = points[points.length - 1];
    if (typeof last === 'string') {
      const upgraded = { text: last, sub: [] as string[] };
      points[points.length - 1] = upgraded;
      return upgraded;
    }
    return last ?? null;
  };
  /** Continues the last list entry (a wrapped line). */
  const continueList = (text: string): boolean => {
    if (!list) return false;
    if (list.kind === 'bullets') {
      const bullets = (list.block as { bullets: string[] }).bullets;
      wrapOnto(bullets, bullets.length - 1, text);
      return true;
    }
    const points = (list.block as { points: Point[] }).points;
    const last = points[points.length - 1];
    if (typeof last === 'string') wrapOnto(points, points.length - 1, text);
    else if (last.sub.length) wrapOnto(last.sub, last.sub.length - 1, text);
    else wrapOnto(last, 'text', text);
    return true;
  };
  const startItem = (title: string) => {
    closeBlocks();
    section = null;
    item = { title, sections: [] };
    items.push(item);
    titleOpen = true;
  };
  /** "Title (Presenter)" at the end of a heading. */
  const finishTitle = () => {
    if (!item || !titleOpen) return;
    titleOpen = false;
    const m = trailingParenthesis(item.title, 2, 60);
    if (m) {
      item.title = item.title.slice(0, m.index).trim();
      if (/^fast punkt$/i.test(m.inner.trim()))
        item.standing = items.length === 1 ? 'start' : 'end';
      else item.presenter = m.inner.trim();
    }
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const text = line.text;

    // The document's title and the lines under it, before the first item.
    if (!sawTitle && (line.kind === 'title' || /^(referat|dagsorden)$/i.test(text))) {
      sawTitle = true;
      kind = /^dagsorden/i.test(text) ? 'dagsorden' : /^referat/i.test(text) ? 'referat' : null;
      continue;
    }

    if (
      PARTICIPANTS.test(text) &&
      text.length < 60 &&
      (line.kind === undefined || line.kind.startsWith('heading'))
    ) {
      finishTitle();
      closeBlocks();
      inParticipants = true;
      absentBlock = false;
      organisation = '';
      continue;
    }
    if (inParticipants && (line.kind === 'heading1' || line.kind === 'title')) {
      inParticipants = !ABSENT_BLOCK.test(text) ? false : true;
    }
    if (inParticipants && ITEM.exec(text) && Number(ITEM.exec(text)![1]) === items.length + 1) {
      inParticipants = false;
    }
    if (inParticipants) {
      if (ABSENT_BLOCK.test(text)) {
        absentBlock = true;
        organisation = '';
        continue;
      }
      const bullet = BULLET.exec(text);
      if (bullet || line.kind === 'bullet') {
        const p = parseParticipant(bullet ? bullet[1] : text, organisation);
        if (absentBlock) p.status = 'absent';
        if (p.chair) header.chair ||= p.name;
        const { chair: _chair, ...participant } = p;
        participants.push(participant);
        lastParticipant = p;
        participantWraps = 0;
        continue;
      }
      if (/:$/.test(text) || line.kind === 'heading3') {
        organisation = text.replace(/:$/, '').trim();
        lastParticipant = null;
        continue;
      }
      // Real entries wrap once or twice; a bound keeps the re-parsing linear.
      if (
        lastParticipant &&
        participantWraps < MAX_PARTICIPANT_WRAPS &&
        /^\p{Ll}|^\S+\)/u.test(text)
      ) {
        participantWraps++;
        // A wrapped participant line: parse the joined text again.
        const organisationOf = lastParticipant.organisation;
        participants.pop();
        const again = parseParticipant(
          join(
            [lastParticipant.name, lastParticipant.title].filter(Boolean).join(' – ') +
              (lastParticipant.role ? ` (${lastParticipant.role}` : ''),
            text,
          ),
          organisationOf,
        );
        const { chair: _c, ...participant } = again;
        participants.push(participant);
        lastParticipant = again;
        continue;
      }
      inParticipants = false;
    }

    // A numbered heading: the next item (not a point of an open list).
    const itemMatch = ITEM.exec(text);
    const isHeading1 = line.kind === 'heading1';
    if (
      itemMatch &&
      (isHeading1 || line.kind === undefined) &&
      Number(itemMatch[1]) === items.length + 1 &&
      !(
        !isHeading1 &&
        list &&
        (list as OpenList).kind === 'points' &&
        (list as OpenList).last === Number(itemMatch[1]) - 1
      )
    ) {
      finishTitle();
      outside = false;
      startItem(itemMatch[2].trim());
      // A Word heading is complete; a PDF line may wrap onto the next.
      titleOpen = !line.whole;
      continue;
    }
    if (isHeading1 && !itemMatch) {
      // Another top-level heading (e.g. "Godkendelse" of an export): not an
      // item; it and what follows until the next item are listed, not placed.
      finishTitle();
      closeBlocks();
      section = null;
      outside = true;
      unrecognised.push(text);
      continue;
    }
    if (outside) {
      unrecognised.push(text);
      continue;
    }

    // Title lines wrapped onto the next line.
    if (
      item &&
      titleOpen &&
      !sectionOf(text) &&
      (wrapped(item, 'title').tail(1) === '-' || /^\p{Ll}|^\(/u.test(text)) &&
      !line.breakBefore
    ) {
      wrapOnto(item, 'title', text);
      continue;
    }
    if (item && titleOpen && !sectionOf(text) && /^\p{Ll}|^\(/u.test(text)) {
      wrapOnto(item, 'title', text);
      continue;
    }
    // "…Sundhedsaftalens Dash" + "Board (Maj Skårhøj)": a short line ending in (Presenter).
    if (
      item &&
      titleOpen &&
      line.kind === undefined &&
      text.length < 120 &&
      /\([^()]{2,60}\)$/.test(text)
    ) {
      wrapOnto(item, 'title', text);
      continue;
    }
    finishTitle();

    // Before the first item: forum, date and time, place.
    if (!item) {
      const meta = /^(tid|sted|online|mødeleder|referent)\s*:\s*(\S.*)$/i.exec(text);
      if (meta) {
        const key = meta[1].toLowerCase();
        const value = meta[2].trim();
        if (key === 'tid') Object.assign(header, parseDate(value) ?? {});
        else if (key === 'sted') header.place = value;
        else if (key === 'online') header.onlineLink = value;
        else if (key === 'mødeleder') header.chair = value;
        else header.minuteTaker = value;
        continue;
      }
      const when = parseDate(text);
      if (when && !header.date) {
        Object.assign(header, when);
        continue;
      }
      if (!header.forum && sawTitle && !line.kind?.startsWith('heading')) {
        header.forum = text;
        continue;
      }
      if (header.date && !header.place) {
        header.place = text.replace(/(?<!\s)\s*Klik her for at deltage i mødet\s*$/i, '').trim();
        continue;
      }
      loose.push(text);
      unrecognised.push(text);
      continue;
    }

    // "Indstilling: Det indstilles, at …": a section label with its text on the same line.
    const inline =
      line.kind === undefined
        ? /^(Sagsfremstilling|Indstilling|Bilag(?: vedlagt)?|Referat(?: [-–] punkt \d+)?|Beslutning|Uddybning)\s*:\s+(\S.*)$/i.exec(
            text,
          )
        : null;
    if (inline) {
      closeBlocks();
      const current = section as SectionContent | null;
      if (current && current.type === 'referat' && current.blocks.length === 0) item.sections.pop();
      section = { type: sectionOf(inline[1])!, blocks: [] };
      item.sections.push(section);
      addText(inline[2].trim(), true);
      continue;
    }
    const type = line.kind === 'heading2' || line.kind === undefined ? sectionOf(text) : null;
    if (type) {
      closeBlocks();
      // "Referat – punkt 2:" directly followed by "Beslutning:" is only a marker.
      const current = section as SectionContent | null;
      if (current && current.type === 'referat' && current.blocks.length === 0) {
        item.sections.pop();
      }
      section = { type, blocks: [] };
      item.sections.push(section);
      continue;
    }

    // "Deltager: X" / "X indleder punktet." name the presenter (kept as text too).
    const presenter = /^(?:deltager(?:e)?:|v\.)\s*(\S.*)$/i.exec(text);
    if (presenter && !section) {
      item.presenter ||= presenter[1].trim();
      continue;
    }
    if (!item.presenter) {
      const by = openedBy(text);
      if (by) item.presenter = by;
    }

    const point =
      line.kind === 'number' ? ([text, '', text] as unknown as RegExpExecArray) : POINT.exec(text);
    const letter =
      line.kind === 'letter' ? ([text, '', text] as unknown as RegExpExecArray) : LETTER.exec(text);
    const bullet =
      line.kind === 'bullet' ? ([text, text] as unknown as RegExpExecArray) : BULLET.exec(text);
    if (letter && lastPoint()) {
      lastPoint()!.sub.push(letter[2].trim());
      paragraph = null;
      continue;
    }
    if (point) {
      paragraph = null;
      const sameList =
        list &&
        (list as OpenList).kind === 'points' &&
        (line.kind === 'number'
          ? (list as OpenList).listId === line.list
          : Number(point[1]) === (list as OpenList).last + 1);
      const n =
        line.kind === 'number'
          ? sameList
            ? (list as OpenList).last + 1
            : (line.start ?? 1)
          : Number(point[1]);
      if (!sameList) {
        const block: Block = n === 1 ? { points: [] } : { points: [], start: n };
        ensureSection().blocks.push(block);
        list = { kind: 'points', block, last: n - 1, listId: line.list };
      }
      const open = list as unknown as OpenList;
      (open.block as { points: Point[] }).points.push(point[2].trim());
      open.last = n;
      continue;
    }
    if (bullet) {
      paragraph = null;
      if (!list || (list as OpenList).kind !== 'bullets') {
        const block: Block = { bullets: [] };
        ensureSection().blocks.push(block);
        list = { kind: 'bullets', block, last: 0 };
      }
      ((list as OpenList).block as { bullets: string[] }).bullets.push(bullet[1].trim());
      continue;
    }
    // A bare link on its own line (a PDF's link annotation): kept under the
    // item's Bilag, and listed, since where it belongs cannot be told.
    if (/^https?:\/\/\S+$/.test(text) && line.kind === undefined) {
      let bilag = firstBilag(item);
      if (!bilag) {
        bilag = { type: 'bilag', blocks: [] };
        item.sections.push(bilag);
      }
      bilag.blocks.push({ paragraph: text });
      // The title shortened: a megabyte of title must not be repeated for every link.
      const title = item.title.length > 300 ? `${item.title.slice(0, 300)}…` : item.title;
      unrecognised.push(`${items.length}. ${title}: link kept under Bilag: ${text}`);
      continue;
    }
    // A wrapped list line: lowercase start, or no paragraph break and the entry not finished.
    if (!line.whole && list && !line.breakBefore && line.kind === undefined && continueList(text))
      continue;
    if (
      !line.whole &&
      list &&
      line.breakBefore &&
      /^\p{Ll}/u.test(text) &&
      line.kind === undefined &&
      continueList(text)
    )
      continue;
    list = null;
    addText(text, line.whole);
  }
  finishTitle();

  // Text from before the first item is kept, in the first item, and listed.
  if (loose.length && items.length) {
    items[0].sections.unshift({
      type: 'sagsfremstilling',
      blocks: loose.map((paragraph) => ({ paragraph })),
    });
  }
  return { content: { header, participants, items }, kind, unrecognised };
}

/** Plain text (e.g. copied from a PDF) into source lines. */
export function textLines(text: string): SourceLine[] {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\f/g, '\n')
    .split('\n')
    .map((t) => ({ text: t }));
}
