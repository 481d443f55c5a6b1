import type { SectionType } from '../schema/Section.ts';

/**
 * How an import read one block of the source (a header field, a
 * participant, an item, a section, a sub-heading) or where it put a line it
 * did not recognise, with how sure it is. The server says what and where;
 * the client words it in the reader's language (client/i18n/importChecks.ts)
 * and lists the unsure ones, least sure first, for the user to check.
 */
export type ImportCheck = ImportPlacement & {
  /** 0 (a guess, or left for the user) to 1 (certain). */
  confidence: number;
  /** The source line it was read from (shortened). */
  line: string;
};

export type HeaderField =
  'forum' | 'date' | 'time' | 'place' | 'chair' | 'minuteTaker' | 'onlineLink';

export type ImportPlacement =
  /** A header field ("Mødeleder: …", a date line, the forum under the title). */
  | { as: 'header'; field: HeaderField }
  /** A date without a year whose year was taken from other dates in the text. */
  | { as: 'dateYearGuessed'; year: number }
  /** A date without a year and no other date to take it from: left for the user. */
  | { as: 'dateWithoutYear' }
  /** A participant, under an organisation ('' for none) and with a status. */
  | {
      as: 'participant';
      organisation: string;
      status: 'present' | 'absent' | 'guest' | 'adhoc';
    }
  /** A participant list's heading ("Til stede:", "Afbud") or organisation heading. */
  | { as: 'participantHeading'; organisation?: string }
  /** An item heading "n. Title". */
  | { as: 'item'; item: number }
  /** A section of item `item`: labelled, or (`implicit`) assumed for unlabelled text. */
  | { as: 'section'; item: number; section: SectionType; implicit?: boolean }
  /** A short line read as a sub-heading inside a section. */
  | { as: 'subheading'; item: number; section: SectionType }
  /** A line not recognised, kept as text in item `item`'s section. */
  | { as: 'kept'; item: number; section: SectionType }
  /** A bare link, kept under the item's Bilag. */
  | { as: 'link'; item: number }
  /** Not carried over (nothing to put it in, or under a heading outside the items). */
  | { as: 'dropped' };

/** Checks below this confidence are listed for the user to check. */
export const NEEDS_CHECK = 0.75;

/** How many checks an import answers with (the least sure ones). */
export const MAX_CHECKS = 500;

/** How much of a source line a check repeats. */
export const CHECK_LINE_LENGTH = 160;
