import { describe, expect, it } from 'vitest';
import { SignInLimiter } from '../../server/resources/access/SignInLimiter.ts';

describe('SignInLimiter', () => {
  it('five free failures, then a wait that doubles up to 15 minutes; per source only', () => {
    let now = 0;
    const limiter = new SignInLimiter(() => now);
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      limiter.failed('a');
      waits.push(limiter.waitFor('a'));
    }
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits.slice(5, 9)).toEqual([1000, 2000, 4000, 8000]);
    expect(Math.max(...waits)).toBe(15 * 60_000);
    expect(limiter.waitFor('b')).toBe(0);
    // The wait passes; success forgets the source.
    now += 15 * 60_000;
    expect(limiter.waitFor('a')).toBe(0);
    limiter.succeeded('a');
    limiter.failed('a');
    expect(limiter.waitFor('a')).toBe(0);
  });

  it('forgets old failures and keeps at most 10,000 sources', () => {
    let now = 0;
    const limiter = new SignInLimiter(() => now);
    for (let i = 0; i < 5; i++) limiter.failed('a');
    now += 61 * 60_000;
    limiter.failed('a');
    expect(limiter.waitFor('a')).toBe(0); // counted from one again
    for (let i = 0; i < 10_050; i++) {
      for (let j = 0; j < 6; j++) limiter.failed(`s${i}`);
    }
    expect(limiter.waitFor('s0')).toBe(0); // evicted, the oldest first
    expect(limiter.waitFor('s10049')).toBeGreaterThan(0);
  });
});
