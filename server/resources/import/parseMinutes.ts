import type { MeetingContent } from '../../../shared/minutes/content.ts';
import type { SourceLine } from './sourceLines.ts';
import type { ImportCheck } from '../../../shared/api/importChecks.ts';
import { check, NOT_RECOGNISED } from './stages/checks.ts';
import {
  finishHeader,
  newHeaderState,
  noteYears,
  readHeaderLine,
  readLatePersonField,
  readTitle,
  type MinutesKind,
} from './stages/header.ts';
import { finishTitle, readItemsLine } from './stages/items.ts';
import { closeBlocks, itemRef, newItemsState } from './stages/itemsState.ts';
import { attachLinks } from './stages/links.ts';
import { normaliseLines } from './stages/normaliseLines.ts';
import { readOnlineLink } from './stages/onlineLink.ts';
import {
  closeList,
  finishParticipants,
  listHeading,
  readInlineParticipants,
  newParticipantsState,
  openParticipants,
  readParticipantLine,
} from './stages/participants.ts';

export { DANISH_MONTHS } from './stages/header.ts';
export { textLines, type SourceLine } from './sourceLines.ts';

export interface ImportResult {
  content: MeetingContent;
  /** What the source called itself: minutes ("Referat") or an agenda ("Dagsorden"). */
  kind: MinutesKind;
  /**
   * Lines that were not recognised as structure, for the user to check, in
   * Danish, each saying where it went: kept as text (in the item it stood
   * in, or in the first item when it came before any), or not carried over
   * (what stood outside the items, e.g. under an export's "Godkendelse").
   */
  unrecognised: string[];
  /**
   * How each block was read (header field, participant, item, section,
   * sub-heading) and where each line not recognised went, with a
   * confidence, for the user to check the unsure ones.
   */
  checks: ImportCheck[];
}

/**
 * Reads an agenda or minutes laid out like the published referater
 * (test/fixtures/referater/): a "Referat"/"Dagsorden" title, forum,
 * date and time, place, numbered items "n. Title (Presenter)", section lines
 * (Sagsfremstilling, Indstilling, Bilag, Referat, Beslutning, Uddybning) with
 * paragraphs, numbered points, lettered sub-points and bullets, and a
 * participant list by organisation with afbud.
 *
 * The lines are normalised (stages/normaliseLines.ts), then each is offered
 * to the stages in turn, each with its own state: the title (stages/header.ts),
 * the participant list (stages/participants.ts, wherever a "Deltagere:"
 * heading opens it), the items with their sections and lists
 * (stages/items.ts, sections.ts, lists.ts), and before the first item the
 * header's fields. One pass, in time linear in the input.
 */
export function parseMinutes(source: SourceLine[]): ImportResult {
  const unrecognised: string[] = [];
  /** Text from before the first item that is not header: kept in the first item. */
  const loose: string[] = [];
  /** Where in `unrecognised` each loose line is (said once it is known where it went). */
  const looseAt: number[] = [];
  const checks: ImportCheck[] = [];
  const header = newHeaderState(checks);
  const people = newParticipantsState(checks);
  const body = newItemsState(unrecognised, checks);

  for (const line of normaliseLines(source)) {
    noteYears(header, line.text);
    if (readTitle(header, line, !body.items.length)) continue;
    // A Word paragraph linking to an online meeting: the header's online link.
    if (line.links && readOnlineLink(header.header, line, !body.items.length) === 'taken') {
      if (body.items.length) {
        const where = itemRef(body.items.length, body.item!.title);
        unrecognised.push(
          `Link til onlinemødet i ${where}, lagt i mødets oplysninger: ${header.header.onlineLink}`,
        );
      }
      continue;
    }
    if (readInlineParticipants(people, line, header.header)) continue;
    const heading = listHeading(line);
    if (heading) {
      finishTitle(body);
      closeBlocks(body);
      openParticipants(people, heading, line.text);
      continue;
    }
    if (readParticipantLine(people, line, body.items.length + 1, header.header)) continue;
    if (body.items.length && readLatePersonField(header, line)) continue;
    if (readItemsLine(body, line)) {
      if (line.links) attachLinks(body, line);
      continue;
    }
    if (readHeaderLine(header, line)) continue;
    loose.push(line.text);
    looseAt.push(unrecognised.length);
    unrecognised.push(line.text);
  }
  finishTitle(body);
  closeList(people);
  finishParticipants(people);
  finishHeader(header);

  const items = body.items;
  // Text from before the first item is kept, in the first item, and listed.
  if (loose.length && items.length) {
    items[0].sections.unshift({
      type: 'sagsfremstilling',
      blocks: loose.map((paragraph) => ({ paragraph })),
    });
  }
  const where = items.length
    ? `Stod før første punkt, lagt under Sagsfremstilling i ${itemRef(1, items[0].title)}`
    : 'Stod før første punkt, ikke overført (ingen punkter at lægge den i)';
  for (const at of looseAt) unrecognised[at] = `${where}: ${unrecognised[at]}`;
  for (const text of loose) {
    check(
      checks,
      items.length ? { as: 'kept', item: 1, section: 'sagsfremstilling' } : { as: 'dropped' },
      NOT_RECOGNISED,
      text,
    );
  }
  return {
    content: { header: header.header, participants: people.participants, items },
    kind: header.kind,
    unrecognised,
    checks,
  };
}
