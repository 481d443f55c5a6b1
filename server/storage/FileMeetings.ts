import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MeetingMeta } from '../../shared/meeting.ts';
import type { Logger } from '../core/log.ts';
import { isValidMeetingId } from '../../shared/meetingId.ts';
import {
  FILE_MODE,
  fsyncDir,
  namesIn,
  readJsonIfPresent,
  writeFileAtomic,
  writeFileOnce,
} from './fsUtil.ts';
import type { MeetingStorage } from './MeetingStorage.ts';
import { meetingDir, meetingsDir } from './meetingDir.ts';

/**
 * Meeting records as files in `<dataDir>/meetings/<id>/`: `meta.json`
 * (indented JSON) and `workflow.json` (compact JSON), each replaced by temp
 * file, fsync, rename and directory fsync. A folder without `meta.json` (a
 * creation cut short) is not a meeting. A `meta.json` that does not parse is
 * left where it is, reported and left out of the list: one damaged meeting
 * must not take the list, and the start of the server, with it.
 */
export class FileMeetings implements MeetingStorage {
  constructor(
    private readonly dataDir: string,
    private readonly log: Logger,
  ) {}

  async create(meta: MeetingMeta): Promise<void> {
    // Linked, not renamed, into place: EEXIST if the meeting exists.
    const file = path.join(meetingDir(this.dataDir, meta.id), 'meta.json');
    await writeFileOnce(file, JSON.stringify(meta, null, 2), FILE_MODE);
    await fsyncDir(meetingsDir(this.dataDir));
  }

  async update(meta: MeetingMeta): Promise<void> {
    const file = path.join(meetingDir(this.dataDir, meta.id), 'meta.json');
    await readFile(file); // ENOENT for a meeting that does not exist: never create one here
    await writeFileAtomic(file, JSON.stringify(meta, null, 2));
  }

  async get(meetingId: string): Promise<MeetingMeta | null> {
    const file = path.join(meetingDir(this.dataDir, meetingId), 'meta.json');
    return (await readJsonIfPresent(file)) as MeetingMeta | null;
  }

  async list(): Promise<MeetingMeta[]> {
    const names = await namesIn(meetingsDir(this.dataDir));
    const metas = await Promise.all(
      names.filter(isValidMeetingId).map(async (id) => {
        try {
          return await this.get(id);
        } catch (err) {
          if (!(err instanceof SyntaxError)) throw err;
          this.log.error('meeting meta unreadable; left out of the list', {
            meetingId: id,
            error: err.message,
          });
          return null;
        }
      }),
    );
    return metas.filter((m): m is MeetingMeta => m !== null);
  }

  private workflowFile(meetingId: string): string {
    return path.join(meetingDir(this.dataDir, meetingId), 'workflow.json');
  }

  async readWorkflow(meetingId: string): Promise<unknown | null> {
    return readJsonIfPresent(this.workflowFile(meetingId));
  }

  async writeWorkflow(meetingId: string, workflow: unknown): Promise<void> {
    await writeFileAtomic(this.workflowFile(meetingId), JSON.stringify(workflow));
  }
}
