import { randomUUID } from 'node:crypto';
import type { MemberInput, MemberPatch } from '../../../shared/api/schemas.ts';
import {
  MAX_ROSTER_MEMBERS,
  MAX_ROSTERS,
  dayBefore,
  isActiveOn,
  type Roster,
  type RosterAuditEntry,
  type RosterMember,
  type RosterSummary,
} from '../../../shared/rosters/roster.ts';
import { danishDay, systemClock, type Clock } from '../../core/clock.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { RosterStorage } from '../../storage/RosterStorage.ts';
import { forumIdOf } from './forumId.ts';

/** Who changes a roster (the secretariat's sign-in), as audited. */
export interface RosterActor {
  userId: string;
  name: string;
}

/** The fields a change may touch, in the order the audit lists them. */
const MEMBER_FIELDS = [
  'name',
  'email',
  'organisation',
  'title',
  'forumRole',
  'role',
  'approver',
  'activeFrom',
  'activeTo',
] as const;

const notFound = (what: string) => new AppError(404, 'notFound', `${what} not found`);

/**
 * The forums' rosters: reading them, and every change through one course
 * (one at a time, the whole roster written atomically, then audited). The
 * routes let only the secretariat call the changing methods.
 */
export class RosterService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly storage: RosterStorage,
    private readonly log: Logger,
    /** The server's clock: which memberships are current, and from when one ends. */
    private readonly now: Clock = systemClock,
  ) {}

  /** Today in Denmark by the server's clock (a meeting without a date is taken to be today). */
  today(): string {
    return danishDay(this.now);
  }

  /** Every roster, without personal data; by forum name. */
  async list(): Promise<RosterSummary[]> {
    const today = this.today();
    const rosters = await this.storage.list();
    return rosters
      .map((r) => ({
        id: r.id,
        forum: r.forum,
        members: r.members.length,
        active: r.members.filter((m) => isActiveOn(m, today)).length,
        updatedAt: r.updatedAt,
      }))
      .sort((a, b) => a.forum.localeCompare(b.forum, 'da'));
  }

  async get(forumId: string): Promise<Roster> {
    const roster = await this.storage.read(forumId);
    if (!roster) throw notFound('roster');
    return roster;
  }

  /** The roster of the forum a meeting names (any spelling that normalises alike), if any. */
  async forForum(forum: string): Promise<Roster | null> {
    const id = forumIdOf(forum);
    return id ? this.storage.read(id) : null;
  }

  audit(forumId: string): Promise<RosterAuditEntry[]> {
    return this.get(forumId).then(() => this.storage.readAudit(forumId));
  }

  create(actor: RosterActor, forum: string): Promise<Roster> {
    return this.serial(async () => {
      const id = forumIdOf(forum);
      if (!id) throw new AppError(400, 'invalidInput', 'forum: a forum needs a name');
      if (await this.storage.read(id)) {
        throw new AppError(409, 'rosterExists', 'this forum has a roster already', { id });
      }
      if ((await this.storage.list()).length >= MAX_ROSTERS) {
        throw new AppError(413, 'rosterFull', `at most ${MAX_ROSTERS} rosters`);
      }
      const now = new Date().toISOString();
      const roster: Roster = {
        id,
        forum: forum.trim(),
        createdAt: now,
        createdBy: actor.name,
        updatedAt: now,
        members: [],
      };
      await this.storage.write(roster);
      await this.record(id, actor, { kind: 'roster-created' });
      return roster;
    });
  }

  addMember(actor: RosterActor, forumId: string, input: MemberInput): Promise<RosterMember> {
    return this.change(actor, forumId, (roster) => {
      if (roster.members.length >= MAX_ROSTER_MEMBERS) {
        throw new AppError(413, 'rosterFull', `a roster has at most ${MAX_ROSTER_MEMBERS} members`);
      }
      const member: RosterMember = {
        id: randomUUID(),
        name: input.name,
        email: input.email,
        organisation: input.organisation ?? '',
        title: input.title ?? '',
        forumRole: input.forumRole ?? '',
        role: input.role,
        approver: input.approver ?? false,
        activeFrom: input.activeFrom ?? '',
        activeTo: input.activeTo ?? '',
        addedAt: new Date().toISOString(),
        addedBy: actor.name,
      };
      checkMember(roster, member);
      roster.members.push(member);
      return { value: member, entry: { kind: 'member-added', member } };
    });
  }

  updateMember(
    actor: RosterActor,
    forumId: string,
    memberId: string,
    patch: MemberPatch,
  ): Promise<RosterMember> {
    return this.change(actor, forumId, (roster) => {
      const member = findMember(roster, memberId);
      const changes: NonNullable<RosterAuditEntry['changes']> = {};
      const next = { ...member };
      for (const field of MEMBER_FIELDS) {
        const value = patch[field];
        if (value === undefined || value === member[field]) continue;
        changes[field] = { from: member[field], to: value };
        Object.assign(next, { [field]: value });
      }
      if (Object.keys(changes).length === 0) return { value: member, entry: null };
      checkMember(roster, next);
      Object.assign(member, next);
      return { value: member, entry: { kind: 'member-changed', member, changes } };
    });
  }

  /**
   * Ends a membership: inactive for meetings from today on (activeTo is
   * set to the day before). The entry stays, since invitations name it; an
   * already inactive member is left as it is.
   */
  deactivate(actor: RosterActor, forumId: string, memberId: string): Promise<RosterMember> {
    const today = this.today();
    return this.change(actor, forumId, (roster) => {
      const member = findMember(roster, memberId);
      if (member.activeTo && member.activeTo < today) return { value: member, entry: null };
      const activeTo = dayBefore(today);
      const changes = { activeTo: { from: member.activeTo, to: activeTo } };
      member.activeTo = activeTo;
      return { value: member, entry: { kind: 'member-deactivated', member, changes } };
    });
  }

  /** Runs changes one at a time (rosters change seldom; one queue for all is enough). */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => {});
    return run;
  }

  /** The one course of a member change: change a copy, write it whole, then audit. */
  private change<T>(
    actor: RosterActor,
    forumId: string,
    fn: (roster: Roster) => {
      value: T;
      entry: {
        kind: RosterAuditEntry['kind'];
        member: RosterMember;
        changes?: RosterAuditEntry['changes'];
      } | null;
    },
  ): Promise<T> {
    return this.serial(async () => {
      const roster = await this.get(forumId);
      const { value, entry } = fn(roster);
      if (!entry) return value;
      roster.updatedAt = new Date().toISOString();
      await this.storage.write(roster);
      await this.record(forumId, actor, {
        kind: entry.kind,
        memberId: entry.member.id,
        memberName: entry.member.name,
        ...(entry.changes ? { changes: entry.changes } : {}),
      });
      return value;
    });
  }

  /** Appends to the roster's audit log; the change is written already, so a failure is logged loudly. */
  private async record(
    forumId: string,
    actor: RosterActor,
    what: Omit<RosterAuditEntry, 'at' | 'userId' | 'name'>,
  ) {
    const entry: RosterAuditEntry = {
      at: new Date().toISOString(),
      userId: actor.userId,
      name: actor.name,
      ...what,
    };
    await this.storage.appendAudit(forumId, entry).catch((err) => {
      this.log.error('roster audit entry not written', { forumId, kind: what.kind, error: err });
    });
  }
}

function findMember(roster: Roster, memberId: string): RosterMember {
  const member = roster.members.find((m) => m.id === memberId);
  if (!member) throw notFound('member');
  return member;
}

/** A member as it would be stored: dates in order, e-mail not another member's. */
function checkMember(roster: Roster, member: RosterMember) {
  if (member.activeFrom && member.activeTo && member.activeTo < member.activeFrom) {
    throw new AppError(400, 'datesReversed', 'activeTo is before activeFrom');
  }
  if (roster.members.some((m) => m.id !== member.id && m.email === member.email)) {
    throw new AppError(409, 'emailOnRoster', 'another member has this e-mail address');
  }
}
