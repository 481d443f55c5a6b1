/**
 * Sender -> receiver latency from Yjs clocks (see loadWorker.ts): a sender
 * notes the clock each edit starts at and when; a receiver notes which clock
 * range of each sender each applied transaction brought, and when.
 */

/** One sender's edits: `clocks[i]` is where edit i starts, `at[i]` when it was made. */
export interface SentEdits {
  client: number;
  clocks: number[];
  at: number[];
}

/** What one thread's receivers applied: sender's clock range [from, to) arrived at `at`. */
export interface Arrivals {
  sender: number[];
  from: number[];
  to: number[];
  at: number[];
}

/** First index of `sorted` whose value is >= `value`. */
function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * One latency (ms) per edit per receiver: for every arrived range, the
 * edits of that sender starting inside it. An arrival of a range nobody
 * noted sending (before the measurement) adds nothing.
 */
export function joinArrivals(sent: SentEdits[], arrivals: Arrivals[]): number[] {
  const bySender = new Map(sent.map((s) => [s.client, s]));
  const latencies: number[] = [];
  for (const a of arrivals) {
    for (let i = 0; i < a.sender.length; i++) {
      const edits = bySender.get(a.sender[i]);
      if (!edits) continue;
      const end = lowerBound(edits.clocks, a.to[i]);
      for (let e = lowerBound(edits.clocks, a.from[i]); e < end; e++) {
        latencies.push(a.at[i] - edits.at[e]);
      }
    }
  }
  return latencies;
}
