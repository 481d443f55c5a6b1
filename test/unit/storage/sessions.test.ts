import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe } from 'vitest';
import { FileSessions } from '../../../server/storage/FileSessions.ts';
import { MemorySessions } from '../../../server/storage/MemorySessions.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { sessionDamageContract, sessionStorageContract } from './sessions.contract.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileSessions() {
  const fixture = await fileFixture(cleanup, (dataDir, log) => new FileSessions(dataDir, log));
  return {
    ...fixture,
    spoil: () => writeFile(path.join(fixture.dataDir, 'sessions', 'people.json'), '[{"id": "a'),
  };
}

describe('FileSessions', () => {
  sessionStorageContract(fileSessions);
  sessionDamageContract(fileSessions);
});

describe('MemorySessions', () => {
  sessionStorageContract(async () => memoryFixture(new MemorySessions()));
});
