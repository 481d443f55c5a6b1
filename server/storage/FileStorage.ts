import path from 'node:path';
import type { Logger } from '../core/log.ts';
import { AggregateStorage } from './AggregateStorage.ts';
import { FileAudit } from './FileAudit.ts';
import { FileBilag } from './FileBilag.ts';
import { FileComments } from './FileComments.ts';
import { FileDocuments } from './FileDocuments.ts';
import { FileMeetings } from './FileMeetings.ts';
import { FileOutbox } from './FileOutbox.ts';
import { FileRosters } from './FileRosters.ts';
import { FileVersions } from './FileVersions.ts';

/** Meetings as plain files under a data directory, one store per aggregate (see each for its files). */
export class FileStorage extends AggregateStorage<{
  documents: FileDocuments;
  meetings: FileMeetings;
  versions: FileVersions;
  bilag: FileBilag;
  comments: FileComments;
  audit: FileAudit;
  outbox: FileOutbox;
  rosters: FileRosters;
}> {
  constructor(dataDir: string, log: Logger) {
    super({
      documents: new FileDocuments(dataDir, log),
      meetings: new FileMeetings(dataDir),
      versions: new FileVersions(dataDir),
      bilag: new FileBilag(dataDir),
      comments: new FileComments(dataDir, log),
      audit: new FileAudit(dataDir, log),
      outbox: new FileOutbox(dataDir, log),
      rosters: new FileRosters(path.join(dataDir, 'rosters'), log),
    });
  }
}
