/**
 * The reliability suite's figures: runs test/reliability/ (the same tests
 * `npm test` runs; RELIABILITY_SCALE=5 makes them five times longer) and
 * gathers what each measured into bench/results/reliability.json and .md.
 *
 *   npm run bench:reliability
 *   npm run bench:reliability -- --smoke   (one file, test/reliability/hostileUpdates.test.ts;
 *                                          results/smoke/)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FIGURES_DIR } from '../test/reliability/figures.ts';
import { machine, mustHaveMeasured, SMOKE, writeResults } from './lib/results.ts';
import { ROOT } from './lib/servers.ts';

rmSync(FIGURES_DIR, { recursive: true, force: true });
// The smoke run: one of the suite's files that records figures, in seconds.
const target = SMOKE ? 'test/reliability/hostileUpdates.test.ts' : 'test/reliability';
const run = spawnSync('npx', ['vitest', 'run', target], {
  cwd: ROOT,
  stdio: 'inherit',
  env: process.env,
});
const figures = (existsSync(FIGURES_DIR) ? readdirSync(FIGURES_DIR) : [])
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map(
    (f) => JSON.parse(readFileSync(path.join(FIGURES_DIR, f), 'utf8')) as Record<string, unknown>,
  );

mustHaveMeasured(figures.length > 0, 'figures recorded by the reliability tests');

const show = (value: unknown): string =>
  typeof value === 'object' && value !== null
    ? Object.entries(value)
        .map(([k, v]) => `${k} ${show(v)}`)
        .join(', ')
    : String(value);

await writeResults('reliability', { machine: machine(), passed: run.status === 0, figures }, [
  '# Reliability suite',
  '',
  machine(),
  '',
  `Tests: ${run.status === 0 ? 'all passed' : 'FAILED (see the test output)'}; scale ${process.env.RELIABILITY_SCALE ?? 1}.`,
  '',
  ...figures.flatMap(({ name, at: _at, ...rest }) => [
    `## ${String(name)}`,
    '',
    ...Object.entries(rest).map(([k, v]) => `- ${k}: ${show(v)}`),
    '',
  ]),
]);
process.exit(run.status ?? 1);
