import type * as Y from 'yjs';
import { MAX_PARTICIPANTS } from '../../../shared/minutes/fields.ts';
import { groupByOrganisation, readParticipants } from '../../../shared/minutes/layout.ts';
import { addParticipant } from '../../../shared/minutes/operations.ts';
import {
  isActiveOn,
  sameName,
  type Roster,
  type RosterMember,
} from '../../../shared/rosters/roster.ts';

/** A roster member placed in a meeting: the participant the invitation is linked to, if any. */
export interface RosterPlacement {
  member: RosterMember;
  participantId?: string;
}

/** The members active for a meeting on `day` (YYYY-MM-DD). */
export function activeMembers(roster: Roster, day: string): RosterMember[] {
  return roster.members.filter((m) => isActiveOn(m, day));
}

/**
 * Puts roster members into a meeting's document as participants, grouped by
 * organisation (in the roster's order of first appearance). A participant
 * already there with the member's name (an imported document; names compared
 * as sameName says) is not added twice: the member is linked to it. Past the
 * document's participant limit a member gets no participant (still an
 * invitation).
 */
export function placeMembers(doc: Y.Doc, members: RosterMember[]): RosterPlacement[] {
  const existing = readParticipants(doc);
  const linked = new Set<string>();
  let count = existing.length;
  const placements: RosterPlacement[] = [];
  const ordered = groupByOrganisation(members).flatMap((group) => group.participants);
  doc.transact(() => {
    for (const member of ordered) {
      const match = existing.find((p) => !linked.has(p.id) && sameName(p.name, member.name));
      if (match) {
        linked.add(match.id);
        placements.push({ member, participantId: match.id });
        continue;
      }
      if (count >= MAX_PARTICIPANTS) {
        placements.push({ member });
        continue;
      }
      count++;
      const participantId = addParticipant(doc, {
        name: member.name,
        title: member.title,
        role: member.forumRole,
        organisation: member.organisation,
        status: 'present',
      });
      placements.push({ member, participantId });
    }
  });
  return placements;
}
