import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe } from 'vitest';
import { FileOutbox } from '../../../server/storage/FileOutbox.ts';
import { MemoryOutbox } from '../../../server/storage/MemoryOutbox.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { outboxDamageContract, outboxStorageContract } from './outbox.contract.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileOutbox() {
  const fixture = await fileFixture(cleanup, (dataDir, log) => new FileOutbox(dataDir, log));
  const dir = path.join(fixture.dataDir, 'outbox');
  return {
    ...fixture,
    spoilEntry: (id: string) => writeFile(path.join(dir, `${id}.json`), '{"id": "spild'),
    keptAside: () => readdir(path.join(dir, 'quarantine')),
  };
}

describe('FileOutbox', () => {
  outboxStorageContract(fileOutbox);
  outboxDamageContract(fileOutbox);
});

describe('MemoryOutbox', () => {
  outboxStorageContract(async () => memoryFixture(new MemoryOutbox()));
});
