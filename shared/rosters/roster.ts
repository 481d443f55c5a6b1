import type { Role } from '../access/permissions.ts';

/**
 * A forum's roster: the people the secretariat keeps for one forum (a
 * Driftsforum, an MED-udvalg). New meetings of the forum take their
 * participants and invitations from it. E-mail addresses are personal data:
 * only the secretariat reads a roster; a member reads their own entry.
 */

/** The Referat roles a roster member can be invited with (the secretariat is not a member). */
export const ROSTER_ROLES = [
  'member',
  'minuteTaker',
  'observer',
] as const satisfies readonly Role[];
export type RosterRole = (typeof ROSTER_ROLES)[number];

/** Roles in the forum the form suggests; any other text is allowed. */
export const FORUM_ROLE_SUGGESTIONS = [
  'formand',
  'næstformand',
  'medlem',
  'sekretær',
  'observatør',
] as const;

export interface RosterMember {
  id: string;
  name: string;
  /** Lower case; unique within the roster (it is how a person is found when they sign in). */
  email: string;
  organisation: string;
  /** Job title, e.g. "Klinikchef". */
  title: string;
  /** Role in the forum as the minutes name it: formand, næstformand, medlem … */
  forumRole: string;
  /** The role invitations made from the roster get. */
  role: RosterRole;
  /** Invitations made from the roster make this person an approver. */
  approver: boolean;
  /** YYYY-MM-DD or '' (no bound): active for meetings dated from … to, inclusive. */
  activeFrom: string;
  activeTo: string;
  addedAt: string;
  addedBy: string;
}

export interface Roster {
  /** forumIdOf(forum): the same for every spelling that normalises alike. */
  id: string;
  /** The forum's name as the secretariat wrote it when the roster was made. */
  forum: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** Deactivated members stay (with activeTo in the past): invitations name them. */
  members: RosterMember[];
}

/** What the list of rosters shows: no personal data. */
export interface RosterSummary {
  id: string;
  forum: string;
  members: number;
  /** Members active today. */
  active: number;
  updatedAt: string;
}

export const ROSTER_AUDIT_KINDS = [
  'roster-created',
  'member-added',
  'member-changed',
  'member-deactivated',
] as const;
export type RosterAuditKind = (typeof ROSTER_AUDIT_KINDS)[number];

/** One change of a roster: who, when, which member, and (for changes) each field's old and new value. */
export interface RosterAuditEntry {
  at: string;
  kind: RosterAuditKind;
  userId: string;
  name: string;
  memberId?: string;
  memberName?: string;
  changes?: Record<string, { from: unknown; to: unknown }>;
}

/** Limits: a forum has tens of members; the bounds keep a roster file small. */
export const MAX_ROSTER_MEMBERS = 300;
export const MAX_ROSTERS = 1000;
export const MAX_ROSTER_FIELD_LENGTH = 200;

/**
 * A forum's name as compared: Unicode NFC, trimmed, runs of white space as
 * one space, dashes as "-", lower case (Danish rules). "Driftsforum  Nord"
 * and "driftsforum nord" are one forum; so are "MED – Syd" and "MED - Syd".
 */
export function normaliseForum(forum: string): string {
  return forum
    .normalize('NFC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .toLocaleLowerCase('da');
}

/** Whether the member is active for a meeting on `date` (YYYY-MM-DD), bounds included. */
export function isActiveOn(member: Pick<RosterMember, 'activeFrom' | 'activeTo'>, date: string) {
  return (
    (!member.activeFrom || member.activeFrom <= date) &&
    (!member.activeTo || date <= member.activeTo)
  );
}

/** Today's date in Denmark as YYYY-MM-DD (a meeting without a date is taken to be today). */
export function todayInDenmark(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen' }).format(now);
}

/** The day before `date` (YYYY-MM-DD): deactivating today makes a member inactive from today. */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

const nameCollator = new Intl.Collator('da', { sensitivity: 'accent', usage: 'search' });

/**
 * Whether two names are the same person's as written in minutes: white space
 * and case aside, compared with Danish collation: Å and å alike, and Aa
 * and Å (the old spelling) too; A and Å, O and Ø, L and Ł differ.
 */
export function sameName(a: string, b: string): boolean {
  const tidy = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
  const x = tidy(a);
  const y = tidy(b);
  return x !== '' && nameCollator.compare(x, y) === 0;
}
