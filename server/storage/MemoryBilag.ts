import { isValidMeetingId } from '../../shared/meetingId.ts';
import { isValidBilagId, type BilagStorage } from './BilagStorage.ts';
import { checkId } from './checkId.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Bilag in memory, for tests, by `<meetingId>/<bilagId>`; copies in and out. */
export class MemoryBilag implements BilagStorage {
  private readonly files = new Map<string, Uint8Array>();

  constructor(private readonly faults = new WriteFaults()) {}

  private key(meetingId: string, bilagId: string): string {
    checkId('meeting', meetingId, isValidMeetingId);
    checkId('bilag', bilagId, isValidBilagId);
    return `${meetingId}/${bilagId}`;
  }

  async write(meetingId: string, bilagId: string, bytes: Uint8Array): Promise<void> {
    const key = this.key(meetingId, bilagId);
    this.faults.check();
    if (this.files.has(key)) throw new Error(`bilag ${bilagId} exists`);
    this.files.set(key, bytes.slice());
  }

  async read(meetingId: string, bilagId: string): Promise<Uint8Array | null> {
    return this.files.get(this.key(meetingId, bilagId))?.slice() ?? null;
  }

  async delete(meetingId: string, bilagId: string): Promise<void> {
    const key = this.key(meetingId, bilagId);
    this.faults.check();
    this.files.delete(key);
  }
}
