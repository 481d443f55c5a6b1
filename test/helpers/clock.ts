import type { Clock } from '../../server/core/clock.ts';

/**
 * A server clock the test sets (createServer's `now`): it stands still at
 * `start` (an ISO instant) until set or moved, so what the server decides
 * by the date or the time of day never depends on when the test runs.
 */
export class TestClock {
  private at: number;

  constructor(start: string) {
    this.at = TestClock.parse(start);
  }

  /** The clock as the server takes it. */
  readonly now: Clock = () => this.at;

  set(instant: string) {
    this.at = TestClock.parse(instant);
  }

  advance(ms: number) {
    this.at += ms;
  }

  private static parse(instant: string): number {
    const at = Date.parse(instant);
    if (Number.isNaN(at)) throw new Error(`not an instant: ${instant}`);
    return at;
  }
}
