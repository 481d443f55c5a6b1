/**
 * The structured facts of a meeting document: header fields, participant
 * fields and item flags. Shared by the schema nodes, the Yjs layout, the
 * editor forms and export, so a field is named once.
 */

/** Header fields, all plain strings ('' when not filled in). */
export const HEADER_FIELDS = [
  'forum',
  'title',
  'date',
  'startTime',
  'endTime',
  'place',
  'onlineLink',
  'chair',
  'minuteTaker',
] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];
export type MeetingHeader = Record<HeaderField, string>;

export function emptyHeader(): MeetingHeader {
  return Object.fromEntries(HEADER_FIELDS.map((f) => [f, ''])) as MeetingHeader;
}

/** til stede, afbud, ad hoc, gæst. */
export const PARTICIPANT_STATUSES = ['present', 'absent', 'adhoc', 'guest'] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

export interface Participant {
  /** Stable id, so concurrent edits of two participants never collide. */
  id: string;
  name: string;
  /** Job title, e.g. "Klinikchef i Klinik Psykiatri Syd". */
  title: string;
  /** Role in the forum, e.g. "medformand", "mødeleder", "sekretær". */
  role: string;
  organisation: string;
  status: ParticipantStatus;
}

export const PARTICIPANT_TEXT_FIELDS = ['name', 'title', 'role', 'organisation'] as const;
/** Every field a participant's Y.Map may hold. */
export const PARTICIPANT_FIELDS = ['id', ...PARTICIPANT_TEXT_FIELDS, 'status'] as const;

/**
 * Standing items recur at every meeting. 'start' ones open the agenda
 * (godkendelse af dagsorden), 'end' ones close it (eventuelt); new items go
 * between them.
 */
export const STANDING_VALUES = ['', 'start', 'end'] as const;
export type Standing = (typeof STANDING_VALUES)[number];

/** Per-item facts kept beside the item's text. */
export interface ItemFlags {
  presenter: string;
  /** Lukket punkt: left out of the public version. */
  closed: boolean;
  /** Dagsordenssættes igen: carried to the next meeting's agenda. */
  carryOver: boolean;
  standing: Standing;
}

export function defaultItemFlags(): ItemFlags {
  return { presenter: '', closed: false, carryOver: false, standing: '' };
}

/** Limits on structured fields; the forms hint them and the server checks them. */
export const MAX_FIELD_LENGTH = 500;
export const MAX_PARTICIPANTS = 500;
export const MAX_ITEMS = 500;

/** Item and participant ids (made by newId(); templates and imports keep theirs). */
export function isItemId(id: string): boolean {
  return /^[A-Za-z0-9_-]{1,64}$/.test(id);
}
