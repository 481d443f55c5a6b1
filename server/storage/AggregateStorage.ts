import type { MeetingMeta } from '../../shared/meeting.ts';
import type { AuditStorage } from './AuditStorage.ts';
import type { BilagStorage } from './BilagStorage.ts';
import type { CommentStorage } from './CommentStorage.ts';
import type { DocumentStorage } from './DocumentStorage.ts';
import type { MeetingStorage } from './MeetingStorage.ts';
import type { OutboxStorage } from './OutboxStorage.ts';
import type { RosterStorage } from './RosterStorage.ts';
import type { EventLogName, RecordName, Storage } from './Storage.ts';
import type { VersionStorage } from './VersionStorage.ts';

/** The stores of one kind (files, memory), one per aggregate. */
export interface Aggregates {
  documents: DocumentStorage;
  meetings: MeetingStorage;
  versions: VersionStorage;
  bilag: BilagStorage;
  comments: CommentStorage;
  audit: AuditStorage;
  outbox: OutboxStorage;
  rosters: RosterStorage;
}

/**
 * The one-interface Storage answered by the aggregates' stores, while its
 * users move to the aggregate each needs (issue 20).
 */
export class AggregateStorage<A extends Aggregates> implements Storage {
  readonly documents: A['documents'];
  readonly meetings: A['meetings'];
  readonly versions: A['versions'];
  readonly bilag: A['bilag'];
  readonly comments: A['comments'];
  readonly audit: A['audit'];
  readonly outbox: A['outbox'];
  readonly rosters: A['rosters'];

  constructor(aggregates: A) {
    this.documents = aggregates.documents;
    this.meetings = aggregates.meetings;
    this.versions = aggregates.versions;
    this.bilag = aggregates.bilag;
    this.comments = aggregates.comments;
    this.audit = aggregates.audit;
    this.outbox = aggregates.outbox;
    this.rosters = aggregates.rosters;
  }

  async createMeeting(meta: MeetingMeta, initial?: Uint8Array) {
    await this.documents.create(meta.id, initial);
    await this.meetings.create(meta);
  }
  updateMeeting(meta: MeetingMeta) {
    return this.meetings.update(meta);
  }
  getMeeting(id: string) {
    return this.meetings.get(id);
  }
  listMeetings() {
    return this.meetings.list();
  }
  loadDocument(id: string) {
    return this.documents.load(id);
  }
  appendUpdates(id: string, updates: Uint8Array[]) {
    return this.documents.append(id, updates);
  }
  compact(id: string, state: Uint8Array) {
    return this.documents.compact(id, state);
  }
  closeDocument(id: string) {
    return this.documents.close(id);
  }
  async readRecord(id: string, name: RecordName) {
    return name === 'workflow'
      ? this.meetings.readWorkflow(id)
      : (await this.comments.read(id)).snapshot;
  }
  writeRecord(id: string, _name: RecordName, value: unknown) {
    return this.meetings.writeWorkflow(id, value);
  }
  readEvents(id: string, _name: EventLogName) {
    return this.comments.read(id);
  }
  appendEvents(id: string, _name: EventLogName, events: unknown[]) {
    return this.comments.append(id, events);
  }
  compactEvents(id: string, _name: EventLogName, snapshot: unknown) {
    return this.comments.compact(id, snapshot);
  }
  appendAudit(id: string, entry: unknown) {
    return this.audit.append(id, entry);
  }
  readAudit(id: string) {
    return this.audit.read(id);
  }
  writeVersion(id: string, v: string, content: string) {
    return this.versions.write(id, v, content);
  }
  readVersion(id: string, v: string) {
    return this.versions.read(id, v);
  }
  writeBilag(id: string, b: string, bytes: Uint8Array) {
    return this.bilag.write(id, b, bytes);
  }
  readBilag(id: string, b: string) {
    return this.bilag.read(id, b);
  }
  deleteBilag(id: string, b: string) {
    return this.bilag.delete(id, b);
  }
  readOutbox() {
    return this.outbox.readAll();
  }
  writeOutbox(entryId: string, entry: unknown) {
    return this.outbox.write(entryId, entry);
  }
}
