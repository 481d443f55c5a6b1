import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The reliability suite runs in `npm test` at the size the issue asks for
 * and writes what it measured here; `npm run bench:reliability` runs the same
 * tests and gathers these files into bench/results/reliability.md.
 */
export const FIGURES_DIR = path.resolve(import.meta.dirname, '../../test-output/reliability');

export function recordFigures(name: string, figures: Record<string, unknown>) {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(
    path.join(FIGURES_DIR, `${name}.json`),
    JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2) + '\n',
  );
}

/** Scales iteration counts: RELIABILITY_SCALE=5 for a longer soak than the test suite's. */
export const SCALE = Math.max(1, Number(process.env.RELIABILITY_SCALE ?? 1));

/** Nearest-rank p50/p95/max of durations, rounded to whole milliseconds. */
export function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? NaN);
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), max: at(1) };
}
