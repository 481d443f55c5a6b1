import { describe } from 'vitest';
import { FileBilag } from '../../../server/storage/FileBilag.ts';
import { MemoryBilag } from '../../../server/storage/MemoryBilag.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { bilagStorageContract } from './bilag.contract.ts';
import { fileFixture, memoryFixture } from './storeFixture.ts';

const cleanup = useCleanups();

describe('FileBilag', () => {
  bilagStorageContract(() => fileFixture(cleanup, (dataDir) => new FileBilag(dataDir)));
});

describe('MemoryBilag', () => {
  bilagStorageContract(async () => memoryFixture(new MemoryBilag()));
});
