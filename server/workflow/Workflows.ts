import { randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { can, PHASE_TRANSITIONS, type Action, type Role } from '../../shared/access/permissions.ts';
import {
  MAX_COMMENT_LENGTH,
  MAX_INVITES,
  MAX_MESSAGES_PER_THREAD,
  MAX_QUOTE_LENGTH,
  MAX_THREADS,
  MAX_DRAFT_VERSIONS,
  MAX_NAMED_VERSIONS,
  type Approval,
  type AuditEntry,
  type CommentAnchor,
  type CommentThread,
  type Invite,
  type RequiredApprover,
  type MeetingState,
  type VersionInfo,
  type VersionKind,
} from '../../shared/access/workflow.ts';
import { MAX_FORUM_LENGTH, isIsoDate, type MeetingMeta, type Phase } from '../../shared/meeting.ts';
import { diffMeetings, type MeetingDiff } from '../../shared/minutes/diff.ts';
import {
  headerMap,
  itemBody,
  itemsMap,
  readHeader,
  readParticipants,
} from '../../shared/minutes/layout.ts';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';
import type { Principal } from '../auth/tokens.ts';
import type { Room } from '../collab/Room.ts';
import { RateLimit } from '../collab/presence.ts';
import type { RoomManager } from '../collab/RoomManager.ts';
import type { Logger } from '../log.ts';
import type { Storage } from '../storage/Storage.ts';
import {
  applyCommentEvent,
  commentTextBytes,
  eventTextBytes,
  replayComments,
  type CommentEvent,
  type CommentSnapshot,
} from './commentEvents.ts';
import { contentHash, hashDocumentJSON } from './contentHash.ts';

const approversFixed = () =>
  new WorkflowError(
    409,
    'the approvers are fixed while the draft is out; withdraw the draft to change them',
  );

/** A refusal with the HTTP status that says why. */
export class WorkflowError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 429 | 500,
    message: string,
  ) {
    super(message);
  }
}

interface WorkflowRecord {
  invites: Invite[];
  approvals: Approval[];
  versions: VersionInfo[];
  /** itemId -> userId -> who last edited the item and when (authors in the diff). */
  editors: Record<string, Record<string, { name: string; at: string }>>;
  /**
   * The approvers, fixed when the draft was sent out: during review the set
   * cannot change (changing it means withdrawing the draft, which voids the
   * approvals). Absent outside review and approved.
   */
  requiredApprovers?: RequiredApprover[];
}

interface Entry {
  meta: MeetingMeta;
  workflow: WorkflowRecord;
  threads: CommentThread[];
  /** Comment text held (commentTextBytes), against CommentLimits.maxBytes. */
  commentBytes: number;
  /** Bytes in the comment event log since its snapshot, against CommentLimits.compactAfterBytes. */
  commentLogBytes: number;
  /** Hash of the current content, kept fresh while the meeting is in review. */
  contentHash: string | null;
}

/** Limits on comment writes (server/config.ts). */
export interface CommentLimits {
  /** Comment text one meeting may hold (UTF-8 bytes of messages and quotes); more is refused (413). */
  maxBytes: number;
  /** Comment writes one person may make in a meeting at once… */
  burst: number;
  /** …and then one per this many milliseconds; more are refused (429). */
  intervalMs: number;
  /** Event log size after which the comments are compacted into one snapshot. */
  compactAfterBytes: number;
}

/** What a caller holds in one meeting once its token was checked. */
export interface Access {
  principal: Principal;
  role: Role;
  meetingId: string;
}

/** The immutable file of a saved version. */
export interface VersionFile extends VersionInfo {
  format: 'referat-version/1';
  meetingId: string;
  /** meetingToJSON(doc).document at the time. */
  document: unknown;
  /** The Yjs state (base64), to rebuild the exact document. */
  state: string;
}

const EDITORS_SAVE_DELAY_MS = 2000;
const HASH_DELAY_MS = 150;
const META_SYNC_DELAY_MS = 300;

function emptyWorkflow(): WorkflowRecord {
  return { invites: [], approvals: [], versions: [], editors: {} };
}

/**
 * The server-owned side of each meeting (DESIGN.md section 5): phase,
 * invites, approvals, versions, comments and the audit log. Every change goes
 * through here, one at a time per meeting, is written before it is
 * acknowledged, and is pushed to the meeting's connected clients.
 */
export class Workflows {
  private readonly entries = new Map<string, Entry>();
  private readonly loading = new Map<string, Promise<Entry | null>>();
  private readonly queues = new Map<string, Promise<unknown>>();
  /** Called after any change of a meeting's state, to push it to clients. */
  onChange: (meetingId: string) => void = () => {};
  /** Audit entries of refused writes, per meeting and person (see refusedWrite). */
  private readonly refusalAudits = new Map<string, { rate: RateLimit; suppressed: number }>();
  /** Versions saved by hand, per meeting and person: a burst of 5, then one per 10 s. */
  private readonly versionRates = new Map<string, RateLimit>();
  /** Called when an invite is revoked, to close its connections. */
  onRevoke: (meetingId: string, inviteId: string) => void = () => {};

  constructor(
    private readonly storage: Storage,
    private readonly rooms: RoomManager,
    private readonly log: Logger,
    private readonly commentLimits: CommentLimits,
  ) {}

  /** The meeting's entry, loaded once; null if the meeting does not exist. */
  private async load(meetingId: string): Promise<Entry | null> {
    const cached = this.entries.get(meetingId);
    if (cached) return cached;
    let pending = this.loading.get(meetingId);
    if (!pending) {
      pending = (async () => {
        const meta = await this.storage.getMeeting(meetingId);
        if (!meta) return null;
        const workflow = {
          ...emptyWorkflow(),
          ...((await this.storage.readRecord(meetingId, 'workflow')) as Partial<WorkflowRecord>),
        };
        const entry: Entry = {
          meta,
          workflow,
          ...(await this.loadComments(meetingId)),
          contentHash: null,
        };
        this.entries.set(meetingId, entry);
        return entry;
      })().finally(() => this.loading.delete(meetingId));
      this.loading.set(meetingId, pending);
    }
    return pending;
  }

  /** The current phase, from memory; null if the meeting was never loaded here. */
  phase(meetingId: string): Phase | null {
    return this.entries.get(meetingId)?.meta.phase ?? null;
  }

  /** Runs `fn` after every earlier change of this meeting finished. */
  /** Resolves once every queued workflow write (of any meeting) has finished: for shutdown. */
  async settled(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private serial<T>(meetingId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queues.get(meetingId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const settled = run.catch(() => {});
    this.queues.set(meetingId, settled);
    void settled.then(() => {
      if (this.queues.get(meetingId) === settled) this.queues.delete(meetingId);
    });
    return run;
  }

  // ---- access -------------------------------------------------------------

  /**
   * Checks a verified principal against a meeting: the token must be for this
   * meeting (or the organiser login), its invite not revoked, and the meeting
   * must exist. The meeting's existence is only looked at after the token
   * matched, so nobody learns which ids exist.
   */
  async authorize(principal: Principal, meetingId: string): Promise<Access> {
    if (principal.meetingId !== '*' && principal.meetingId !== meetingId) {
      throw new WorkflowError(403, 'this token is not for this meeting');
    }
    const entry = await this.load(meetingId);
    if (!entry) throw new WorkflowError(404, 'meeting not found');
    if (principal.credential.kind === 'invite') {
      this.checkInviteLink(entry, principal.credential.inviteId, principal.credential.generation);
    }
    return {
      principal,
      role: principal.meetingId === '*' ? 'organiser' : principal.role,
      meetingId,
    };
  }

  /** The invite exists, is not revoked, and `generation` is its current link: else 401. */
  private checkInviteLink(entry: Entry, inviteId: string, generation: number): Invite {
    const invite = entry.workflow.invites.find((i) => i.id === inviteId);
    if (!invite || invite.revokedAt) throw new WorkflowError(401, 'this invite was revoked');
    if ((invite.linkGeneration ?? 1) !== generation) {
      throw new WorkflowError(401, 'this invite link was replaced by a newer one');
    }
    return invite;
  }

  /**
   * Checks an invite link's credential before access tokens are issued for it
   * (the link may have been revoked or replaced since it was made).
   */
  async checkInviteCredential(meetingId: string, inviteId: string, generation: number) {
    const entry = await this.load(meetingId);
    if (!entry) throw new WorkflowError(401, 'this invite is not valid');
    this.checkInviteLink(entry, inviteId, generation);
  }

  /** Throws 403 unless the access's role may do `action` in the meeting's current phase. */
  require(access: Access, action: Action): Entry {
    const entry = this.entries.get(access.meetingId);
    if (!entry) throw new WorkflowError(404, 'meeting not found');
    if (!can(access.role, entry.meta.phase, action)) {
      throw new WorkflowError(
        403,
        `a ${access.role} may not ${action} while the meeting is in phase ${entry.meta.phase}`,
      );
    }
    return entry;
  }

  mayEditBody(access: Access): boolean {
    const phase = this.phase(access.meetingId);
    return phase !== null && can(access.role, phase, 'editBody');
  }

  // ---- reading ------------------------------------------------------------

  /** In review, makes sure the state carries the current content hash (approvers need it). */
  async ensureHash(meetingId: string): Promise<void> {
    const entry = this.entries.get(meetingId);
    if (entry?.meta.phase !== 'review' || entry.contentHash) return;
    const hash = await this.rooms.read(meetingId, (room) => contentHash(room.doc));
    if (entry.meta.phase === 'review') entry.contentHash ??= hash;
  }

  state(meetingId: string): MeetingState | null {
    const entry = this.entries.get(meetingId);
    if (!entry) return null;
    return {
      meta: entry.meta,
      approvers: this.approvers(entry),
      approvals: entry.workflow.approvals,
      versions: entry.workflow.versions,
      threads: entry.threads,
      contentHash: entry.contentHash,
      failure: this.failureOf(meetingId),
    };
  }

  /** Why the meeting is read-only (a fault, damaged content), if it is; null when unknown or fine. */
  private failureOf(meetingId: string): MeetingState['failure'] {
    const failure = this.rooms.peek(meetingId)?.failure;
    return failure ? { kind: failure.kind, since: failure.since } : null;
  }

  /** Refuses writes that need the live document while the meeting is read-only after a fault. */
  private async requireHealthy(meetingId: string): Promise<void> {
    const failure = await this.rooms.read(meetingId, (room) => room.failure);
    if (failure) {
      throw new WorkflowError(
        409,
        'the meeting is read-only: its content could not be processed; nothing stored is lost',
      );
    }
  }

  private approvers(entry: Entry): RequiredApprover[] {
    const fixed = entry.workflow.requiredApprovers;
    if (fixed && (entry.meta.phase === 'review' || entry.meta.phase === 'approved')) return fixed;
    return this.invitedApprovers(entry);
  }

  /** Who would be asked to approve if the draft were sent now: invitees flagged as approvers. */
  private invitedApprovers(entry: Entry): RequiredApprover[] {
    const seen = new Map<string, string>();
    for (const invite of entry.workflow.invites) {
      // A role that may not approve (an observer) is never a required approver:
      // it would make the minutes impossible to freeze.
      if (
        invite.approver &&
        !invite.revokedAt &&
        can(invite.role, 'review', 'approve') &&
        !seen.has(invite.userId)
      ) {
        seen.set(invite.userId, invite.name);
      }
    }
    return [...seen].map(([userId, name]) => ({ userId, name }));
  }

  invites(access: Access): Invite[] {
    return this.require(access, 'invite').workflow.invites;
  }

  /** The newest entries of the audit log (at most `limit`), and how many there are in all. */
  async auditLog(access: Access, limit = 1000): Promise<{ entries: AuditEntry[]; total: number }> {
    this.require(access, 'viewAudit');
    const all = (await this.storage.readAudit(access.meetingId)) as AuditEntry[];
    return { entries: all.slice(-limit), total: all.length };
  }

  // ---- changes ------------------------------------------------------------

  private async saveWorkflow(meetingId: string, entry: Entry) {
    await this.storage.writeRecord(meetingId, 'workflow', entry.workflow);
  }

  private async saveMeta(entry: Entry) {
    await this.storage.updateMeeting(entry.meta);
  }

  /** Appends to the audit log; a failure is logged, never hidden from the log. */
  async audit(
    meetingId: string,
    who: { userId: string; name: string },
    kind: string,
    detail: Record<string, unknown> = {},
  ) {
    const entry: AuditEntry = {
      at: new Date().toISOString(),
      kind,
      userId: who.userId,
      name: who.name,
      detail,
    };
    // The change itself is already written; a lost audit line is logged loudly.
    await this.storage.appendAudit(meetingId, entry).catch((err) => {
      this.log.error('audit entry not written', { meetingId, kind, detail, error: err });
    });
  }

  /** Forum and date as edited in the document's header, kept in the meeting list. */
  async updateListing(meetingId: string, patch: Pick<MeetingMeta, 'forum' | 'date'>) {
    await this.serial(meetingId, async () => {
      const entry = await this.load(meetingId);
      if (!entry || (entry.meta.forum === patch.forum && entry.meta.date === patch.date)) return;
      const before = entry.meta;
      entry.meta = { ...entry.meta, ...patch };
      try {
        await this.saveMeta(entry);
      } catch (err) {
        entry.meta = before;
        throw err;
      }
    });
  }

  async setPhase(access: Access, to: Phase): Promise<MeetingMeta> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'changePhase');
      await this.requireHealthy(access.meetingId);
      const from = entry.meta.phase;
      if (!PHASE_TRANSITIONS[from].includes(to)) {
        throw new WorkflowError(409, `the meeting cannot go from ${from} to ${to} by hand`);
      }
      const before = structuredClone(entry.workflow);
      const metaBefore = entry.meta;
      try {
        if (to === 'review') {
          // "Draft sent out": the version members comment on and the diff starts from.
          await this.saveVersion(access, entry, 'draft', 'Udkast udsendt');
          // Its approvers are fixed from now on (until the draft is withdrawn).
          entry.workflow.requiredApprovers = this.invitedApprovers(entry);
        }
        if (from === 'review') {
          this.voidApprovals(entry, 'draft withdrawn');
          delete entry.workflow.requiredApprovers;
        }
        entry.meta = { ...entry.meta, phase: to };
        entry.contentHash = null;
        await this.saveWorkflow(access.meetingId, entry);
        await this.saveMeta(entry);
      } catch (err) {
        entry.workflow = before;
        entry.meta = metaBefore;
        throw err;
      }
      await this.audit(access.meetingId, access.principal, 'phase', {
        from,
        to,
        ...(to === 'review'
          ? { approvers: (entry.workflow.requiredApprovers ?? []).map((a) => a.name) }
          : {}),
      });
      if (to === 'review') this.refreshHash(access.meetingId);
      this.onChange(access.meetingId);
      return entry.meta;
    });
  }

  private voidApprovals(entry: Entry, _why: string): Approval[] {
    const now = new Date().toISOString();
    const voided: Approval[] = [];
    for (const approval of entry.workflow.approvals) {
      if (!approval.voidedAt) {
        approval.voidedAt = now;
        voided.push(approval);
      }
    }
    return voided;
  }

  /**
   * The default approvers are the chair(s): the mødeleder named in the
   * header, and participants whose role is formand / næstformand / chair.
   */
  private async isChair(meetingId: string, name: string): Promise<boolean> {
    const wanted = name.trim().toLocaleLowerCase('da');
    return this.rooms.read(meetingId, (room) => {
      if (readHeader(room.doc).chair.trim().toLocaleLowerCase('da') === wanted) return true;
      return readParticipants(room.doc).some(
        (p) =>
          p.name.trim().toLocaleLowerCase('da') === wanted &&
          /(formand|chair|forperson)/i.test(p.role),
      );
    });
  }

  async invite(
    access: Access,
    input: { name: string; role: Role; participantId?: string; approver?: boolean },
  ): Promise<Invite> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'invite');
      const fixed = entry.meta.phase === 'review';
      if (fixed && input.approver) throw approversFixed();
      // While the draft is out the approvers are fixed: a newcomer is not one.
      const approver =
        input.approver ??
        (!fixed && input.role !== 'observer' && (await this.isChair(access.meetingId, input.name)));
      if (entry.workflow.invites.length >= MAX_INVITES) {
        throw new WorkflowError(413, `a meeting has at most ${MAX_INVITES} invites`);
      }
      const invite: Invite = {
        id: randomUUID(),
        userId: `u-${randomUUID()}`,
        name: input.name,
        role: input.role,
        ...(input.participantId ? { participantId: input.participantId } : {}),
        approver,
        createdAt: new Date().toISOString(),
        createdBy: access.principal.name,
        linkGeneration: 1,
        linkIssuedBy: access.principal.name,
        linkIssuedAt: new Date().toISOString(),
      };
      entry.workflow.invites.push(invite);
      try {
        await this.saveWorkflow(access.meetingId, entry);
      } catch (err) {
        entry.workflow.invites.pop();
        throw err;
      }
      await this.audit(access.meetingId, access.principal, 'invite', {
        inviteId: invite.id,
        name: invite.name,
        role: invite.role,
        approver: invite.approver,
        linkGeneration: 1,
      });
      this.onChange(access.meetingId);
      return invite;
    });
  }

  /**
   * A new link for an invite (lost, or expired): the earlier links stop
   * working at once (their access tokens too, and open sockets are closed),
   * and who issued it is audited, so an approval made with a link can be
   * traced to whoever handed it out.
   */
  async reissueLink(access: Access, inviteId: string): Promise<Invite> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'invite');
      const invite = this.findInvite(access, inviteId);
      if (invite.revokedAt) throw new WorkflowError(409, 'the invite was revoked');
      const before = { ...invite };
      invite.linkGeneration = (invite.linkGeneration ?? 1) + 1;
      invite.linkIssuedBy = access.principal.name;
      invite.linkIssuedAt = new Date().toISOString();
      try {
        await this.saveWorkflow(access.meetingId, entry);
      } catch (err) {
        Object.assign(invite, before);
        throw err;
      }
      await this.audit(access.meetingId, access.principal, 'invite-link', {
        inviteId,
        name: invite.name,
        role: invite.role,
        linkGeneration: invite.linkGeneration,
      });
      this.onRevoke(access.meetingId, inviteId);
      this.onChange(access.meetingId);
      return invite;
    });
  }

  findInvite(access: Access, inviteId: string): Invite {
    const invite = this.invites(access).find((i) => i.id === inviteId);
    if (!invite) throw new WorkflowError(404, 'invite not found');
    return invite;
  }

  async updateInvite(
    access: Access,
    inviteId: string,
    patch: { approver?: boolean; revoke?: true },
  ): Promise<Invite> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'invite');
      const invite = this.findInvite(access, inviteId);
      if (invite.revokedAt) throw new WorkflowError(409, 'the invite is already revoked');
      if (
        patch.approver !== undefined &&
        patch.approver !== invite.approver &&
        entry.meta.phase === 'review'
      ) {
        throw approversFixed();
      }
      const before = { ...invite };
      if (patch.approver !== undefined) invite.approver = patch.approver;
      if (patch.revoke) invite.revokedAt = new Date().toISOString();
      try {
        await this.saveWorkflow(access.meetingId, entry);
      } catch (err) {
        Object.assign(invite, before);
        if (!before.revokedAt) delete invite.revokedAt;
        throw err;
      }
      await this.audit(
        access.meetingId,
        access.principal,
        patch.revoke ? 'revoke' : 'invite-change',
        {
          inviteId,
          name: invite.name,
          ...(patch.approver !== undefined ? { approver: patch.approver } : {}),
        },
      );
      if (patch.revoke) this.onRevoke(access.meetingId, inviteId);
      this.onChange(access.meetingId);
      return invite;
    });
  }

  /**
   * Records an approval of the content whose hash the approver saw. When the
   * last required approval comes in, the minutes are frozen.
   */
  async approve(access: Access, hash: string): Promise<{ approval: Approval; frozen: boolean }> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'approve');
      await this.requireHealthy(access.meetingId);
      const userId = access.principal.userId;
      if (!this.approvers(entry).some((a) => a.userId === userId)) {
        throw new WorkflowError(403, 'you are not one of the required approvers of these minutes');
      }
      const current = await this.rooms.read(access.meetingId, (room) => contentHash(room.doc));
      if (hash !== current) {
        throw new WorkflowError(
          409,
          'the minutes changed since you looked at them; read them again',
        );
      }
      const approval: Approval = {
        userId,
        name: access.principal.name,
        at: new Date().toISOString(),
        hash,
        credential: this.credentialRecord(entry, access),
      };
      const before = structuredClone(entry.workflow);
      // An approver's earlier approval is replaced by the new one.
      entry.workflow.approvals = entry.workflow.approvals.filter(
        (a) => a.userId !== userId || a.voidedAt,
      );
      entry.workflow.approvals.push(approval);
      try {
        await this.saveWorkflow(access.meetingId, entry);
      } catch (err) {
        entry.workflow = before;
        throw err;
      }
      await this.audit(access.meetingId, access.principal, 'approve', {
        hash,
        credential: approval.credential,
      });
      const frozen = await this.freezeIfApproved(access, entry);
      this.onChange(access.meetingId);
      return { approval, frozen };
    });
  }

  /** How the approver was established: their credential, token, and who issued the credential. */
  private credentialRecord(entry: Entry, access: Access): Approval['credential'] {
    const { credential, tokenId } = access.principal;
    if (credential.kind !== 'invite') return { ...credential, tokenId };
    const invite = entry.workflow.invites.find((i) => i.id === credential.inviteId);
    return {
      ...credential,
      tokenId,
      ...(invite?.linkIssuedBy
        ? { issuedBy: invite.linkIssuedBy, issuedAt: invite.linkIssuedAt }
        : {}),
    };
  }

  /** All required approvers approved this exact content: freeze it. */
  private async freezeIfApproved(access: Access, entry: Entry): Promise<boolean> {
    const approvers = this.approvers(entry);
    if (approvers.length === 0) return false;
    // Synchronously: check against the live document and close it to edits
    // in the same tick, so no edit can slip in between check and freeze.
    const snapshot = await this.rooms.read(access.meetingId, (room) => {
      const json = meetingToJSON(room.doc).document;
      const hash = hashDocumentJSON(json);
      const valid = (userId: string) =>
        entry.workflow.approvals.some((a) => a.userId === userId && !a.voidedAt && a.hash === hash);
      if (!approvers.every((a) => valid(a.userId))) return null;
      entry.meta = { ...entry.meta, phase: 'approved' };
      return { json, hash, state: Y.encodeStateAsUpdate(room.doc) };
    });
    if (!snapshot) return false;
    const metaBefore: MeetingMeta = { ...entry.meta, phase: 'review' };
    const workflowBefore = structuredClone(entry.workflow);
    try {
      const version = await this.writeVersionFile(access, entry, 'approved', 'Godkendt', snapshot);
      entry.meta = {
        ...entry.meta,
        phase: 'approved',
        frozen: { versionId: version.id, hash: version.hash, at: version.createdAt },
      };
      await this.saveWorkflow(access.meetingId, entry);
      await this.saveMeta(entry);
    } catch (err) {
      entry.meta = metaBefore;
      entry.workflow = workflowBefore;
      this.log.error('freezing the approved minutes failed', {
        meetingId: access.meetingId,
        error: err,
      });
      throw new WorkflowError(500, 'the approved minutes could not be saved; try again');
    }
    entry.contentHash = snapshot.hash;
    await this.audit(access.meetingId, access.principal, 'freeze', {
      versionId: entry.meta.frozen!.versionId,
      hash: snapshot.hash,
      approvers: approvers.map((a) => a.name),
    });
    this.log.info('minutes approved and frozen', {
      meetingId: access.meetingId,
      hash: snapshot.hash,
    });
    return true;
  }

  private async saveVersion(
    access: Access,
    entry: Entry,
    kind: VersionKind,
    name: string,
  ): Promise<VersionInfo> {
    const snapshot = await this.rooms.read(access.meetingId, (room) => {
      const json = meetingToJSON(room.doc).document;
      return { json, hash: hashDocumentJSON(json), state: Y.encodeStateAsUpdate(room.doc) };
    });
    return this.writeVersionFile(access, entry, kind, name, snapshot);
  }

  private async writeVersionFile(
    access: Access,
    entry: Entry,
    kind: VersionKind,
    name: string,
    snapshot: { json: unknown; hash: string; state: Uint8Array },
  ): Promise<VersionInfo> {
    // Each kind has its own budget: versions saved by hand can never stop a
    // draft from being sent, and the approved version is never refused.
    const limit = kind === 'named' ? MAX_NAMED_VERSIONS : kind === 'draft' ? MAX_DRAFT_VERSIONS : 0;
    const count = entry.workflow.versions.filter((v) => v.kind === kind).length;
    if (limit > 0 && count >= limit) {
      throw new WorkflowError(
        413,
        kind === 'named'
          ? `a meeting keeps at most ${limit} versions saved by hand`
          : `a meeting keeps at most ${limit} drafts`,
      );
    }
    const number = entry.workflow.versions.reduce((n, v) => Math.max(n, Number(v.id.slice(1))), 0);
    const info: VersionInfo = {
      id: `v${number + 1}`,
      kind,
      name,
      createdAt: new Date().toISOString(),
      createdBy: access.principal.name,
      hash: snapshot.hash,
    };
    const file: VersionFile = {
      format: 'referat-version/1',
      meetingId: access.meetingId,
      ...info,
      document: snapshot.json,
      state: Buffer.from(snapshot.state).toString('base64'),
    };
    await this.storage.writeVersion(access.meetingId, info.id, JSON.stringify(file));
    entry.workflow.versions.push(info);
    return info;
  }

  async namedVersion(access: Access, name: string): Promise<VersionInfo> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'editBody');
      await this.requireHealthy(access.meetingId);
      const key = `${access.meetingId} ${access.principal.userId}`;
      let rate = this.versionRates.get(key);
      if (!rate) this.versionRates.set(key, (rate = new RateLimit(5, 1 / 10)));
      if (!rate.take()) {
        throw new WorkflowError(429, 'too many versions saved in a short time; wait a little');
      }
      const before = structuredClone(entry.workflow);
      let info: VersionInfo;
      try {
        info = await this.saveVersion(access, entry, 'named', name);
        await this.saveWorkflow(access.meetingId, entry);
      } catch (err) {
        entry.workflow = before;
        throw err;
      }
      await this.audit(access.meetingId, access.principal, 'version', { versionId: info.id, name });
      this.onChange(access.meetingId);
      return info;
    });
  }

  /**
   * A saved version, with its integrity checked: the file's hash must match
   * the hash recorded when it was made, its document must hash to it, and its
   * Yjs state must rebuild that document.
   */
  async readVersion(
    access: Access,
    versionId: string,
  ): Promise<{ version: VersionFile; verified: boolean; problems: string[] }> {
    const entry = this.require(access, 'read');
    const info = entry.workflow.versions.find((v) => v.id === versionId);
    if (!info) throw new WorkflowError(404, 'version not found');
    const raw = await this.storage.readVersion(access.meetingId, versionId);
    if (raw === null) throw new WorkflowError(500, 'the version file is missing');
    const problems: string[] = [];
    let version: VersionFile;
    try {
      version = JSON.parse(raw) as VersionFile;
    } catch {
      throw new WorkflowError(500, 'the version file is damaged');
    }
    if (version.hash !== info.hash) problems.push('the file names a different hash than recorded');
    if (hashDocumentJSON(version.document) !== info.hash) {
      problems.push('the content does not match the recorded hash');
    }
    const frozen = entry.meta.frozen;
    if (frozen?.versionId === versionId && frozen.hash !== info.hash) {
      problems.push('the approved hash differs from the meeting record');
    }
    try {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(version.state, 'base64'));
      if (contentHash(doc) !== info.hash)
        problems.push('the saved Yjs state does not match the hash');
      doc.destroy();
    } catch {
      problems.push('the saved Yjs state is unreadable');
    }
    if (problems.length) {
      this.log.error('version failed verification', {
        meetingId: access.meetingId,
        versionId,
        problems,
      });
    }
    return { version, verified: problems.length === 0, problems };
  }

  /** What changed between a saved version (default: the draft sent out) and now. */
  async diff(
    access: Access,
    fromVersionId?: string,
  ): Promise<{ from: VersionInfo; diff: MeetingDiff }> {
    const entry = this.require(access, 'read');
    const from = fromVersionId
      ? entry.workflow.versions.find((v) => v.id === fromVersionId)
      : [...entry.workflow.versions].reverse().find((v) => v.kind === 'draft');
    if (!from) {
      throw new WorkflowError(
        404,
        fromVersionId ? 'version not found' : 'no draft was sent out yet',
      );
    }
    const { version, verified } = await this.readVersion(access, from.id);
    if (!verified) throw new WorkflowError(500, 'the saved version failed verification');
    const current = await this.rooms.read(
      access.meetingId,
      (room) => meetingToJSON(room.doc).document,
    );
    const diff = diffMeetings(version.document as never, current);
    for (const item of diff.items) {
      const editors = entry.workflow.editors[item.itemId] ?? {};
      const names = Object.values(editors)
        .filter((e) => e.at > from.createdAt)
        .map((e) => e.name);
      if (names.length) item.authors = [...new Set(names)].sort();
    }
    return { from, diff };
  }

  /**
   * What an export prints: the frozen version once approved (verified
   * first: an export never carries content that fails its hash), else the
   * live document.
   */
  async documentForExport(access: Access): Promise<{ state: MeetingState; document: JSONContent }> {
    const entry = this.require(access, 'read');
    const frozen = entry.meta.frozen;
    let document: JSONContent;
    if (entry.meta.phase === 'approved' && frozen) {
      const { version, verified } = await this.readVersion(access, frozen.versionId);
      if (!verified) throw new WorkflowError(500, 'the approved version failed verification');
      document = version.document as JSONContent;
    } else {
      document = await this.rooms.read(
        access.meetingId,
        (room) => meetingToJSON(room.doc).document,
      );
    }
    return { state: this.state(access.meetingId)!, document };
  }

  // ---- comments -----------------------------------------------------------

  /** Called with a thread after it changed, to push that thread alone (not all of them) to clients. */
  onThread: (meetingId: string, thread: CommentThread) => void = () => {};
  /** How fast each person comments, per meeting and user id (CommentLimits). */
  private readonly commentRates = new Map<string, RateLimit>();

  /**
   * The meeting's comments: the event log's snapshot (for a meeting from
   * before the log: its comments.json, until the first compaction) and the
   * events since.
   */
  private async loadComments(
    meetingId: string,
  ): Promise<Pick<Entry, 'threads' | 'commentBytes' | 'commentLogBytes'>> {
    const log = await this.storage.readEvents(meetingId, 'comments');
    const snapshot = log.snapshot ?? (await this.storage.readRecord(meetingId, 'comments'));
    const { threads, problems } = replayComments(snapshot, log.events);
    for (const problem of problems) this.log.warn('comment event skipped', { meetingId, problem });
    return { threads, commentBytes: commentTextBytes(threads), commentLogBytes: log.bytes };
  }

  private checkText(text: unknown, what: string, max: number): string {
    if (typeof text !== 'string') throw new WorkflowError(400, `${what} must be a string`);
    const trimmed = text.trim();
    if (!trimmed) throw new WorkflowError(400, `${what} is empty`);
    if (trimmed.length > max)
      throw new WorkflowError(400, `${what} is longer than ${max} characters`);
    return trimmed;
  }

  /** @Name of a participant in the text -> that participant's id. */
  private mentions(room: Room, text: string): string[] {
    const lower = text.toLowerCase();
    return readParticipants(room.doc)
      .filter((p) => p.name.trim() && lower.includes('@' + p.name.trim().toLowerCase()))
      .map((p) => p.id);
  }

  async addThread(
    access: Access,
    input: { itemId: unknown; anchor: unknown; quote: unknown; text: unknown },
  ): Promise<CommentThread> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'comment');
      if (entry.threads.length >= MAX_THREADS) {
        throw new WorkflowError(413, `a meeting has at most ${MAX_THREADS} comment threads`);
      }
      const text = this.checkText(input.text, 'text', MAX_COMMENT_LENGTH);
      const quote = typeof input.quote === 'string' ? input.quote.slice(0, MAX_QUOTE_LENGTH) : '';
      if (typeof input.itemId !== 'string' || input.itemId.length > 100) {
        throw new WorkflowError(400, 'itemId must be an item id');
      }
      const itemId = input.itemId;
      const { anchor, mentions } = await this.rooms.read(access.meetingId, (room) => ({
        anchor: this.checkAnchor(room, itemId, input.anchor),
        mentions: this.mentions(room, text),
      }));
      const now = new Date().toISOString();
      const thread: CommentThread = {
        id: randomUUID(),
        itemId,
        anchor,
        quote,
        resolved: false,
        messages: [
          {
            id: randomUUID(),
            authorId: access.principal.userId,
            authorName: access.principal.name,
            authorRole: access.role,
            text,
            at: now,
            mentions,
          },
        ],
      };
      return this.saveComment(access, entry, { type: 'thread', thread });
    });
  }

  /** The anchor must be two relative positions inside the item's body. */
  private checkAnchor(room: Room, itemId: string, anchor: unknown): CommentAnchor {
    const body = itemBody(room.doc, itemId);
    if (!body) throw new WorkflowError(400, 'no such agenda item');
    if (typeof anchor !== 'object' || anchor === null) {
      throw new WorkflowError(400, 'anchor must be { start, end }');
    }
    const { start, end } = anchor as Record<string, unknown>;
    if (JSON.stringify(anchor).length > 1000) throw new WorkflowError(400, 'anchor too large');
    for (const pos of [start, end]) {
      let absolute: Y.AbsolutePosition | null = null;
      try {
        absolute = Y.createAbsolutePositionFromRelativePosition(
          Y.createRelativePositionFromJSON(pos),
          room.doc,
        );
      } catch {
        absolute = null;
      }
      if (!absolute || !this.isInside(absolute.type, body)) {
        throw new WorkflowError(400, 'anchor is not a position in that agenda item');
      }
    }
    return { start, end };
  }

  private isInside(type: Y.AbstractType<unknown>, body: Y.XmlFragment): boolean {
    for (let t: Y.AbstractType<unknown> | null = type; t; t = t._item?.parent as never) {
      if (t === (body as unknown)) return true;
      if (!t._item) return false;
    }
    return false;
  }

  private thread(entry: Entry, threadId: string): CommentThread {
    const thread = entry.threads.find((t) => t.id === threadId);
    if (!thread) throw new WorkflowError(404, 'comment thread not found');
    return thread;
  }

  async reply(access: Access, threadId: string, text: unknown): Promise<CommentThread> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'comment');
      const thread = this.thread(entry, threadId);
      if (thread.messages.length >= MAX_MESSAGES_PER_THREAD) {
        throw new WorkflowError(413, `a thread has at most ${MAX_MESSAGES_PER_THREAD} messages`);
      }
      const checked = this.checkText(text, 'text', MAX_COMMENT_LENGTH);
      const mentions = await this.rooms.read(access.meetingId, (room) =>
        this.mentions(room, checked),
      );
      return this.saveComment(access, entry, {
        type: 'reply',
        threadId,
        message: {
          id: randomUUID(),
          authorId: access.principal.userId,
          authorName: access.principal.name,
          authorRole: access.role,
          text: checked,
          at: new Date().toISOString(),
          mentions,
        },
      });
    });
  }

  async resolve(access: Access, threadId: string, resolved: boolean): Promise<CommentThread> {
    return this.serial(access.meetingId, async () => {
      const entry = this.require(access, 'comment');
      const thread = this.thread(entry, threadId);
      if (thread.resolved === resolved) return thread; // nothing to store
      return this.saveComment(access, entry, {
        type: 'resolve',
        threadId,
        resolved,
        by: access.principal.name,
        at: new Date().toISOString(),
      });
    });
  }

  /**
   * Stores one comment event (one appended, fsync'd record), then applies it
   * and pushes the changed thread. Refused before anything is written if the
   * meeting's comment text would pass its limit (413) or the writer comments
   * faster than allowed (429). Runs inside the meeting's serial queue.
   */
  private async saveComment(
    access: Access,
    entry: Entry,
    event: CommentEvent,
  ): Promise<CommentThread> {
    const meetingId = access.meetingId;
    const limits = this.commentLimits;
    const added = eventTextBytes(event);
    if (added > 0 && entry.commentBytes + added > limits.maxBytes) {
      throw new WorkflowError(
        413,
        `the comments of a meeting may hold at most ${limits.maxBytes} bytes of text`,
      );
    }
    const key = `${meetingId} ${access.principal.userId}`;
    let rate = this.commentRates.get(key);
    if (!rate) {
      rate = new RateLimit(limits.burst, 1000 / limits.intervalMs);
      this.commentRates.set(key, rate);
    }
    if (!rate.take()) {
      throw new WorkflowError(429, 'too many comments in a short time; wait a little');
    }
    const { threads, thread } = applyCommentEvent(entry.threads, event);
    const { bytes } = await this.storage.appendEvents(meetingId, 'comments', [event]);
    entry.threads = threads;
    entry.commentBytes += added;
    entry.commentLogBytes = bytes;
    this.onThread(meetingId, thread);
    if (bytes >= limits.compactAfterBytes) this.compactComments(meetingId, entry);
    return thread;
  }

  /**
   * Rewrites the comment log as one snapshot, queued after the writes before
   * it. A failure only leaves the log longer; the next comment tries again.
   */
  private compactComments(meetingId: string, entry: Entry) {
    void this.serial(meetingId, async () => {
      if (entry.commentLogBytes < this.commentLimits.compactAfterBytes) return;
      const snapshot: CommentSnapshot = { threads: entry.threads };
      await this.storage.compactEvents(meetingId, 'comments', snapshot);
      entry.commentLogBytes = 0;
    }).catch((err) =>
      this.log.warn('comments not compacted; their event log keeps them', {
        meetingId,
        error: err,
      }),
    );
  }

  // ---- the live document ----------------------------------------------------

  /**
   * Watches a loaded meeting's document: in review, any change of content
   * voids earlier approvals (visibly, with an audit entry); every edit is
   * attributed to its author per item (for the diff); an approved meeting's
   * document is checked against its frozen hash.
   */
  attach(room: Room) {
    const meetingId = room.meetingId;
    let hashTimer: NodeJS.Timeout | null = null;
    let editorsTimer: NodeJS.Timeout | null = null;
    // Everything below runs in timers and document events: a throw marks this
    // meeting failing (read-only) instead of reaching the process.
    room.onFailure(() => this.onChange(meetingId));
    // Hashing a big meeting takes a while on the event loop: wait at least ten
    // times as long as the last hash took, so it never takes more than about
    // a tenth of the server's time however fast people type.
    let lastHashMs = 0;
    const onUpdate = room.guard('content hash watcher', () => {
      if (this.phase(meetingId) !== 'review' || hashTimer) return;
      hashTimer = setTimeout(
        room.guard('content hash refresh', () => {
          hashTimer = null;
          const started = performance.now();
          this.refreshHash(meetingId);
          lastHashMs = performance.now() - started;
        }),
        Math.max(HASH_DELAY_MS, 10 * lastHashMs),
      );
    });
    const saveEditors = (entry: Entry) =>
      void this.serial(meetingId, () => this.saveWorkflow(meetingId, entry)).catch((err) =>
        this.log.warn('edit attribution not saved', { meetingId, error: err }),
      );
    const onTransaction = room.guard('edit attribution', (tr: Y.Transaction) => {
      const principal = (tr.origin as { access?: Access } | null)?.access?.principal;
      const entry = this.entries.get(meetingId);
      if (!principal || !entry || tr.changed.size === 0) return;
      const root = itemsMap(room.doc);
      const at = new Date().toISOString();
      // The diff asks "who edited this item after version X"; a newer time
      // for someone already known to have edited after the latest version
      // changes no answer, so it is kept in memory and not written (a typist
      // would otherwise cost one atomic file write per meeting every 2 s).
      const latestVersion = entry.workflow.versions.at(-1)?.createdAt ?? '';
      let changed = false;
      for (const type of tr.changed.keys()) {
        const itemId = itemIdOf(type, root);
        if (!itemId) continue;
        const editors = (entry.workflow.editors[itemId] ??= {});
        const previous = editors[principal.userId];
        editors[principal.userId] = { name: principal.name, at };
        if (!previous || previous.at <= latestVersion || previous.name !== principal.name) {
          changed = true;
        }
      }
      if (changed && !editorsTimer) {
        editorsTimer = setTimeout(
          room.guard('edit attribution save', () => {
            editorsTimer = null;
            saveEditors(entry);
          }),
          EDITORS_SAVE_DELAY_MS,
        );
      }
    });
    room.doc.on('update', onUpdate);
    room.doc.on('afterTransaction', onTransaction);
    this.watchHeader(room);
    room.beforeDestroy(() => {
      if (hashTimer) clearTimeout(hashTimer);
      if (editorsTimer) {
        // The meeting leaves memory: write what the timer would have written.
        clearTimeout(editorsTimer);
        const entry = this.entries.get(meetingId);
        if (entry) saveEditors(entry);
      }
      room.doc.off('update', onUpdate);
      room.doc.off('afterTransaction', onTransaction);
    });
    room.watch(
      'approved hash check',
      this.load(meetingId).then((entry) => {
        if (!entry) return;
        if (entry.meta.phase === 'review') this.refreshHash(meetingId);
        const frozen = entry.meta.frozen;
        if (entry.meta.phase === 'approved' && frozen && contentHash(room.doc) !== frozen.hash) {
          this.log.error('approved minutes differ from their frozen hash', { meetingId });
        }
      }),
    );
  }

  /**
   * The meeting list shows forum and date from each meeting's meta; they are
   * edited in the document's header. Keep the meta in step, a moment after
   * the last header change (best effort: the document is the truth).
   */
  private watchHeader(room: Room) {
    const meetingId = room.meetingId;
    let timer: NodeJS.Timeout | null = null;
    const run = () => {
      timer = null;
      const header = readHeader(room.doc); // now: the room may be destroyed while we wait
      const entry = this.entries.get(meetingId);
      if (!entry) return;
      const date = isIsoDate(header.date) ? header.date : entry.meta.date;
      const forum = header.forum.trim().slice(0, MAX_FORUM_LENGTH) || entry.meta.forum;
      this.updateListing(meetingId, { forum, date }).catch((err) =>
        this.log.warn('meeting list entry not updated', { meetingId, error: err }),
      );
    };
    const guarded = room.guard('meeting list sync', run);
    headerMap(room.doc).observe(
      room.guard('header watcher', () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(guarded, META_SYNC_DELAY_MS);
      }),
    );
    room.beforeDestroy(() => {
      if (timer) clearTimeout(timer);
      if (timer !== null) guarded();
    });
  }

  /** Recomputes the content hash (review); approvals of other content are voided. */
  private refreshHash(meetingId: string) {
    const room = this.rooms.peek(meetingId);
    const entry = this.entries.get(meetingId);
    if (!room || !entry || entry.meta.phase !== 'review') return;
    const hash = contentHash(room.doc);
    if (hash === entry.contentHash) return;
    entry.contentHash = hash;
    const stale = entry.workflow.approvals.filter((a) => !a.voidedAt && a.hash !== hash);
    if (stale.length === 0) {
      this.onChange(meetingId);
      return;
    }
    void this.serial(meetingId, async () => {
      const now = new Date().toISOString();
      for (const approval of stale) approval.voidedAt ??= now;
      await this.saveWorkflow(meetingId, entry);
      for (const approval of stale) {
        await this.audit(meetingId, { userId: 'system', name: 'Referat' }, 'approval-voided', {
          approver: approval.name,
          approvedHash: approval.hash,
          contentHash: hash,
        });
      }
      this.onChange(meetingId);
    }).catch((err) => this.log.error('voiding approvals failed', { meetingId, error: err }));
  }

  /** Writes an audit entry for a refused websocket write (rate-limited by the caller). */
  refusedWrite(access: Access, detail: Record<string, unknown>) {
    // Sockets cost nothing to open: per person and meeting a few entries,
    // then one a minute carrying how many were left out, so the log stays
    // readable and cannot be used to fill the disk.
    const key = `${access.meetingId} ${access.principal.userId}`;
    let limit = this.refusalAudits.get(key);
    if (!limit) {
      limit = { rate: new RateLimit(5, 1 / 60), suppressed: 0 };
      this.refusalAudits.set(key, limit);
    }
    if (!limit.rate.take()) {
      limit.suppressed++;
      return;
    }
    const suppressed = limit.suppressed;
    limit.suppressed = 0;
    void this.audit(access.meetingId, access.principal, 'refused-write', {
      ...detail,
      ...(suppressed ? { notLoggedBefore: suppressed } : {}),
    });
  }

  /** Registers a newly created meeting so its first access needs no disk read. */
  created(meta: MeetingMeta) {
    this.entries.set(meta.id, {
      meta,
      workflow: emptyWorkflow(),
      threads: [],
      commentBytes: 0,
      commentLogBytes: 0,
      contentHash: null,
    });
  }
}

/** The agenda item a changed type belongs to (walking up to the `items` map), if any. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function itemIdOf(type: Y.AbstractType<any>, root: object): string | null {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  for (let t: Y.AbstractType<any> | null = type; t?._item; t = t._item.parent as never) {
    if ((t._item.parent as object) === root) return t._item.parentSub;
  }
  return null;
}
