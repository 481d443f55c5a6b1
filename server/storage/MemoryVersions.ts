import { isValidMeetingId } from '../../shared/meetingId.ts';
import { checkId } from './checkId.ts';
import { isValidVersionId, type VersionStorage } from './VersionStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Versions in memory, for tests, by `<meetingId>/<versionId>`. */
export class MemoryVersions implements VersionStorage {
  private readonly versions = new Map<string, string>();

  constructor(private readonly faults = new WriteFaults()) {}

  private key(meetingId: string, versionId: string): string {
    checkId('meeting', meetingId, isValidMeetingId);
    checkId('version', versionId, isValidVersionId);
    return `${meetingId}/${versionId}`;
  }

  async write(meetingId: string, versionId: string, content: string): Promise<void> {
    const key = this.key(meetingId, versionId);
    this.faults.check();
    if (this.versions.has(key)) throw new Error(`version ${versionId} exists`);
    this.versions.set(key, content);
  }

  async read(meetingId: string, versionId: string): Promise<string | null> {
    return this.versions.get(this.key(meetingId, versionId)) ?? null;
  }
}
