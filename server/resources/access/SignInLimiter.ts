import { systemClock, type Clock } from '../../core/clock.ts';

/** Failed sign-ins a source may make before it has to wait. */
const FREE_FAILURES = 5;
/** The wait doubles with every further failure, up to this. */
const MAX_WAIT_MS = 15 * 60_000;
/** A source's failures are forgotten after this long without one. */
const FORGET_AFTER_MS = 60 * 60_000;
/** Sources remembered at most (the oldest are forgotten first): memory stays bounded. */
const MAX_SOURCES = 10_000;

interface SourceRecord {
  failures: number;
  lastFailure: number;
  blockedUntil: number;
}

/**
 * Slows down guessing of the organiser key, per source (IP address): a few
 * free failures, then an exponential wait during which that source's
 * attempts are refused without looking at the key. Nothing is limited
 * globally, so one person's failures never lock out another source that
 * holds the right key; distributed guessing is defeated by the key's length
 * (at least 16 characters; a generated key has 192 bits).
 */
export class SignInLimiter {
  private readonly sources = new Map<string, SourceRecord>();

  /** `now`: the server's clock (ms), by which waits pass and failures are forgotten. */
  constructor(private readonly now: Clock = systemClock) {}

  /** Milliseconds this source must still wait; 0 when it may try. */
  waitFor(source: string): number {
    const record = this.current(source);
    return record ? Math.max(0, record.blockedUntil - this.now()) : 0;
  }

  failed(source: string) {
    const now = this.now();
    const record = this.current(source) ?? { failures: 0, lastFailure: now, blockedUntil: 0 };
    record.failures++;
    record.lastFailure = now;
    if (record.failures > FREE_FAILURES) {
      const wait = Math.min(MAX_WAIT_MS, 1000 * 2 ** (record.failures - FREE_FAILURES - 1));
      record.blockedUntil = now + wait;
    }
    // Re-inserted: Map order is the eviction order (least recently failed first).
    this.sources.delete(source);
    this.sources.set(source, record);
    if (this.sources.size > MAX_SOURCES) {
      this.sources.delete(this.sources.keys().next().value as string);
    }
  }

  succeeded(source: string) {
    this.sources.delete(source);
  }

  private current(source: string): SourceRecord | null {
    const record = this.sources.get(source);
    if (!record) return null;
    if (this.now() - record.lastFailure > FORGET_AFTER_MS && record.blockedUntil < this.now()) {
      this.sources.delete(source);
      return null;
    }
    return record;
  }
}
