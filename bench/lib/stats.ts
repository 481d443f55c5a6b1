import { readFile } from 'node:fs/promises';

const CLK_TCK = 100;

/** CPU seconds used so far, current and peak resident memory of a process (Linux /proc). */
export async function procStats(
  pid: number,
): Promise<{ cpuSeconds: number; rssKB: number; peakKB: number }> {
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1].split(' ');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return {
    cpuSeconds: (Number(stat[11]) + Number(stat[12])) / CLK_TCK,
    rssKB: kb('VmRSS'),
    peakKB: kb('VmHWM'),
  };
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank percentiles, rounded to 0.1. */
export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted.length
      ? round1(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)])
      : NaN;
  return {
    count: sorted.length,
    p50: at(50),
    p95: at(95),
    p99: at(99),
    max: sorted.length ? round1(sorted[sorted.length - 1]) : NaN,
  };
}

/** Polls `condition` every 20 ms; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
