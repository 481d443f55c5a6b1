import { describe } from 'vitest';
import { FileSecrets } from '../../../server/storage/FileSecrets.ts';
import { MemorySecrets } from '../../../server/storage/MemorySecrets.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { secretStorageContract } from './secrets.contract.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

describe('FileSecrets', () => {
  secretStorageContract(() => fileFixture(cleanup, (dataDir) => new FileSecrets(dataDir)));
});

describe('MemorySecrets', () => {
  secretStorageContract(async () => memoryFixture(new MemorySecrets()));
});
