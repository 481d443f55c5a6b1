import path from 'node:path';
import type { Logger } from '../core/log.ts';
import { FileAudit } from './FileAudit.ts';
import { FileBilag } from './FileBilag.ts';
import { FileComments } from './FileComments.ts';
import { FileDocuments } from './FileDocuments.ts';
import { FileMeetings } from './FileMeetings.ts';
import { FileOutbox } from './FileOutbox.ts';
import { FileRosters } from './FileRosters.ts';
import { FileSecrets } from './FileSecrets.ts';
import { FileSessions } from './FileSessions.ts';
import { FileVersions } from './FileVersions.ts';
import type { Storage } from './Storage.ts';

/** The stores as plain files under `dataDir` (its layout: docs/data-layout.md). */
export function createFileStorage(dataDir: string, log: Logger) {
  return {
    documents: new FileDocuments(dataDir, log),
    meetings: new FileMeetings(dataDir, log),
    versions: new FileVersions(dataDir),
    bilag: new FileBilag(dataDir),
    comments: new FileComments(dataDir, log),
    audit: new FileAudit(dataDir, log),
    outbox: new FileOutbox(dataDir, log),
    rosters: new FileRosters(path.join(dataDir, 'rosters'), log),
    sessions: new FileSessions(dataDir, log),
    secrets: new FileSecrets(dataDir),
  } satisfies Storage;
}
