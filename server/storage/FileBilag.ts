import { unlink } from 'node:fs/promises';
import path from 'node:path';
import { isValidBilagId, type BilagStorage } from './BilagStorage.ts';
import { checkId } from './checkId.ts';
import { FILE_MODE, fsyncDir, isNotFound, readIfPresent, writeFileOnce } from './fsUtil.ts';
import { meetingDir } from './meetingDir.ts';

/**
 * Bilag as files `<dataDir>/meetings/<id>/bilag/<bilagId>.bin`, 0600, written
 * like a version file: temp file, fsync, hard link (never over another),
 * directory fsync.
 */
export class FileBilag implements BilagStorage {
  constructor(private readonly dataDir: string) {}

  private file(meetingId: string, bilagId: string): string {
    const dir = meetingDir(this.dataDir, meetingId);
    checkId('bilag', bilagId, isValidBilagId);
    return path.join(dir, 'bilag', `${bilagId}.bin`);
  }

  async write(meetingId: string, bilagId: string, bytes: Uint8Array): Promise<void> {
    await writeFileOnce(this.file(meetingId, bilagId), bytes, FILE_MODE);
  }

  async read(meetingId: string, bilagId: string): Promise<Uint8Array | null> {
    return readIfPresent(this.file(meetingId, bilagId));
  }

  async delete(meetingId: string, bilagId: string): Promise<void> {
    const file = this.file(meetingId, bilagId);
    try {
      await unlink(file);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    await fsyncDir(path.dirname(file));
  }
}
