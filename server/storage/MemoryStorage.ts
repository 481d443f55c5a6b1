import type { MeetingMeta } from '../../shared/meeting.ts';
import { MemoryRosters } from './MemoryRosters.ts';
import type {
  EventLogName,
  LoadedDocument,
  LoadedEventLog,
  RecordName,
  Storage,
} from './Storage.ts';
import { isValidOutboxId } from './Storage.ts';

/**
 * Storage in memory, for tests. `failWrites` makes appends and compactions
 * fail (disk full, read-only) until it is set back to false.
 */
export class MemoryStorage implements Storage {
  readonly meetings = new Map<string, MeetingMeta>();
  readonly documents = new Map<string, Uint8Array[]>();
  private readonly logBytes = new Map<string, number>();
  failWrites = false;
  readonly rosters = new MemoryRosters();

  async createMeeting(meta: MeetingMeta, initial?: Uint8Array): Promise<void> {
    if (this.meetings.has(meta.id)) throw new Error(`meeting ${meta.id} exists`);
    this.meetings.set(meta.id, structuredClone(meta));
    this.documents.set(meta.id, initial ? [initial.slice()] : []);
  }

  async updateMeeting(meta: MeetingMeta): Promise<void> {
    if (!this.meetings.has(meta.id)) throw new Error(`meeting ${meta.id} does not exist`);
    this.meetings.set(meta.id, structuredClone(meta));
  }

  async getMeeting(id: string): Promise<MeetingMeta | null> {
    const meta = this.meetings.get(id);
    return meta ? structuredClone(meta) : null;
  }

  async listMeetings(): Promise<MeetingMeta[]> {
    return [...this.meetings.values()].map((m) => structuredClone(m));
  }

  async loadDocument(id: string): Promise<LoadedDocument> {
    return { updates: [...(this.documents.get(id) ?? [])], problems: [] };
  }

  async appendUpdates(id: string, updates: Uint8Array[]): Promise<{ logBytes: number }> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    const doc = this.documents.get(id) ?? [];
    for (const u of updates) doc.push(u.slice());
    this.documents.set(id, doc);
    const logBytes = (this.logBytes.get(id) ?? 0) + updates.reduce((n, u) => n + u.byteLength, 0);
    this.logBytes.set(id, logBytes);
    return { logBytes };
  }

  async compact(id: string, state: Uint8Array): Promise<void> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    this.documents.set(id, [state.slice()]);
    this.logBytes.set(id, 0);
  }

  async closeDocument(): Promise<void> {}

  private readonly records = new Map<string, string>();
  readonly audit = new Map<string, string[]>();
  readonly versions = new Map<string, string>();

  async readRecord(id: string, name: RecordName): Promise<unknown | null> {
    const raw = this.records.get(`${id}/${name}`);
    return raw === undefined ? null : JSON.parse(raw);
  }

  async writeRecord(id: string, name: RecordName, value: unknown): Promise<void> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    this.records.set(`${id}/${name}`, JSON.stringify(value));
  }

  /** Event logs as JSON text, so nothing the caller keeps can change what is stored. */
  readonly eventLogs = new Map<string, { snapshot: string | null; events: string[] }>();

  async readEvents(id: string, name: EventLogName): Promise<LoadedEventLog> {
    const log = this.eventLogs.get(`${id}/${name}`) ?? { snapshot: null, events: [] };
    return {
      snapshot: log.snapshot === null ? null : JSON.parse(log.snapshot),
      events: log.events.map((event) => JSON.parse(event)),
      bytes: log.events.reduce((n, event) => n + event.length + 1, 0),
      problems: [],
    };
  }

  async appendEvents(id: string, name: EventLogName, events: unknown[]) {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    const key = `${id}/${name}`;
    const log = this.eventLogs.get(key) ?? { snapshot: null, events: [] };
    for (const event of events) log.events.push(JSON.stringify(event));
    this.eventLogs.set(key, log);
    return { bytes: log.events.reduce((n, event) => n + event.length + 1, 0) };
  }

  async compactEvents(id: string, name: EventLogName, snapshot: unknown): Promise<void> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    this.eventLogs.set(`${id}/${name}`, { snapshot: JSON.stringify(snapshot), events: [] });
  }

  async appendAudit(id: string, entry: unknown): Promise<void> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    this.audit.set(id, [...(this.audit.get(id) ?? []), JSON.stringify(entry)]);
  }

  async readAudit(id: string): Promise<unknown[]> {
    return (this.audit.get(id) ?? []).map((line) => JSON.parse(line));
  }

  async writeVersion(id: string, versionId: string, content: string): Promise<void> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    const key = `${id}/${versionId}`;
    if (this.versions.has(key)) throw new Error(`version ${versionId} exists`);
    this.versions.set(key, content);
  }

  async readVersion(id: string, versionId: string): Promise<string | null> {
    return this.versions.get(`${id}/${versionId}`) ?? null;
  }

  /** Outbox entries as JSON text, by id. */
  readonly outbox = new Map<string, string>();

  async readOutbox(): Promise<unknown[]> {
    return [...this.outbox.values()].map((raw) => JSON.parse(raw));
  }

  async writeOutbox(entryId: string, entry: unknown): Promise<void> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    if (!isValidOutboxId(entryId)) throw new Error('invalid outbox id reached storage');
    this.outbox.set(entryId, JSON.stringify(entry));
  }

  readonly bilag = new Map<string, Uint8Array>();

  async writeBilag(id: string, bilagId: string, bytes: Uint8Array): Promise<void> {
    if (this.failWrites) throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    const key = `${id}/${bilagId}`;
    if (this.bilag.has(key)) throw new Error(`bilag ${bilagId} exists`);
    this.bilag.set(key, bytes.slice());
  }

  async readBilag(id: string, bilagId: string): Promise<Uint8Array | null> {
    return this.bilag.get(`${id}/${bilagId}`)?.slice() ?? null;
  }

  async deleteBilag(id: string, bilagId: string): Promise<void> {
    this.bilag.delete(`${id}/${bilagId}`);
  }
}
