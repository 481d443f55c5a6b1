import type { Phase } from '../meeting.ts';

/** Roles a person can hold in one meeting (docs/design.md, "People, roles, phases"). */
export const ROLES = ['organiser', 'minuteTaker', 'member', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What can be done to a meeting. `approve` additionally needs the person to be
 * one of the meeting's required approvers; everything else depends only on
 * role and phase. Files (bilag) are uploaded and deleted by whoever may
 * `editBody`; an observer (the public) never gets `readClosed`.
 */
export const ACTIONS = [
  'read',
  'editBody',
  'comment',
  'approve',
  'changePhase',
  'invite',
  'viewAudit',
  /**
   * Afbud: register one's own absence (server/resources/meetings/AbsenceService.ts),
   * before the minutes are drafted.
   */
  'reportAbsence',
  /** Closed items' files (bilag) and the full (not public) agenda package. */
  'readClosed',
] as const;
export type Action = (typeof ACTIONS)[number];

type Cell = readonly Action[];

/**
 * THE permission table: for each phase, what each role may do. The server
 * checks every websocket message and REST call against it; the client only
 * uses it to hide what the server would refuse. Nobody edits the body once
 * the minutes are approved (frozen).
 */
export const PERMISSIONS: Record<Phase, Record<Role, Cell>> = {
  agenda: {
    organiser: [
      'read',
      'editBody',
      'comment',
      'changePhase',
      'invite',
      'viewAudit',
      'reportAbsence',
      'readClosed',
    ],
    minuteTaker: ['read', 'editBody', 'comment', 'changePhase', 'reportAbsence', 'readClosed'],
    member: ['read', 'comment', 'reportAbsence', 'readClosed'],
    observer: ['read', 'reportAbsence'],
  },
  meeting: {
    organiser: [
      'read',
      'editBody',
      'comment',
      'changePhase',
      'invite',
      'viewAudit',
      'reportAbsence',
      'readClosed',
    ],
    minuteTaker: ['read', 'editBody', 'comment', 'changePhase', 'reportAbsence', 'readClosed'],
    member: ['read', 'reportAbsence', 'readClosed'],
    observer: ['read', 'reportAbsence'],
  },
  review: {
    organiser: [
      'read',
      'editBody',
      'comment',
      'approve',
      'changePhase',
      'invite',
      'viewAudit',
      'readClosed',
    ],
    minuteTaker: ['read', 'editBody', 'comment', 'approve', 'readClosed'],
    member: ['read', 'comment', 'approve', 'readClosed'],
    observer: ['read'],
  },
  approved: {
    organiser: ['read', 'invite', 'viewAudit', 'readClosed'],
    minuteTaker: ['read', 'readClosed'],
    member: ['read', 'readClosed'],
    observer: ['read'],
  },
};

export function can(role: Role, phase: Phase, action: Action): boolean {
  return PERMISSIONS[phase][role].includes(action);
}

/**
 * Phase changes a person with `changePhase` may make by hand. `approved` is
 * never set by hand: the server freezes the minutes when the last required
 * approval comes in. Going back from review to meeting withdraws the draft
 * (and voids approvals).
 */
export const PHASE_TRANSITIONS: Record<Phase, readonly Phase[]> = {
  agenda: ['meeting'],
  meeting: ['review'],
  review: ['meeting'],
  approved: [],
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
