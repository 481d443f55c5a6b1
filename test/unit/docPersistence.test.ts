import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DocPersistence } from '../../server/collab/DocPersistence.ts';
import { createLogger } from '../../server/core/log.ts';
import { MemoryDocuments } from '../../server/storage/MemoryDocuments.ts';

const MEETING = 'm-retry';
const OPTIONS = {
  groupCommitMs: 2,
  compactAfterBytes: 1 << 20,
  retryBaseMs: 100,
  maxRetryMs: 1000,
};

/** Documents whose next `failures` appends fail (disk full, say); records when each was tried. */
class FlakyDocuments extends MemoryDocuments {
  attempts: number[] = [];
  constructor(public failures: number) {
    super();
  }
  override async append(id: string, updates: Uint8Array[]) {
    this.attempts.push(Date.now());
    if (this.failures > 0) {
      this.failures--;
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    }
    return super.append(id, updates);
  }
}

/** A document, created and loaded as a room does, with its persistence, and what it reported. */
async function setup(failures: number) {
  const storage = new FlakyDocuments(failures);
  await storage.create(MEETING);
  await storage.load(MEETING);
  const doc = new Y.Doc();
  const statuses: boolean[] = [];
  const persistence = new DocPersistence(
    MEETING,
    doc,
    storage,
    OPTIONS,
    createLogger('silent'),
    (failing) => statuses.push(failing),
  );
  const type = (text: string) => {
    doc.getText('t').insert(doc.getText('t').length, text);
    return persistence.currentSeq;
  };
  /** What a fresh load from storage holds. */
  const stored = () => {
    const copy = new Y.Doc();
    for (const u of storage.updates.get(MEETING) ?? []) Y.applyUpdate(copy, u);
    return copy.getText('t').toString();
  };
  return { storage, doc, persistence, statuses, type, stored };
}

/** Whether a promise has settled, without waiting for it. */
function tracked(promise: Promise<void>) {
  const state = { done: false };
  void promise.then(() => (state.done = true));
  return state;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DocPersistence: appends that fail N times', () => {
  // retryBaseMs 100, doubling, at most 1000: the first try at the group commit (2 ms).
  const cases: [failures: number, attemptsAt: number[]][] = [
    [0, [2]],
    [1, [2, 102]],
    [2, [2, 102, 302]],
    [5, [2, 102, 302, 702, 1502, 2502]],
    [7, [2, 102, 302, 702, 1502, 2502, 3502, 4502]],
  ];
  it.each(cases)(
    '%i failures: tried at %j, durable only when written',
    async (failures, attemptsAt) => {
      const { storage, persistence, statuses, type, stored } = await setup(failures);
      const durable = tracked(persistence.whenDurable(type('Beslutning')));
      const last = attemptsAt[attemptsAt.length - 1];

      // Until the last attempt nothing is reported durable and the document stays in memory.
      await vi.advanceTimersByTimeAsync(last - 1);
      expect(durable.done).toBe(false);
      expect(persistence.isClean).toBe(false);
      expect(stored()).toBe('');
      expect(persistence.failing).toBe(failures > 0);
      expect(statuses).toEqual(failures > 0 ? [true] : []);

      await vi.advanceTimersByTimeAsync(1);
      expect(storage.attempts).toEqual(attemptsAt);
      expect(durable.done).toBe(true);
      expect(persistence.isClean).toBe(true);
      expect(stored()).toBe('Beslutning');
      // Reported failing once, and back once: no flapping per attempt.
      expect(statuses).toEqual(failures > 0 ? [true, false] : []);
      expect(persistence.failing).toBe(false);

      // No further attempts once written.
      await vi.advanceTimersByTimeAsync(10_000);
      expect(storage.attempts).toHaveLength(attemptsAt.length);
      persistence.destroy();
    },
  );

  it('edits made while failing wait for the retry and are written with it', async () => {
    const { storage, persistence, type, stored } = await setup(1);
    const first = tracked(persistence.whenDurable(type('a')));
    await vi.advanceTimersByTimeAsync(2); // first try fails; retry at 102
    const second = tracked(persistence.whenDurable(type('b')));
    await vi.advanceTimersByTimeAsync(50);
    expect(storage.attempts).toEqual([2]); // no group commit of its own while failing
    expect([first.done, second.done]).toEqual([false, false]);
    await vi.advanceTimersByTimeAsync(50);
    expect(storage.attempts).toEqual([2, 102]);
    expect([first.done, second.done]).toEqual([true, true]);
    expect(stored()).toBe('ab');
    persistence.destroy();
  });

  it('a failure after recovery is reported again, and the backoff starts over', async () => {
    const { storage, persistence, statuses, type } = await setup(1);
    type('a');
    await vi.advanceTimersByTimeAsync(102);
    expect(statuses).toEqual([true, false]);
    storage.failures = 1;
    type('b'); // at 102: group commit at 104 fails, retry 100 ms later
    await vi.advanceTimersByTimeAsync(2);
    expect(statuses).toEqual([true, false, true]);
    await vi.advanceTimersByTimeAsync(100);
    expect(storage.attempts).toEqual([2, 102, 104, 204]);
    expect(statuses).toEqual([true, false, true, false]);
    persistence.destroy();
  });

  it('flush while the storage fails rejects, keeps the edits and retries in the background', async () => {
    const { storage, persistence, type, stored } = await setup(2);
    const durable = tracked(persistence.whenDurable(type('x')));
    await expect(persistence.flush()).rejects.toThrow('no space left');
    expect(persistence.isClean).toBe(false);
    expect(durable.done).toBe(false);
    await expect(persistence.flush()).rejects.toThrow('no space left');
    await persistence.flush();
    expect(storage.attempts).toHaveLength(3);
    expect(durable.done).toBe(true);
    expect(stored()).toBe('x');
    persistence.destroy();
  });
});
