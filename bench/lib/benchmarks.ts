/**
 * Every benchmark, by the name its npm script and results carry. `npm test`
 * (test/run.ts) runs each in smoke mode as one step, `npm run bench:smoke`
 * (bench/smoke.ts) runs them all.
 */
export const BENCHMARKS = [
  { name: 'load', script: 'bench/load.ts' },
  { name: 'coldload', script: 'bench/coldLoad.ts' },
  { name: 'client', script: 'bench/client.ts' },
  { name: 'reliability', script: 'bench/reliability.ts' },
  { name: 'eventloop', script: 'bench/eventLoop.ts' },
  { name: 'restart', script: 'bench/restart.ts' },
] as const;
