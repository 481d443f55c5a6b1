import path from 'node:path';
import { checkId } from './checkId.ts';
import { readIfPresent, writeFileOnce } from './fsUtil.ts';
import { meetingDir } from './meetingDir.ts';
import { isValidVersionId, type VersionStorage } from './VersionStorage.ts';

/** Immutable: not even the server's own user may write a version file. */
const VERSION_MODE = 0o400;

/**
 * Versions as files `<dataDir>/meetings/<id>/versions/<versionId>.json`, mode
 * 0400: written to a temp file and fsync'd, then hard-linked to their name,
 * which fails if the name exists, and the directory fsync'd.
 */
export class FileVersions implements VersionStorage {
  constructor(private readonly dataDir: string) {}

  private file(meetingId: string, versionId: string): string {
    const dir = meetingDir(this.dataDir, meetingId);
    checkId('version', versionId, isValidVersionId);
    return path.join(dir, 'versions', `${versionId}.json`);
  }

  async write(meetingId: string, versionId: string, content: string): Promise<void> {
    await writeFileOnce(this.file(meetingId, versionId), content, VERSION_MODE);
  }

  async read(meetingId: string, versionId: string): Promise<string | null> {
    const bytes = await readIfPresent(this.file(meetingId, versionId));
    return bytes === null ? null : bytes.toString('utf8');
  }
}
