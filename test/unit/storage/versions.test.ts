import { describe } from 'vitest';
import { FileVersions } from '../../../server/storage/FileVersions.ts';
import { MemoryVersions } from '../../../server/storage/MemoryVersions.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';
import { versionStorageContract } from './versions.contract.ts';

const cleanup = useCleanups();

describe('FileVersions', () => {
  versionStorageContract(() => fileFixture(cleanup, (dataDir) => new FileVersions(dataDir)));
});

describe('MemoryVersions', () => {
  versionStorageContract(async () => memoryFixture(new MemoryVersions()));
});
