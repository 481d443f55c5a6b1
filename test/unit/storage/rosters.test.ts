import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe } from 'vitest';
import { FileRosters } from '../../../server/storage/FileRosters.ts';
import { MemoryRosters } from '../../../server/storage/MemoryRosters.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { rosterDamageContract, rosterStorageContract } from './rosters.contract.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileRosters() {
  const fixture = await fileFixture(
    cleanup,
    (dataDir, log) => new FileRosters(path.join(dataDir, 'rosters'), log),
  );
  return {
    ...fixture,
    tearLastAudit: (forumId: string) =>
      appendFile(path.join(fixture.dataDir, 'rosters', forumId, 'audit.jsonl'), '{"at":"2'),
    breakRoster: (forumId: string) =>
      writeFile(path.join(fixture.dataDir, 'rosters', forumId, 'roster.json'), '{"id": "f0'),
  };
}

describe('FileRosters', () => {
  rosterStorageContract(fileRosters);
  rosterDamageContract(fileRosters);
});

describe('MemoryRosters', () => {
  rosterStorageContract(async () => memoryFixture(new MemoryRosters()));
});
