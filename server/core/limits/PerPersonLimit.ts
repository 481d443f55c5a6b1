import { RateLimit } from './RateLimit.ts';

/** How many keys are kept before the ones at rest are dropped. */
const SWEEP_AT = 1000;

/**
 * A rate limit per person and meeting (comments, versions saved by hand,
 * audit entries of refused writes), without growing without end: a person
 * whose bucket is full again is forgotten, and starts full next time.
 */
export class PerPersonLimit {
  private readonly buckets = new Map<string, RateLimit>();

  constructor(
    private readonly burst: number,
    private readonly perSecond: number,
  ) {}

  /** Takes one for this person in this meeting, if any is left. */
  take(meetingId: string, userId: string): boolean {
    const key = `${meetingId} ${userId}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= SWEEP_AT) this.sweep();
      bucket = new RateLimit(this.burst, this.perSecond);
      this.buckets.set(key, bucket);
    }
    return bucket.take();
  }

  private sweep() {
    for (const [key, bucket] of this.buckets) if (bucket.isFull()) this.buckets.delete(key);
  }
}
