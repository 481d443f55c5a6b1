import * as Y from 'yjs';
import type { MeetingMeta } from '../../../shared/meeting.ts';
import { newMeetingId } from '../../../shared/meetingId.ts';
import { insertItemJSON, writeMeetingContent } from '../../../shared/minutes/operations.ts';
import { nextMeetingFrom, templateContent } from '../../../shared/minutes/templates.ts';
import { meetingToJSON, type MeetingJSON } from '../../../shared/minutes/toJSON.ts';
import { ALL_MEETINGS } from '../../../shared/access/workflow.ts';
import type { CreateMeeting } from '../../../shared/api/schemas.ts';
import { authorize } from '../access/authorize.ts';
import type { Principal } from '../access/tokens.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { DocumentStorage } from '../../storage/DocumentStorage.ts';
import type { MeetingStorage } from '../../storage/MeetingStorage.ts';
import type { ImportedMinutes } from '../import/importMinutes.ts';
import { invitationOf, type InviteService, type InvitedPerson } from '../invites/InviteService.ts';
import type { RosterService } from '../rosters/RosterService.ts';
import {
  activeMembers,
  placeMembers,
  type RosterPlacement,
} from '../rosters/rosterParticipants.ts';
import type { Roster } from '../../../shared/rosters/roster.ts';
import type { Access, MeetingStore } from './MeetingStore.ts';

/** What MeetingService lists, reads and creates meetings with. */
export interface MeetingServiceDeps {
  /** The open documents: a meeting's JSON, the earlier meeting a next one starts from. */
  rooms: RoomManager;
  /** The meeting list, and where a new meeting is listed. */
  meetings: MeetingStorage;
  /** Where a new meeting's first document is written, before it is listed. */
  documents: DocumentStorage;
  log: Logger;
}

/**
 * Meetings as a whole: the list, and the one way a meeting comes to be —
 * from a template, as the next meeting of an earlier one, or imported —
 * stored durably with its first document, registered, audited. When the
 * meeting's forum has a roster, its members active on the meeting's date
 * become the participants and invitations (server/rosters).
 */
export class MeetingService {
  /** Titles of next meetings being created now (not listed yet), so two never get the same. */
  private readonly pendingTitles = new Set<string>();

  constructor(
    private readonly store: MeetingStore,
    /** Carries the invitations over to a next meeting, or makes them from the roster. */
    private readonly invites: InviteService,
    private readonly rosters: RosterService,
    private readonly deps: MeetingServiceDeps,
  ) {}

  /** The secretariat sees every meeting, newest first; an invitee only the meeting of their token. */
  async listFor(principal: Principal): Promise<MeetingMeta[]> {
    if (principal.meetingId !== ALL_MEETINGS) {
      await authorize(this.store, principal, principal.meetingId);
      return [this.store.state(principal.meetingId)!.meta];
    }
    return newestFirst(await this.deps.meetings.list());
  }

  /**
   * The meetings inviting a person signed in through an identity provider
   * (claimed by them, or naming their e-mail), newest first.
   */
  async listInviting(person: InvitedPerson): Promise<MeetingMeta[]> {
    const mine: MeetingMeta[] = [];
    for (const meta of await this.deps.meetings.list()) {
      const record = await this.store.load(meta.id);
      if (record && invitationOf(record, person)) mine.push(record.meta);
    }
    return newestFirst(mine);
  }

  /** The meeting as JSON of the shared schema, with anything that did not fit reported. */
  async document(meetingId: string): Promise<MeetingJSON> {
    const result = await this.deps.rooms.read(meetingId, (room) => meetingToJSON(room.doc));
    if (result.problems.length) {
      this.deps.log.warn('meeting document has content outside the schema', {
        meetingId,
        problems: result.problems,
      });
    }
    return result;
  }

  /** A new meeting from a template (blank, Driftsforum) or as the next meeting of `from`. */
  async create(organiser: Principal, input: CreateMeeting): Promise<MeetingMeta> {
    const date = input.date ?? '';
    const template = input.template ?? 'blank';
    const previous = input.from ? await this.deps.meetings.get(input.from) : null;
    if (input.from && !previous) throw new AppError(404, 'notFound', 'previous meeting not found');
    let title = input.title ?? '';
    let forum = input.forum ?? '';
    // The user picks the next meeting's date; its title is made from forum and date.
    if (previous && !date) throw new AppError(400, 'invalidInput', 'the next meeting needs a date');
    /** A title chosen here, held until the meeting is listed. */
    let reserved: string | null = null;
    const doc = new Y.Doc();
    let roster: Roster | null = null;
    let placements: RosterPlacement[] = [];
    try {
      if (previous) {
        const prev = await this.deps.rooms.read(
          previous.id,
          (room) => meetingToJSON(room.doc).document,
        );
        const next = nextMeetingFrom(prev, date);
        title ||= reserved = await this.reserveTitle(next.header.title || previous.title);
        forum ||= next.header.forum || previous.forum;
        roster = await this.rosters.forForum(forum);
        doc.transact(() => {
          writeMeetingContent(doc, {
            header: { ...next.header, title, forum },
            // The roster, when the forum has one, says who is in the forum now.
            participants: roster ? [] : next.participants,
            items: [],
          });
          // Carried items come with their marks, as item-editor JSON.
          for (const item of next.items) insertItemJSON(doc, item.flags, item.body);
        });
      } else {
        roster = await this.rosters.forForum(forum);
        writeMeetingContent(doc, templateContent(template, { title, forum, date }));
      }
      // A meeting without a date yet is taken to be today's.
      if (roster)
        placements = placeMembers(doc, activeMembers(roster, date || this.rosters.today()));
      const update = Y.encodeStateAsUpdate(doc);
      const meta = await this.register(organiser, { title, forum, date, phase: 'agenda' }, update, {
        kind: 'created',
        detail: {
          template,
          from: previous?.id,
          fromTitle: previous?.title,
          ...rosterDetail(roster, placements),
        },
      });
      const access: Access = { principal: organiser, role: 'organiser', meetingId: meta.id };
      if (roster) {
        await this.invites.fromRoster(access, placements, roster.id);
      } else if (previous) {
        const invites = (await this.store.load(previous.id))?.workflow.invites ?? [];
        await this.invites.carryOver(access, invites, previous.id);
      }
      return meta;
    } finally {
      doc.destroy();
      if (reserved !== null) this.pendingTitles.delete(reserved);
    }
  }

  /**
   * `title`, or "title (2)", "title (3)" … when a meeting has it already
   * (or is being created with it): held in pendingTitles until released.
   */
  private async reserveTitle(title: string): Promise<string> {
    const taken = new Set(
      (await this.deps.meetings.list()).map((m) => m.title.trim().toLocaleLowerCase('da')),
    );
    for (const t of this.pendingTitles) taken.add(t.trim().toLocaleLowerCase('da'));
    let candidate = title;
    for (let n = 2; taken.has(candidate.trim().toLocaleLowerCase('da')); n++) {
      candidate = `${title} (${n})`;
    }
    this.pendingTitles.add(candidate);
    return candidate;
  }

  /**
   * An imported agenda or minutes (parsed in a worker) as a new meeting; with
   * a roster for its forum, the active members join the imported
   * participants (a name already there is linked, not added twice).
   */
  async imported(
    organiser: Principal,
    imported: ImportedMinutes,
    format: string,
  ): Promise<MeetingMeta> {
    const { title, forum, date, kind } = imported;
    const roster = forum ? await this.rosters.forForum(forum) : null;
    let update = imported.update;
    let placements: RosterPlacement[] = [];
    if (roster) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, imported.update);
      placements = placeMembers(doc, activeMembers(roster, date || this.rosters.today()));
      update = Y.encodeStateAsUpdate(doc);
      doc.destroy();
    }
    const meta = await this.register(
      organiser,
      { title, forum, date, phase: kind === 'referat' ? 'meeting' : 'agenda' },
      update,
      {
        kind: 'imported',
        detail: {
          format,
          items: imported.items,
          participants: imported.participants,
          unrecognised: imported.unrecognised.length,
          ...rosterDetail(roster, placements),
        },
      },
    );
    if (roster) {
      const access: Access = { principal: organiser, role: 'organiser', meetingId: meta.id };
      await this.invites.fromRoster(access, placements, roster.id);
    }
    return meta;
  }

  /** Stores a new meeting with its first document (durably, before it is listed). */
  private async register(
    organiser: Principal,
    fields: Pick<MeetingMeta, 'title' | 'forum' | 'date' | 'phase'>,
    update: Uint8Array,
    audit: { kind: string; detail: Record<string, unknown> },
  ): Promise<MeetingMeta> {
    const meta: MeetingMeta = {
      id: newMeetingId(),
      ...fields,
      createdAt: new Date().toISOString(),
    };
    // The document first: a meeting is listed only once its content is durable.
    await this.deps.documents.create(meta.id, update);
    await this.deps.meetings.create(meta);
    this.store.created(meta);
    await this.store.audit(meta.id, organiser, audit.kind, audit.detail);
    this.deps.log.info(`meeting ${audit.kind}`, { meetingId: meta.id, ...audit.detail });
    return meta;
  }
}

/** What the audit says of a roster a new meeting was made from. */
function rosterDetail(roster: Roster | null, placements: RosterPlacement[]) {
  return roster ? { roster: roster.id, rosterMembers: placements.length } : {};
}

/** By meeting date (else creation), newest first. */
function newestFirst(meetings: MeetingMeta[]): MeetingMeta[] {
  return meetings.sort((a, b) => (b.date || b.createdAt).localeCompare(a.date || a.createdAt));
}
