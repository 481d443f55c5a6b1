import { can, type Action } from '../../../shared/access/permissions.ts';
import type { AuditEntry, MeetingState } from '../../../shared/access/workflow.ts';
import type { MeetingMeta, Phase } from '../../../shared/meeting.ts';
import type { Access } from '../../core/access.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { AuditStorage } from '../../storage/AuditStorage.ts';
import type { CommentStorage } from '../../storage/CommentStorage.ts';
import type { MeetingStorage } from '../../storage/MeetingStorage.ts';
import { approversOf } from '../approvals/approvers.ts';
import { loadComments } from '../comments/loadComments.ts';
import type { RoomHooks } from '../../collab/Room.ts';

export type { Access };
export {
  SYSTEM,
  emptyWorkflow,
  type Changed,
  type MeetingRecord,
  type WorkflowRecord,
} from './records.ts';
import {
  SYSTEM,
  emptyWorkflow,
  type Changed,
  type MeetingRecord,
  type WorkflowRecord,
} from './records.ts';

/** What the record store is made with (createServer). */
export interface MeetingStoreDeps {
  /** Where each meeting's meta and workflow record are read and written. */
  meetings: MeetingStorage;
  /** Each meeting's comment log, read into its record when it loads. */
  comments: CommentStorage;
  /** Where the audit entries of every change go. */
  audit: AuditStorage;
  /** The open documents: whether a meeting is read-only after a fault is part of its state. */
  rooms: RoomManager;
  /** `stateChanged` is said here after every change. */
  hooks: RoomHooks;
  log: Logger;
}

/**
 * The per-meeting record store: loads each meeting's records once (shared by
 * concurrent callers), runs changes one at a time per meeting, and gives
 * every change the same course in `mutate`: permission check, the change,
 * written (or rolled back on failure), audited, pushed to clients.
 */
export class MeetingStore {
  private readonly records = new Map<string, MeetingRecord>();
  private readonly loading = new Map<string, Promise<MeetingRecord | null>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(private readonly deps: MeetingStoreDeps) {}

  /** The meeting's record, loaded once; null if the meeting does not exist. */
  async load(meetingId: string): Promise<MeetingRecord | null> {
    const cached = this.records.get(meetingId);
    if (cached) return cached;
    let pending = this.loading.get(meetingId);
    if (!pending) {
      pending = (async () => {
        const meta = await this.deps.meetings.get(meetingId);
        if (!meta) return null;
        const workflow = {
          ...emptyWorkflow(),
          ...((await this.deps.meetings.readWorkflow(meetingId)) as Partial<WorkflowRecord>),
        };
        const record: MeetingRecord = {
          meta,
          workflow,
          ...(await loadComments(this.deps.comments, this.deps.log, meetingId)),
          contentHash: null,
        };
        this.records.set(meetingId, record);
        return record;
      })().finally(() => this.loading.delete(meetingId));
      this.loading.set(meetingId, pending);
    }
    return pending;
  }

  /** The loaded record, or null (never loads). */
  peek(meetingId: string): MeetingRecord | null {
    return this.records.get(meetingId) ?? null;
  }

  /** Registers a newly created meeting so its first access needs no disk read. */
  created(meta: MeetingMeta) {
    this.records.set(meta.id, {
      meta,
      workflow: emptyWorkflow(),
      threads: [],
      commentBytes: 0,
      commentLogBytes: 0,
      contentHash: null,
    });
  }

  /** The current phase, from memory; null if the meeting was never loaded here. */
  phase(meetingId: string): Phase | null {
    return this.records.get(meetingId)?.meta.phase ?? null;
  }

  /** Runs `fn` after every earlier change of this meeting finished. */
  serial<T>(meetingId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queues.get(meetingId) ?? Promise.resolve();
    const run = before.then(fn, fn);
    const settled = run.catch(() => {});
    this.queues.set(meetingId, settled);
    void settled.then(() => {
      if (this.queues.get(meetingId) === settled) this.queues.delete(meetingId);
    });
    return run;
  }

  /** Resolves once every queued change (of any meeting) has finished: for shutdown. */
  async settled(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /** The record, if the access's role may do `action` in the meeting's current phase; else 403. */
  require(access: Access, action: Action): MeetingRecord {
    const record = this.records.get(access.meetingId);
    if (!record) throw new AppError(404, 'notFound', 'meeting not found');
    if (!can(access.role, record.meta.phase, action)) {
      throw new AppError(
        403,
        'phaseForbids',
        `a ${access.role} may not ${action} while the meeting is in phase ${record.meta.phase}`,
        { role: access.role, phase: record.meta.phase, action },
      );
    }
    return record;
  }

  /** Whether the access's role may do `action` in the meeting's current phase now (never throws). */
  may(access: Access, action: Action): boolean {
    const phase = this.phase(access.meetingId);
    return phase !== null && can(access.role, phase, action);
  }

  /**
   * The one course of every change: after the meeting's earlier changes,
   * check the permission, let `change` modify the record, write what it
   * touched (restoring the record if anything fails, so memory never holds
   * what the disk does not), audit, and push the new state to clients.
   */
  mutate<T>(
    access: Access,
    action: Action,
    change: (record: MeetingRecord) => Promise<Changed<T>> | Changed<T>,
  ): Promise<T> {
    return this.apply(
      access.meetingId,
      access.principal,
      () => this.require(access, action),
      change,
    );
  }

  /**
   * The same course for a change the server makes on its own (no permission
   * to check; audited as "Referat"). Does nothing for a meeting not loaded.
   */
  system<T>(
    meetingId: string,
    change: (record: MeetingRecord) => Promise<Changed<T>> | Changed<T>,
  ): Promise<T | null> {
    return this.apply(meetingId, SYSTEM, () => this.records.get(meetingId) ?? null, change);
  }

  /**
   * The same course for a change someone makes without an access token yet
   * (claiming an invitation): audited in the name `actor` gives for the
   * record. Null for a meeting not loaded.
   */
  acting<T>(
    meetingId: string,
    actor: (record: MeetingRecord) => { userId: string; name: string },
    change: (record: MeetingRecord) => Promise<Changed<T>> | Changed<T>,
  ): Promise<T | null> {
    const record = this.records.get(meetingId);
    if (!record) return Promise.resolve(null);
    return this.apply(meetingId, actor(record), () => this.records.get(meetingId) ?? null, change);
  }

  private apply<T, R extends MeetingRecord | null>(
    meetingId: string,
    actor: { userId: string; name: string },
    find: () => R,
    change: (record: MeetingRecord) => Promise<Changed<T>> | Changed<T>,
  ): Promise<R extends null ? T | null : T> {
    type Result = R extends null ? T | null : T;
    return this.serial(meetingId, async (): Promise<Result> => {
      const record = find();
      if (!record) return null as Result;
      const before = {
        meta: record.meta,
        workflow: structuredClone(record.workflow),
        contentHash: record.contentHash,
      };
      let changed: Changed<T>;
      try {
        changed = await change(record);
        await this.save(record, changed.save ?? ['workflow']);
      } catch (err) {
        Object.assign(record, before);
        throw err;
      }
      for (const entry of changed.audit ?? []) {
        await this.audit(meetingId, actor, entry.kind, entry.detail);
      }
      if (changed.notify !== false) this.deps.hooks.emit('stateChanged', meetingId);
      return changed.value as Result;
    });
  }

  /** Writes records of a meeting (inside its serial queue). */
  async save(record: MeetingRecord, what: ('workflow' | 'meta')[]) {
    if (what.includes('workflow')) {
      await this.deps.meetings.writeWorkflow(record.meta.id, record.workflow);
    }
    if (what.includes('meta')) await this.deps.meetings.update(record.meta);
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
    await this.deps.audit.append(meetingId, entry).catch((err) => {
      this.deps.log.error('audit entry not written', { meetingId, kind, detail, error: err });
    });
  }

  /** The state clients see: meta, approvers and approvals, versions, threads, hash, health. */
  state(meetingId: string): MeetingState | null {
    const record = this.records.get(meetingId);
    if (!record) return null;
    const failure = this.deps.rooms.peek(meetingId)?.failure;
    return {
      meta: record.meta,
      approvers: approversOf(record),
      approvals: record.workflow.approvals,
      versions: record.workflow.versions,
      threads: record.threads,
      bilag: record.workflow.bilag,
      contentHash: record.contentHash,
      failure: failure ? { kind: failure.kind, since: failure.since } : null,
    };
  }

  /** Refuses changes that need the live document while the meeting is read-only after a fault. */
  async requireHealthy(meetingId: string): Promise<void> {
    const failure = await this.deps.rooms.read(meetingId, (room) => room.failure);
    if (failure) {
      throw new AppError(
        409,
        'meetingReadOnly',
        'the meeting is read-only: its content could not be processed; nothing stored is lost',
      );
    }
  }
}
