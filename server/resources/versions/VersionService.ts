import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import {
  MAX_DRAFT_VERSIONS,
  MAX_NAMED_VERSIONS,
  type MeetingState,
  type VersionInfo,
  type VersionKind,
} from '../../../shared/access/workflow.ts';
import { diffMeetings, type MeetingDiff } from '../../../shared/minutes/diff.ts';
import { meetingToJSON } from '../../../shared/minutes/toJSON.ts';
import { PerPersonLimit } from '../../core/limits/PerPersonLimit.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { VersionStorage } from '../../storage/VersionStorage.ts';
import type { Access, MeetingRecord, MeetingStore } from '../meetings/MeetingStore.ts';
import { bilagRefs, hashDocumentJSON, type BilagRef } from './contentHash.ts';

/** The immutable file of a saved version. */
export interface VersionFile extends VersionInfo {
  format: 'referat-version/1';
  meetingId: string;
  /** meetingToJSON(doc).document at the time. */
  document: unknown;
  /** The bilag of its items (name and checksum), part of its hash; absent when there were none. */
  bilag?: BilagRef[];
  /** The Yjs state (base64), to rebuild the exact document. */
  state: string;
}

/** The document at one moment: its JSON, the hash approvals bind to, and its Yjs state. */
export interface Snapshot {
  json: unknown;
  bilag: BilagRef[];
  hash: string;
  state: Uint8Array;
}

/** What VersionService is made with, beside the meeting store. */
export interface VersionServiceDeps {
  /** The open documents: a version is made from the live one, a diff compares with it. */
  rooms: RoomManager;
  /** Where version files are written, each once, and read back. */
  storage: VersionStorage;
  log: Logger;
}

/**
 * Saved versions: the draft sent out, versions saved by hand, the approved
 * version. Each is an immutable file with its hash, verified on every read;
 * the diff since a version says what changed and who changed it.
 */
export class VersionService {
  /** Versions saved by hand, per meeting and person: a burst of 5, then one per 10 s. */
  private readonly rates = new PerPersonLimit(5, 1 / 10);

  constructor(
    private readonly store: MeetingStore,
    private readonly deps: VersionServiceDeps,
  ) {}

  /** The live document now (read in one go from the loaded room). */
  snapshot(meetingId: string): Promise<Snapshot> {
    const files = this.store.peek(meetingId)?.workflow.bilag ?? [];
    return this.deps.rooms.read(meetingId, (room) => {
      const json = meetingToJSON(room.doc).document;
      const bilag = bilagRefs(json, files);
      return {
        json,
        bilag,
        hash: hashDocumentJSON(json, bilag),
        state: Y.encodeStateAsUpdate(room.doc),
      };
    });
  }

  /**
   * Writes a version file and lists it in the record (the caller saves the
   * record). Each kind has its own budget: versions saved by hand can never
   * stop a draft from being sent, and the approved version is never refused.
   */
  async write(
    access: Access,
    record: MeetingRecord,
    kind: VersionKind,
    name: string,
    snapshot: Snapshot,
  ): Promise<VersionInfo> {
    const limit = kind === 'named' ? MAX_NAMED_VERSIONS : kind === 'draft' ? MAX_DRAFT_VERSIONS : 0;
    const count = record.workflow.versions.filter((v) => v.kind === kind).length;
    if (limit > 0 && count >= limit) {
      throw new AppError(
        413,
        'versionsFull',
        kind === 'named'
          ? `a meeting keeps at most ${limit} versions saved by hand`
          : `a meeting keeps at most ${limit} drafts`,
      );
    }
    let number = record.workflow.versions.reduce((n, v) => Math.max(n, Number(v.id.slice(1))), 0);
    for (;;) {
      const info: VersionInfo = {
        id: `v${++number}`,
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
        ...(snapshot.bilag.length ? { bilag: snapshot.bilag } : {}),
        state: Buffer.from(snapshot.state).toString('base64'),
      };
      try {
        await this.deps.storage.write(access.meetingId, info.id, JSON.stringify(file));
      } catch (err) {
        // A file left by an earlier attempt whose record was rolled back:
        // version files are never overwritten, so take the next number.
        if ((err as NodeJS.ErrnoException).code === 'EEXIST' && number < 1_000_000) continue;
        throw err;
      }
      record.workflow.versions.push(info);
      return info;
    }
  }

  /** A version saved by hand ("Gem version"), by someone who may edit. */
  named(access: Access, name: string): Promise<VersionInfo> {
    return this.store.mutate(access, 'editBody', async (record) => {
      await this.store.requireHealthy(access.meetingId);
      if (!this.rates.take(access.meetingId, access.principal.userId)) {
        throw new AppError(
          429,
          'versionsTooFast',
          'too many versions saved in a short time; wait a little',
        );
      }
      const info = await this.write(
        access,
        record,
        'named',
        name,
        await this.snapshot(access.meetingId),
      );
      return { value: info, audit: [{ kind: 'version', detail: { versionId: info.id, name } }] };
    });
  }

  /**
   * A saved version, with its integrity checked: the file's hash must match
   * the hash recorded when it was made, its document must hash to it, and its
   * Yjs state must rebuild that document.
   */
  async read(
    access: Access,
    versionId: string,
  ): Promise<{ version: VersionFile; verified: boolean; problems: string[] }> {
    const record = this.store.require(access, 'read');
    const info = record.workflow.versions.find((v) => v.id === versionId);
    if (!info) throw new AppError(404, 'notFound', 'version not found');
    const raw = await this.deps.storage.read(access.meetingId, versionId);
    if (raw === null) throw new AppError(500, 'versionFailedCheck', 'the version file is missing');
    let version: VersionFile;
    try {
      version = JSON.parse(raw) as VersionFile;
    } catch {
      throw new AppError(500, 'versionFailedCheck', 'the version file is damaged');
    }
    const problems: string[] = [];
    if (version.hash !== info.hash) problems.push('the file names a different hash than recorded');
    const bilag = version.bilag ?? [];
    if (hashDocumentJSON(version.document, bilag) !== info.hash) {
      problems.push('the content does not match the recorded hash');
    }
    const frozen = record.meta.frozen;
    if (frozen?.versionId === versionId && frozen.hash !== info.hash) {
      problems.push('the approved hash differs from the meeting record');
    }
    try {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Buffer.from(version.state, 'base64'));
      const json = meetingToJSON(doc).document;
      if (hashDocumentJSON(json, bilag) !== info.hash) {
        problems.push('the saved Yjs state does not match the hash');
      }
      doc.destroy();
    } catch {
      problems.push('the saved Yjs state is unreadable');
    }
    if (problems.length) {
      this.deps.log.error('version failed verification', {
        meetingId: access.meetingId,
        versionId,
        problems,
      });
    }
    return { version, verified: problems.length === 0, problems };
  }

  /** What changed between a saved version (default: the draft sent out) and now, and by whom. */
  async diff(
    access: Access,
    fromVersionId?: string,
  ): Promise<{ from: VersionInfo; diff: MeetingDiff }> {
    const record = this.store.require(access, 'read');
    const from = fromVersionId
      ? record.workflow.versions.find((v) => v.id === fromVersionId)
      : [...record.workflow.versions].reverse().find((v) => v.kind === 'draft');
    if (!from) {
      throw new AppError(
        404,
        'notFound',
        fromVersionId ? 'version not found' : 'no draft was sent out yet',
      );
    }
    const { version, verified } = await this.read(access, from.id);
    if (!verified) {
      throw new AppError(500, 'versionFailedCheck', 'the saved version failed verification');
    }
    const current = await this.deps.rooms.read(
      access.meetingId,
      (room) => meetingToJSON(room.doc).document,
    );
    const diff = diffMeetings(version.document as never, current);
    for (const item of diff.items) {
      const editors = record.workflow.editors[item.itemId] ?? {};
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
    // Approved but not yet frozen: the freeze is being written; export what it leaves.
    const before = this.store.require(access, 'read').meta;
    if (before.phase === 'approved' && !before.frozen) {
      await this.store.serial(access.meetingId, async () => {});
    }
    const record = this.store.require(access, 'read');
    const frozen = record.meta.frozen;
    let document: JSONContent;
    if (record.meta.phase === 'approved' && frozen) {
      const { version, verified } = await this.read(access, frozen.versionId);
      if (!verified) {
        throw new AppError(500, 'versionFailedCheck', 'the approved version failed verification');
      }
      document = version.document as JSONContent;
    } else {
      document = await this.deps.rooms.read(
        access.meetingId,
        (room) => meetingToJSON(room.doc).document,
      );
    }
    return { state: this.store.state(access.meetingId)!, document };
  }
}
