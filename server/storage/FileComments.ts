import path from 'node:path';
import type { Logger } from '../core/log.ts';
import type { CommentStorage, LoadedEventLog } from './CommentStorage.ts';
import { FileEventLogs } from './FileEventLogs.ts';
import { readJsonIfPresent } from './fsUtil.ts';
import { meetingDir } from './meetingDir.ts';

/**
 * Comments as the event log `comments` of FileEventLogs in
 * `<dataDir>/meetings/<id>/` (`comments-snapshot-<g>.json`,
 * `comments-events-<g>.jsonl`). `comments.json`, the whole-record store of
 * meetings from before the log, is only read: as the snapshot until the
 * first compaction writes one.
 */
export class FileComments implements CommentStorage {
  private readonly logs: FileEventLogs;

  constructor(
    private readonly dataDir: string,
    log: Logger,
  ) {
    this.logs = new FileEventLogs((id) => meetingDir(dataDir, id), log);
  }

  async read(meetingId: string): Promise<LoadedEventLog> {
    const loaded = await this.logs.read(meetingId, 'comments');
    return loaded.snapshot === null
      ? { ...loaded, snapshot: await this.readOldRecord(meetingId) }
      : loaded;
  }

  append(meetingId: string, events: unknown[]): Promise<{ bytes: number }> {
    return this.logs.append(meetingId, 'comments', events);
  }

  compact(meetingId: string, snapshot: unknown): Promise<void> {
    return this.logs.compact(meetingId, 'comments', snapshot);
  }

  private readOldRecord(meetingId: string): Promise<unknown | null> {
    return readJsonIfPresent(path.join(meetingDir(this.dataDir, meetingId), 'comments.json'));
  }
}
