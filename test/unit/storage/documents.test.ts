import { appendFile, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe } from 'vitest';
import { FileDocuments } from '../../../server/storage/FileDocuments.ts';
import { MemoryDocuments } from '../../../server/storage/MemoryDocuments.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { documentDamageContract, documentStorageContract } from './documents.contract.ts';
import { MEETING, OTHER_MEETING, fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileDocuments() {
  const fixture = await fileFixture(
    cleanup,
    (dataDir, log) => new FileDocuments(dataDir, log),
    (store) => Promise.all([MEETING, OTHER_MEETING].map((id) => store.close(id))).then(() => {}),
  );
  const dir = (meetingId: string) => path.join(fixture.dataDir, 'meetings', meetingId);
  const newest = async (meetingId: string, pattern: RegExp) => {
    const names = (await readdir(dir(meetingId))).filter((n) => pattern.test(n));
    names.sort((a, b) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]));
    return path.join(dir(meetingId), names[names.length - 1]);
  };
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
