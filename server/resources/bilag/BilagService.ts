import { createHash, randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import type { BilagFile, MeetingState } from '../../../shared/access/workflow.ts';
import { visibleItemIds } from '../../../shared/minutes/layout.ts';
import { AppError } from '../../core/errors.ts';
import type { Logger } from '../../core/log.ts';
import type { RoomManager } from '../../collab/RoomManager.ts';
import type { BilagStorage } from '../../storage/BilagStorage.ts';
import type { Access, MeetingRecord, MeetingStore } from '../meetings/MeetingStore.ts';
import { contentHash } from '../versions/contentHash.ts';
import type { ApprovalService } from '../approvals/ApprovalService.ts';
import type { VersionService } from '../versions/VersionService.ts';
import { bilagDisplayName } from './fileName.ts';
import { sniffBilagType } from './sniff.ts';

export interface BilagLimits {
  /** Bytes of one file. */
  maxBytes: number;
  /** Bytes of all of a meeting's files together. */
  maxMeetingBytes: number;
  /** Files one meeting may hold. */
  maxFiles: number;
}

/** What BilagService stores and reads with. */
export interface BilagServiceDeps {
  /** The open documents: which items a bilag may hang on, the content hash it is part of. */
  rooms: RoomManager;
  /** Where the files' bytes are kept, each under its id, never overwritten. */
  storage: BilagStorage;
  log: Logger;
}

/** A bilag with its bytes, checked against its checksum. */
export interface BilagContent {
  file: BilagFile;
  bytes: Uint8Array;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Files (bilag) of agenda items: uploaded and deleted by whoever may edit
 * the body in the phase (never once approved), each stored before it is
 * listed, listed in the workflow record and part of the content hash, so
 * a change in review voids approvals like an edit. Read by role: a closed
 * item's bilag only by roles that may read closed items.
 */
export class BilagService {
  constructor(
    private readonly store: MeetingStore,
    private readonly versions: VersionService,
    private readonly approvals: ApprovalService,
    private readonly limits: BilagLimits,
    private readonly deps: BilagServiceDeps,
  ) {}

  async upload(
    access: Access,
    itemId: string,
    rawName: string,
    bytes: Uint8Array,
  ): Promise<BilagFile> {
    if (bytes.length === 0) throw new AppError(400, 'bilagEmpty', 'the file is empty');
    if (bytes.length > this.limits.maxBytes) throw this.tooLarge();
    const type = sniffBilagType(bytes);
    if (!type) {
      throw new AppError(415, 'bilagType', 'a bilag must be a PDF, a DOCX, a PNG or a JPEG file');
    }
    // Checked before the bytes go to disk, and again in the change (others may upload meanwhile).
    const before = this.store.require(access, 'editBody');
    this.checkRoom(before, bytes.length);
    await this.requireItem(access.meetingId, itemId);
    const file: BilagFile = {
      id: randomUUID(),
      itemId,
      name: bilagDisplayName(rawName, type),
      type,
      size: bytes.length,
      sha256: sha256(bytes),
      uploadedAt: new Date().toISOString(),
      uploadedBy: access.principal.name,
    };
    // The bytes are durable before the record lists them: a crash in between
    // leaves an unlisted file, never a listed one that is missing or torn.
    await this.deps.storage.write(access.meetingId, file.id, bytes);
    try {
      return await this.store.mutate(access, 'editBody', async (record) => {
        await this.store.requireHealthy(access.meetingId);
        this.checkRoom(record, bytes.length);
        await this.requireItem(access.meetingId, itemId);
        record.workflow.bilag.push(file);
        const voided = await this.rehash(access, record);
        return {
          value: file,
          audit: [
            { kind: 'bilag-added', detail: { bilagId: file.id, itemId, name: file.name } },
            ...voided,
          ],
        };
      });
    } catch (err) {
      await this.deps.storage.delete(access.meetingId, file.id).catch(() => {});
      throw err;
    }
  }

  async remove(access: Access, bilagId: string): Promise<void> {
    const removed = await this.store.mutate(access, 'editBody', async (record) => {
      await this.store.requireHealthy(access.meetingId);
      const file = record.workflow.bilag.find((f) => f.id === bilagId);
      if (!file) throw new AppError(404, 'notFound', 'bilag not found');
      record.workflow.bilag = record.workflow.bilag.filter((f) => f !== file);
      const voided = await this.rehash(access, record);
      return {
        value: file,
        audit: [
          { kind: 'bilag-removed', detail: { bilagId, itemId: file.itemId, name: file.name } },
          ...voided,
        ],
      };
    });
    // Unlisted first, then removed: a failure here leaves an unlisted file, logged.
    await this.deps.storage.delete(access.meetingId, removed.id).catch((err) => {
      this.deps.log.error('bilag file not removed', {
        meetingId: access.meetingId,
        bilagId,
        error: err,
      });
    });
  }

  /**
   * One bilag to download: the caller may read the meeting, its item is on
   * the agenda (the approved version's, once approved), and a closed item's
   * bilag only for a role that may read closed items.
   */
  async read(access: Access, bilagId: string): Promise<BilagContent> {
    const record = this.store.require(access, 'read');
    const file = record.workflow.bilag.find((f) => f.id === bilagId);
    if (!file) throw new AppError(404, 'notFound', 'bilag not found');
    const { document } = await this.versions.documentForExport(access);
    const item = agendaItems(document).find((node) => node.attrs?.id === file.itemId);
    if (!item) throw new AppError(404, 'notFound', 'bilag not found');
    if (item.attrs?.closed === true && !this.store.may(access, 'readClosed')) {
      throw new AppError(403, 'bilagClosed', 'this bilag belongs to a closed item');
    }
    return { file, bytes: await this.bytes(access.meetingId, file) };
  }

  /**
   * What the agenda package is made of: the meeting as exported, and the
   * bytes of every bilag of its items in agenda order, leaving out closed
   * items' bilag in the public package. The full package needs `readClosed`.
   */
  async forPackage(
    access: Access,
    publicVersion: boolean,
  ): Promise<{ state: MeetingState; document: JSONContent; bilag: BilagContent[] }> {
    if (!publicVersion) this.store.require(access, 'readClosed');
    const { state, document } = await this.versions.documentForExport(access);
    const bilag: BilagContent[] = [];
    for (const item of agendaItems(document)) {
      if (publicVersion && item.attrs?.closed === true) continue;
      for (const file of state.bilag.filter((f) => f.itemId === item.attrs?.id)) {
        bilag.push({ file, bytes: await this.bytes(access.meetingId, file) });
      }
    }
    return { state, document, bilag };
  }

  /** A stored bilag's bytes; refused (500) when missing or not matching its checksum. */
  private async bytes(meetingId: string, file: BilagFile): Promise<Uint8Array> {
    const bytes = await this.deps.storage.read(meetingId, file.id);
    if (!bytes || sha256(bytes) !== file.sha256) {
      this.deps.log.error('bilag failed its checksum', { meetingId, bilagId: file.id });
      throw new AppError(500, 'bilagDamaged', 'the stored bilag does not match its checksum');
    }
    return bytes;
  }

  private checkRoom(record: MeetingRecord, size: number) {
    const files = record.workflow.bilag;
    const total = files.reduce((n, f) => n + f.size, 0);
    if (files.length >= this.limits.maxFiles || total + size > this.limits.maxMeetingBytes) {
      throw new AppError(
        413,
        'bilagFull',
        `a meeting holds at most ${this.limits.maxFiles} bilag of ${this.limits.maxMeetingBytes} bytes together`,
      );
    }
  }

  private tooLarge() {
    return new AppError(
      413,
      'bilagTooLarge',
      `a bilag may be at most ${this.limits.maxBytes} bytes`,
    );
  }

  /** The item must be on the agenda (not deleted, not another meeting's). */
  private async requireItem(meetingId: string, itemId: string) {
    const found = await this.deps.rooms.read(meetingId, (room) =>
      visibleItemIds(room.doc).includes(itemId),
    );
    if (!found) throw new AppError(404, 'notFound', 'agenda item not found');
  }

  /**
   * In review the bilag are part of what is approved: the hash is refreshed
   * and approvals of other content voided, in the same change.
   */
  private async rehash(access: Access, record: MeetingRecord) {
    if (record.meta.phase !== 'review') return [];
    const hash = await this.deps.rooms.read(access.meetingId, (room) =>
      contentHash(room.doc, record.workflow.bilag),
    );
    return this.approvals.contentChanged(record, hash, [access.principal.name]);
  }

  /** For the route's body limit (it refuses larger bodies before they are read). */
  get maxBytes() {
    return this.limits.maxBytes;
  }

  tooLargeError() {
    return this.tooLarge();
  }
}

/** The agenda items of a meeting document, in order. */
function agendaItems(document: JSONContent): JSONContent[] {
  return (document.content ?? []).filter((node) => node.type === 'agendaItem');
}
