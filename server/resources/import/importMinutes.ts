import { MAX_CHECKS, type ImportCheck } from '../../../shared/api/importChecks.ts';
import { AppError } from '../../core/errors.ts';
import * as Y from 'yjs';
import { MAX_FORUM_LENGTH, MAX_TITLE_LENGTH, isIsoDate } from '../../../shared/meeting.ts';
import { MAX_ITEMS, MAX_PARTICIPANTS } from '../../../shared/minutes/fields.ts';
import { writeMeetingContent } from '../../../shared/minutes/operations.ts';
import { docxLines } from './docxLines.ts';
import { parseMinutes } from './parseMinutes.ts';
import { textLines, type SourceLine } from './sourceLines.ts';

export type ImportFormat = 'text' | 'docx';

/** An imported agenda or minutes, ready to be stored as a new meeting. */
export interface ImportedMinutes {
  /** The new meeting's document, as one Yjs update. */
  update: Uint8Array;
  title: string;
  forum: string;
  /** YYYY-MM-DD, or '' when the source gave none. */
  date: string;
  /** What the source called itself: minutes ("Referat") or an agenda ("Dagsorden"). */
  kind: 'referat' | 'dagsorden' | null;
  items: number;
  participants: number;
  /** Lines kept as text and listed for the user to check. */
  unrecognised: string[];
  /**
   * How each block was read, with its confidence: least sure first, at most
   * MAX_CHECKS of them (the rest were surer than the last one kept).
   */
  checks: ImportCheck[];
}

/**
 * Reads an uploaded agenda or minutes (plain text, e.g. copied from a PDF,
 * or a Word file) into a new meeting document. All of it is CPU work on the
 * upload alone, so it runs in a worker (server/jobs); what it refuses is an
 * AppError with the answer for the user.
 */
export function importMinutes(
  format: ImportFormat,
  body: Uint8Array,
  requestedTitle?: string,
): ImportedMinutes {
  let lines: SourceLine[];
  if (format === 'text') {
    lines = textLines(new TextDecoder().decode(body));
  } else {
    try {
      lines = docxLines(body);
    } catch (err) {
      throw new AppError(
        400,
        'unreadableFile',
        `the Word file could not be read: ${(err as Error).message}`,
      );
    }
  }
  const { content, kind, unrecognised, checks } = parseMinutes(lines);
  if (content.items.length === 0 && content.participants.length === 0) {
    throw new AppError(422, 'nothingRecognised', 'no agenda items or participants were recognised');
  }
  if (content.items.length > MAX_ITEMS || content.participants.length > MAX_PARTICIPANTS) {
    throw new AppError(413, 'tooLarge', 'too many items or participants');
  }
  const header = content.header;
  const title =
    (requestedTitle ?? header.title ?? header.forum ?? '').trim().slice(0, MAX_TITLE_LENGTH) ||
    'Importeret møde';
  const doc = new Y.Doc();
  writeMeetingContent(doc, { ...content, header: { ...header, title } });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return {
    update,
    title,
    forum: (header.forum ?? '').slice(0, MAX_FORUM_LENGTH),
    date: header.date && isIsoDate(header.date) ? header.date : '',
    kind,
    items: content.items.length,
    participants: content.participants.length,
    unrecognised,
    // Stable: equally sure blocks stay in the order of the text.
    checks: checks.sort((a, b) => a.confidence - b.confidence).slice(0, MAX_CHECKS),
  };
}
