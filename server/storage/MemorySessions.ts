import type { SessionStorage } from './SessionStorage.ts';
import { WriteFaults } from './WriteFaults.ts';

/** Sessions in memory, for tests; as JSON text. */
export class MemorySessions implements SessionStorage {
  private saved = '[]';

  constructor(private readonly faults = new WriteFaults()) {}

  async read(): Promise<unknown[]> {
    return JSON.parse(this.saved) as unknown[];
  }

  async write(sessions: unknown[]): Promise<void> {
    this.faults.check();
    this.saved = JSON.stringify(sessions);
  }
}
