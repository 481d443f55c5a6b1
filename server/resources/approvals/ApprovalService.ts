import * as Y from 'yjs';
import type { Approval } from '../../../shared/access/workflow.ts';
import { meetingToJSON } from '../../../shared/minutes/toJSON.ts';
import { deviceMessage, verifySignature } from '../access/deviceKeys.ts';
import type { PersonSessions } from '../access/PersonSessions.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { RoomHooks } from '../../collab/Room.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { Access, MeetingRecord, MeetingStore } from '../meetings/MeetingStore.ts';
import type { AuditNote } from '../meetings/records.ts';
import { bilagRefs, contentHash, hashDocumentJSON } from '../versions/contentHash.ts';
import type { VersionService } from '../versions/VersionService.ts';
import { approversOf, invitedApprovers } from './approvers.ts';
import { voidApprovals } from './voidApprovals.ts';

/** What ApprovalService is made with, beside the meeting store and the versions. */
export interface ApprovalServiceDeps {
  /** The open documents: an approval binds to the live content's hash, freezing reads it. */
  rooms: RoomManager;
  /** `phaseChanged` is said here when the last approval freezes the minutes. */
  hooks: RoomHooks;
  /** Sign-ins through an identity provider: an approval needs a fresh one. */
  people: PersonSessions;
  /** How old that sign-in may be (seconds). */
  stepUpSeconds: number;
  log: Logger;
}

/**
 * Approval: the required approvers (fixed while the draft is out), each
 * approving the exact content it saw (its hash), recorded with how the
 * approver was established; the last approval freezes the minutes into an
 * immutable version.
 */
export class ApprovalService {
  constructor(
    private readonly store: MeetingStore,
    private readonly versions: VersionService,
    private readonly deps: ApprovalServiceDeps,
  ) {}

  /** In review, makes sure the state carries the current content hash (approvers need it). */
  async ensureHash(meetingId: string): Promise<void> {
    const record = this.store.peek(meetingId);
    if (record?.meta.phase !== 'review' || record.contentHash) return;
    const hash = await this.deps.rooms.read(meetingId, (room) =>
      contentHash(room.doc, record.workflow.bilag),
    );
    if (record.meta.phase === 'review') record.contentHash ??= hash;
  }

  /** The draft goes out: its approvers are fixed from now on (until it is withdrawn). */
  fixApprovers(record: MeetingRecord) {
    record.workflow.requiredApprovers = invitedApprovers(record);
  }

  /**
   * The draft is withdrawn (inside the phase change): every approval given is
   * void, the approvers free again. Returns the audit entries.
   */
  withdraw(record: MeetingRecord): AuditNote[] {
    delete record.workflow.requiredApprovers;
    return voidApprovals(record, { kind: 'withdrawn' });
  }

  /**
   * The content now hashes to `hash` (inside a change of the record: an
   * edit's refresh, a bilag added or removed): the state names the new hash
   * and approvals of other content are void. Returns the audit entries,
   * naming whose change it was when known.
   */
  contentChanged(
    record: MeetingRecord,
    hash: string,
    editedBy: readonly string[] = [],
  ): AuditNote[] {
    record.contentHash = hash;
    return voidApprovals(record, { kind: 'changed', contentHash: hash, editedBy });
  }

  /**
   * Records an approval of the content whose hash the approver saw. When the
   * last required approval comes in, the minutes are frozen.
   */
  async approve(
    access: Access,
    hash: string,
    signature?: string,
  ): Promise<{ approval: Approval; frozen: boolean }> {
    const result = await this.store.mutate(access, 'approve', async (record) => {
      await this.store.requireHealthy(access.meetingId);
      const userId = access.principal.userId;
      if (!approversOf(record).some((a) => a.userId === userId)) {
        throw new AppError(
          403,
          'notApprover',
          'you are not one of the required approvers of these minutes',
        );
      }
      const current = await this.deps.rooms.read(access.meetingId, (room) =>
        contentHash(room.doc, record.workflow.bilag),
      );
      if (hash !== current) {
        throw new AppError(
          409,
          'contentChanged',
          'the minutes changed since you looked at them; read them again',
        );
      }
      const approval: Approval = {
        userId,
        name: access.principal.name,
        at: new Date().toISOString(),
        hash,
        credential: this.credentialRecord(record, access),
        proof: this.freshProof(record, access, hash, signature),
      };
      // An approver's earlier approval is replaced by the new one.
      record.workflow.approvals = record.workflow.approvals.filter(
        (a) => a.userId !== userId || a.voidedAt,
      );
      record.workflow.approvals.push(approval);
      const audit: AuditNote[] = [
        { kind: 'approve', detail: { hash, credential: approval.credential } },
      ];
      const freeze = await this.freezeIfApproved(access, record);
      if (freeze) audit.push({ kind: 'freeze', detail: freeze });
      return { value: { approval, frozen: freeze !== null }, save: ['workflow', 'meta'], audit };
    });
    if (result.frozen) this.deps.hooks.emit('phaseChanged', access.meetingId, 'review', 'approved');
    return result;
  }

  /**
   * Who approves, proven afresh: through the identity provider, an
   * authentication no older than the step-up window (else 401
   * stepUpRequired, and the client sends the person to sign in again); in
   * the embedded mode, the claimed device's signature of the hash. Without
   * it, nobody can approve in someone else's name by holding their link.
   */
  private freshProof(
    record: MeetingRecord,
    access: Access,
    hash: string,
    signature: string | undefined,
  ): Approval['proof'] {
    const { credential } = access.principal;
    if (credential.kind === 'oidc') {
      const session = this.deps.people.get(credential.sessionId);
      const now = Date.now() / 1000;
      if (!session || now - session.authTime > this.deps.stepUpSeconds) {
        throw new AppError(401, 'stepUpRequired', 'sign in again to approve', {
          issuerId: session?.issuerId,
        });
      }
      return {
        kind: 'oidc',
        issuer: session.issuer,
        subject: session.subject,
        email: session.email,
        authTime: new Date(session.authTime * 1000).toISOString(),
      };
    }
    const invite = access.principal.inviteId
      ? record.workflow.invites.find((i) => i.id === access.principal.inviteId)
      : undefined;
    const claim = invite?.claim;
    if (claim?.kind !== 'device') {
      throw new AppError(401, 'claimRequired', 'the invitation is not claimed by a device');
    }
    const message = deviceMessage.approve(access.meetingId, hash);
    if (!signature || !verifySignature(claim.publicKey, message, signature)) {
      throw new AppError(401, 'proofInvalid', 'the approval must be signed by your device key');
    }
    return { kind: 'device', keyId: claim.keyId, publicKey: claim.publicKey, signature };
  }

  /** How the approver was established: their credential, token, and who issued the credential. */
  private credentialRecord(record: MeetingRecord, access: Access): Approval['credential'] {
    const { credential, tokenId } = access.principal;
    if (credential.kind !== 'invite') return { ...credential, tokenId };
    const invite = record.workflow.invites.find((i) => i.id === credential.inviteId);
    return {
      ...credential,
      tokenId,
      ...(invite?.linkIssuedBy
        ? { issuedBy: invite.linkIssuedBy, issuedAt: invite.linkIssuedAt }
        : {}),
    };
  }

  /**
   * All required approvers approved this exact content: freeze it (an
   * immutable version; the phase becomes approved). Returns what the audit
   * entry says, or null when approvals are still missing.
   */
  private async freezeIfApproved(
    access: Access,
    record: MeetingRecord,
  ): Promise<Record<string, unknown> | null> {
    const approvers = approversOf(record);
    if (approvers.length === 0) return null;
    // Synchronously: check against the live document and close it to edits
    // in the same tick, so no edit can slip in between check and freeze.
    const snapshot = await this.deps.rooms.read(access.meetingId, (room) => {
      const json = meetingToJSON(room.doc).document;
      // The approved version records its bilag (name and checksum); their files are kept.
      const bilag = bilagRefs(json, record.workflow.bilag);
      const hash = hashDocumentJSON(json, bilag);
      const valid = (userId: string) =>
        record.workflow.approvals.some(
          (a) => a.userId === userId && !a.voidedAt && a.hash === hash,
        );
      if (!approvers.every((a) => valid(a.userId))) return null;
      record.meta = { ...record.meta, phase: 'approved' };
      return { json, bilag, hash, state: Y.encodeStateAsUpdate(room.doc) };
    });
    if (!snapshot) return null;
    try {
      const version = await this.versions.write(access, record, 'approved', 'Godkendt', snapshot);
      record.meta = {
        ...record.meta,
        frozen: { versionId: version.id, hash: version.hash, at: version.createdAt },
      };
    } catch (err) {
      this.deps.log.error('freezing the approved minutes failed', {
        meetingId: access.meetingId,
        error: err,
      });
      throw new AppError(500, 'internal', 'the approved minutes could not be saved; try again');
    }
    record.contentHash = snapshot.hash;
    this.deps.log.info('minutes approved and frozen', {
      meetingId: access.meetingId,
      hash: snapshot.hash,
    });
    return {
      versionId: record.meta.frozen!.versionId,
      hash: snapshot.hash,
      approvers: approvers.map((a) => a.name),
    };
  }
}
