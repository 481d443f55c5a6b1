import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { describe } from 'vitest';
import { FileAudit } from '../../../server/storage/FileAudit.ts';
import { MemoryAudit } from '../../../server/storage/MemoryAudit.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { auditDamageContract, auditStorageContract } from './audit.contract.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileAudit() {
  const fixture = await fileFixture(cleanup, (dataDir, log) => new FileAudit(dataDir, log));
  return {
    ...fixture,
    tearLastEntry: (meetingId: string) =>
      appendFile(path.join(fixture.dataDir, 'meetings', meetingId, 'audit.jsonl'), '{"at":"20'),
  };
}

describe('FileAudit', () => {
  auditStorageContract(fileAudit);
  auditDamageContract(fileAudit);
});

describe('MemoryAudit', () => {
  auditStorageContract(async () => memoryFixture(new MemoryAudit()));
});
