import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const RESULTS_DIR = path.join(import.meta.dirname, '..', 'results');

/**
 * Smoke mode (`BENCH_SMOKE=1` or `--smoke`): a few seconds at tiny sizes,
 * through the same code path as the real run, so `npm test` notices a
 * benchmark that rotted. Its figures mean nothing and go to
 * `results/smoke/` (gitignored), never over the real ones.
 */
export const SMOKE = process.env.BENCH_SMOKE === '1' || process.argv.includes('--smoke');

/** A knob's value: `BENCH_<name>` when set, else the smoke or the real default. */
export function knob(name: string, real: number, smoke: number): number {
  const raw = process.env[`BENCH_${name}`];
  if (raw === undefined || raw === '') return SMOKE ? smoke : real;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`BENCH_${name} must be a number`);
  return value;
}

/** The machine a figure was measured on, printed above every results table. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const load = os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${new Date().toISOString()}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load average ${load} at the end`;
}

/**
 * A run that measured nothing is a failure, not a table of zeros: throws
 * (the benchmark exits non-zero) with what is missing.
 */
export function mustHaveMeasured(ok: boolean, what: string): void {
  if (!ok) throw new Error(`measured nothing: ${what}`);
}

/**
 * Writes `<name>.json` (the figures) and `<name>.md` (the table a person
 * reads), and prints the table; in smoke mode under `results/smoke/`.
 */
export async function writeResults(name: string, data: unknown, markdown: string[]) {
  const dir = SMOKE ? path.join(RESULTS_DIR, 'smoke') : RESULTS_DIR;
  await mkdir(dir, { recursive: true });
  const body = SMOKE
    ? ['**Smoke run: tiny sizes, the figures mean nothing.**', '', ...markdown]
    : markdown;
  await writeFile(path.join(dir, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
  await writeFile(path.join(dir, `${name}.md`), body.join('\n') + '\n');
  process.stdout.write('\n' + body.join('\n') + '\n');
  const where = path.relative(path.join(RESULTS_DIR, '..', '..'), dir);
  process.stdout.write(`\nwritten to ${where}/${name}.json and ${name}.md\n`);
}
