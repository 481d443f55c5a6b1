import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileComments } from '../../../server/storage/FileComments.ts';
import { MemoryComments } from '../../../server/storage/MemoryComments.ts';
import { useCleanups } from '../../helpers/cleanups.ts';
import { commentDamageContract, commentStorageContract } from './comments.contract.ts';
import { MEETING, fileFixture, memoryFixture, newestFile } from './storeFixture.ts';

const cleanup = useCleanups();

async function fileComments() {
  const fixture = await fileFixture(cleanup, (dataDir, log) => new FileComments(dataDir, log));
  return {
    ...fixture,
    breakNewestSnapshot: async (meetingId: string) => {
      const file = await newestFile(fixture.dataDir, meetingId, /^comments-snapshot-\d+\.json$/);
      await writeFile(file, '{"threads": [');
    },
    tearLastEvent: async (meetingId: string) => {
      const file = await newestFile(fixture.dataDir, meetingId, /^comments-events-\d+\.jsonl$/);
      await appendFile(file, '{"type":"thread","id":"t9","te');
    },
  };
}

describe('FileComments', () => {
  commentStorageContract(fileComments);
  commentDamageContract(fileComments);

  it('reads comments.json of a meeting from before the event log as its snapshot, until a compaction', async () => {
    const fixture = await fileComments();
    await fixture.addMeeting(MEETING);
    const old = [{ id: 't0', messages: [{ text: 'fra før loggen' }] }];
    const file = path.join(fixture.dataDir, 'meetings', MEETING, 'comments.json');
    await writeFile(file, JSON.stringify(old));
    await fixture.store.append(MEETING, [{ type: 'reply', id: 't0' }]);
    expect(await fixture.store.read(MEETING)).toMatchObject({
      snapshot: old,
      events: [{ type: 'reply', id: 't0' }],
    });
    await fixture.store.compact(MEETING, { threads: [] });
    expect(await fixture.store.read(MEETING)).toMatchObject({
      snapshot: { threads: [] },
      events: [],
    });
  });
});

describe('MemoryComments', () => {
  commentStorageContract(async () => memoryFixture(new MemoryComments()));
});
