import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { describe } from 'vitest';
import { FileDocuments } from '../../../server/storage/FileDocuments.ts';
import { MemoryDocuments } from '../../../server/storage/MemoryDocuments.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { documentDamageContract, documentStorageContract } from './documents.contract.ts';
import { MEETING, OTHER_MEETING, fileFixture, memoryFixture, newestFile } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileDocuments() {
  const fixture = await fileFixture(
    cleanup,
    (dataDir, log) => new FileDocuments(dataDir, log),
    (store) => Promise.all([MEETING, OTHER_MEETING].map((id) => store.close(id))).then(() => {}),
  );
  const newest = (meetingId: string, pattern: RegExp) =>
    newestFile(fixture.dataDir, meetingId, pattern);
  return {
    ...fixture,
    // The header of a record whose payload never arrived: a crash mid-append.
    tearLogTail: async (meetingId: string) =>
      appendFile(await newest(meetingId, /^log-\d+\.bin$/), Uint8Array.of(40, 0, 0, 0, 1, 2)),
    breakNewestSnapshot: async (meetingId: string) => {
      const file = await newest(meetingId, /^snapshot-\d+\.bin$/);
      const bytes = await readFile(file);
      bytes[bytes.length - 1] ^= 0xff;
      await writeFile(file, bytes);
    },
  };
}

describe('FileDocuments', () => {
  documentStorageContract(fileDocuments);
  documentDamageContract(fileDocuments);
});

describe('MemoryDocuments', () => {
  documentStorageContract(async () => memoryFixture(new MemoryDocuments()));
});
