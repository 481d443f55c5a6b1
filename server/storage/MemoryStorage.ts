import { AggregateStorage } from './AggregateStorage.ts';
import { MemoryAudit } from './MemoryAudit.ts';
import { MemoryBilag } from './MemoryBilag.ts';
import { MemoryComments } from './MemoryComments.ts';
import { MemoryDocuments } from './MemoryDocuments.ts';
import { MemoryMeetings } from './MemoryMeetings.ts';
import { MemoryOutbox } from './MemoryOutbox.ts';
import { MemoryRosters } from './MemoryRosters.ts';
import { MemoryVersions } from './MemoryVersions.ts';
import { WriteFaults } from './WriteFaults.ts';

/**
 * Storage in memory, for tests. `failWrites` makes every write fail (disk
 * full, read-only) until it is set back to false.
 */
export class MemoryStorage extends AggregateStorage<{
  documents: MemoryDocuments;
  meetings: MemoryMeetings;
  versions: MemoryVersions;
  bilag: MemoryBilag;
  comments: MemoryComments;
  audit: MemoryAudit;
  outbox: MemoryOutbox;
  rosters: MemoryRosters;
}> {
  private readonly faults: WriteFaults;

  constructor(faults = new WriteFaults()) {
    super({
      documents: new MemoryDocuments(faults),
      meetings: new MemoryMeetings(faults),
      versions: new MemoryVersions(faults),
      bilag: new MemoryBilag(faults),
      comments: new MemoryComments(faults),
      audit: new MemoryAudit(faults),
      outbox: new MemoryOutbox(faults),
      rosters: new MemoryRosters(faults),
    });
    this.faults = faults;
  }

  get failWrites(): boolean {
    return this.faults.failWrites;
  }

  set failWrites(fail: boolean) {
    this.faults.failWrites = fail;
  }
}
