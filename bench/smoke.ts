/**
 * Every benchmark in smoke mode, one after the other: seconds each at tiny
 * sizes, through the real code path, failing when one measured nothing.
 * Figures go to bench/results/smoke/ (gitignored). `npm test` runs the same
 * runs, one step each.
 *
 *   npm run bench:smoke
 */
import { spawnSync } from 'node:child_process';
import { BENCHMARKS } from './lib/benchmarks.ts';
import { ROOT } from './lib/servers.ts';

const failed: string[] = [];
for (const { name, script } of BENCHMARKS) {
  process.stdout.write(`\n=== smoke: ${name}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--smoke'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) failed.push(name);
}
process.stdout.write(
  `\n${BENCHMARKS.length - failed.length} passed, ${failed.length} failed${failed.length ? ` (${failed.join(', ')})` : ''}\n`,
);
process.exit(failed.length ? 1 : 0);
