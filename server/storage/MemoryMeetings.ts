import type { MeetingMeta } from '../../shared/meeting.ts';
import { isValidMeetingId } from '../../shared/meetingId.ts';
import { checkId } from './checkId.ts';
import type { MeetingStorage } from './MeetingStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Meeting records in memory, for tests; kept as JSON text so no caller shares objects with the store. */
export class MemoryMeetings implements MeetingStorage {
  private readonly metas = new Map<string, string>();
  private readonly workflows = new Map<string, string>();

  constructor(private readonly faults = new WriteFaults()) {}

  async create(meta: MeetingMeta): Promise<void> {
    checkId('meeting', meta.id, isValidMeetingId);
    this.faults.check();
    if (this.metas.has(meta.id)) throw new Error(`meeting ${meta.id} exists`);
    this.metas.set(meta.id, JSON.stringify(meta));
  }

  async update(meta: MeetingMeta): Promise<void> {
    checkId('meeting', meta.id, isValidMeetingId);
    this.faults.check();
    if (!this.metas.has(meta.id)) throw new Error(`meeting ${meta.id} does not exist`);
    this.metas.set(meta.id, JSON.stringify(meta));
  }

  async get(meetingId: string): Promise<MeetingMeta | null> {
    checkId('meeting', meetingId, isValidMeetingId);
    const raw = this.metas.get(meetingId);
    return raw === undefined ? null : (JSON.parse(raw) as MeetingMeta);
  }

  async list(): Promise<MeetingMeta[]> {
    return [...this.metas.values()].map((raw) => JSON.parse(raw) as MeetingMeta);
  }

  async readWorkflow(meetingId: string): Promise<unknown | null> {
    checkId('meeting', meetingId, isValidMeetingId);
    const raw = this.workflows.get(meetingId);
    return raw === undefined ? null : JSON.parse(raw);
  }

  async writeWorkflow(meetingId: string, workflow: unknown): Promise<void> {
    checkId('meeting', meetingId, isValidMeetingId);
    this.faults.check();
    this.workflows.set(meetingId, JSON.stringify(workflow));
  }
}
