import { checkId } from './checkId.ts';
import { isValidOutboxId, type OutboxStorage } from './OutboxStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** The outbox in memory, for tests: entries as JSON text, by id. */
export class MemoryOutbox implements OutboxStorage {
  private readonly entries = new Map<string, string>();

  constructor(private readonly faults = new WriteFaults()) {}

  async readAll(): Promise<unknown[]> {
    return [...this.entries.values()].map((raw) => JSON.parse(raw));
  }

  async write(entryId: string, entry: unknown): Promise<void> {
    checkId('outbox', entryId, isValidOutboxId);
    this.faults.check();
    this.entries.set(entryId, JSON.stringify(entry));
  }
}
