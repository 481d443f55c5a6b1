/**
 * The in-memory stores' stand-in for a disk that refuses writes (full,
 * read-only): one switch shared by a whole set, so a test can make every
 * write fail and then recover, as a real disk would.
 */
export class WriteFaults {
  /** While true, every write of the stores sharing this switch fails (EIO). */
  failWrites = false;

  /** Throws when writes are failing; called first by each write. */
  check(): void {
    if (this.failWrites) {
      throw Object.assign(new Error('simulated write failure'), { code: 'EIO' });
    }
  }
}
