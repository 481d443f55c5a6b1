import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe } from 'vitest';
import { FileMeetings } from '../../../server/storage/FileMeetings.ts';
import { MemoryMeetings } from '../../../server/storage/MemoryMeetings.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { meetingDamageContract, meetingStorageContract } from './meetings.contract.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileMeetings() {
  const fixture = await fileFixture(cleanup, (dataDir, log) => new FileMeetings(dataDir, log));
  return {
    ...fixture,
    // Temp files as writeFileAtomic names them, half written when the process died.
    leaveTornWrites: async (meetingId: string) => {
      const dir = path.join(fixture.dataDir, 'meetings', meetingId);
      await writeFile(path.join(dir, 'meta.json.tmp-0badc0de'), '{"id": "half');
      await writeFile(path.join(dir, 'workflow.json.tmp-0badc0de'), '{"appro');
    },
    breakMeta: (meetingId: string) =>
      writeFile(path.join(fixture.dataDir, 'meetings', meetingId, 'meta.json'), '{"id": "dam'),
  };
}

describe('FileMeetings', () => {
  meetingStorageContract(fileMeetings);
  meetingDamageContract(fileMeetings);
});

describe('MemoryMeetings', () => {
  meetingStorageContract(async () => memoryFixture(new MemoryMeetings()));
});
