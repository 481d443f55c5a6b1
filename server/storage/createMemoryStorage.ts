import { MemoryAudit } from './MemoryAudit.ts';
import { MemoryBilag } from './MemoryBilag.ts';
import { MemoryComments } from './MemoryComments.ts';
import { MemoryDocuments } from './MemoryDocuments.ts';
import { MemoryMeetings } from './MemoryMeetings.ts';
import { MemoryOutbox } from './MemoryOutbox.ts';
import { MemoryRosters } from './MemoryRosters.ts';
import { MemorySecrets } from './MemorySecrets.ts';
import { MemorySessions } from './MemorySessions.ts';
import { MemoryVersions } from './MemoryVersions.ts';
import type { Storage } from './Storage.ts';
import { WriteFaults } from './WriteFaults.ts';

/**
 * The stores in memory, for tests. They share one `faults` switch: while
 * `faults.failWrites` is set, every write fails as on a full or read-only disk.
 */
export function createMemoryStorage(faults = new WriteFaults()) {
  const stores = {
    documents: new MemoryDocuments(faults),
    meetings: new MemoryMeetings(faults),
    versions: new MemoryVersions(faults),
    bilag: new MemoryBilag(faults),
    comments: new MemoryComments(faults),
    audit: new MemoryAudit(faults),
    outbox: new MemoryOutbox(faults),
    rosters: new MemoryRosters(faults),
    sessions: new MemorySessions(faults),
    secrets: new MemorySecrets(faults),
  } satisfies Storage;
  return { ...stores, faults };
}
