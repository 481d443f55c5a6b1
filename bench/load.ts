/**
 * Server load: N clients over M meetings typing at a steady rate, against
 * Referat, the y-websocket reference server and Hocuspocus, in one run.
 *
 *   npm run bench:load                     (from the repo root)
 *   BENCH_SECONDS=20 BENCH_SCENARIOS=50x1,1000x200 npm run bench:load
 *
 * Every meeting starts from the same content (the Driftsforum agenda, see
 * lib/clients.ts). Each client (spread over worker threads, see
 * lib/loadWorker.ts) types one character at a time into its own
 * agenda item's last paragraph and, in the same transaction, stamps its
 * send time in a small map; every other client of the meeting records
 * sender -> receiver latency when the stamp arrives (one clock for all
 * threads: performance.timeOrigin + performance.now()). For Referat each client also runs the editor's
 * SaveTracker, and "saved" latency is edit -> the server's durable
 * acknowledgement (fsync'd). The servers run as child processes; CPU time
 * and peak RSS come from /proc.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { seedUpdate } from './lib/clients.ts';
import type { LoadCommand, LoadPlan, LoadReport } from './lib/loadWorker.ts';
import { machine, writeResults } from './lib/results.ts';
import { createMeetings, organiserToken, startServer, type ServerKind } from './lib/servers.ts';
import { percentiles, procStats, round1, type Percentiles } from './lib/stats.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? '50x1,200x200,1000x200').split(',').map((s) => {
  const [clients, meetings] = s.split('x').map(Number);
  return { clients, meetings };
});
/**
 * Edits per second per client, on average over the run. A minute-taker
 * types 3-6 characters a second while writing, then listens; the others
 * type now and then. 1/s for every participant of every meeting, all the
 * time, is more than a meeting produces; BENCH_RATE=2 is the stress run
 * (written to load-rate2.*).
 */
const RATE = Number(process.env.BENCH_RATE ?? 1);
const RESULTS_NAME = RATE === 1 ? 'load' : `load-rate${RATE}`;
const KINDS = (process.env.BENCH_SERVERS ?? 'referat,y-websocket,hocuspocus').split(
  ',',
) as ServerKind[];
/** Worker threads the clients are spread over. */
const WORKERS = Number(process.env.BENCH_WORKERS ?? Math.max(2, os.cpus().length));

interface Result {
  server: ServerKind;
  clients: number;
  meetings: number;
  seconds: number;
  editsSent: number;
  deliveries: number;
  expectedDeliveries: number;
  editsPerSecond: number;
  deliveriesPerSecond: number;
  fanout: Percentiles;
  saved: Percentiles | null;
  serverCpuPercent: number;
  /** All simulated clients together (they share the machine with the server). */
  clientCpuPercent: number;
  serverPeakRssMB: number;
  rssPerMeetingKB: number;
  connectSeconds: number;
}

/** A worker with a promise for its next report of a given type. */
function startWorker(plan: LoadPlan) {
  // The worker runs TypeScript: register tsx in it before loading the module.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const module = JSON.stringify(new URL('./lib/loadWorker.ts', import.meta.url).href);
  const worker = new Worker(
    `import(${tsx}).then((api) => { api.register(); return import(${module}); });`,
    { eval: true, workerData: plan },
  );
  const waiting = new Map<string, (report: LoadReport) => void>();
  let failure: Error | null = null;
  const fail = (err: Error) => {
    failure = err;
    for (const resolve of waiting.values()) resolve({ type: 'error', message: err.message });
  };
  worker.on('message', (report: LoadReport) => {
    if (report.type === 'error') return fail(new Error(report.message));
    waiting.get(report.type)?.(report);
    waiting.delete(report.type);
  });
  worker.on('error', fail);
  return {
    send: (command: LoadCommand) => worker.postMessage(command),
    next<T extends LoadReport['type']>(type: T): Promise<Extract<LoadReport, { type: T }>> {
      return new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        waiting.set(type, (report) =>
          report.type === 'error' ? reject(new Error(report.message)) : resolve(report as never),
        );
      });
    },
    terminate: () => worker.terminate(),
  };
}

async function scenario(kind: ServerKind, clients: number, meetings: number): Promise<Result> {
  const server = await startServer(kind);
  const workers: ReturnType<typeof startWorker>[] = [];
  try {
    const token = kind === 'referat' ? await organiserToken(server.port) : null;
    const names =
      kind === 'referat'
        ? await createMeetings(server.port, token!, meetings)
        : Array.from({ length: meetings }, (_, i) => `bench-${i}`);
    const before = await procStats(server.child.pid!);
    const started = performance.now();
    const seed = seedUpdate();
    for (let w = 0; w < WORKERS; w++) {
      const clientIndexes = Array.from({ length: clients }, (_, i) => i).filter(
        (i) => i % WORKERS === w,
      );
      workers.push(
        startWorker({
          kind,
          port: server.port,
          token,
          names,
          clientIndexes,
          clients,
          rate: RATE,
          seed,
        }),
      );
    }
    const all = async <T extends LoadReport['type']>(
      type: T,
      command?: (w: number) => LoadCommand,
    ) => {
      const replies = workers.map((w) => w.next(type));
      if (command) workers.forEach((w, i) => w.send(command(i)));
      return Promise.all(replies);
    };
    await all('synced');
    const connectSeconds = (performance.now() - started) / 1000;
    await all('ready', () => ({ type: 'seed' }));
    // Idle a moment so the loaded state settles before it is measured.
    await new Promise((r) => setTimeout(r, 1000));
    const loaded = await procStats(server.child.pid!);

    const cpuStart = loaded; // read just now: CPU time is counted from here
    // process.cpuUsage covers every thread of this process: all the clients.
    const clientCpuStart = process.cpuUsage();
    const runStart = performance.now();
    const stopped = await all('stopped', () => ({ type: 'start', seconds: SECONDS }));
    const elapsed = (performance.now() - runStart) / 1000;
    const after = await procStats(server.child.pid!);
    const clientCpu = process.cpuUsage(clientCpuStart);
    const editsPerMeeting = new Array<number>(meetings).fill(0);
    for (const s of stopped) s.editsPerMeeting.forEach((n, m) => (editsPerMeeting[m] += n));
    const drained = await all('drained', () => ({ type: 'drain', editsPerMeeting }));
    await all('closed', () => ({ type: 'close' }));
    const editsSent = editsPerMeeting.reduce((a, b) => a + b, 0);
    const deliveries = drained.reduce((a, d) => a + d.deliveries, 0);
    return {
      server: kind,
      clients,
      meetings,
      seconds: round1(elapsed),
      editsSent,
      deliveries,
      expectedDeliveries: drained.reduce((a, d) => a + d.expected, 0),
      editsPerSecond: Math.round(editsSent / elapsed),
      deliveriesPerSecond: Math.round(deliveries / elapsed),
      fanout: percentiles(drained.flatMap((d) => d.fanout)),
      saved: kind === 'referat' ? percentiles(drained.flatMap((d) => d.saved)) : null,
      serverCpuPercent: Math.round(((after.cpuSeconds - cpuStart.cpuSeconds) / elapsed) * 100),
      clientCpuPercent: Math.round((clientCpu.user + clientCpu.system) / 1e4 / elapsed),
      serverPeakRssMB: round1(after.peakKB / 1024),
      rssPerMeetingKB: Math.round(Math.max(0, loaded.rssKB - before.rssKB) / meetings),
      connectSeconds: round1(connectSeconds),
    };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    await server.stop();
  }
}

/**
 * Each scenario runs BENCH_REPEAT times (default 3), the servers taking
 * turns, so a noisy moment of the machine hits one run, not one server. The
 * table shows each server's median run (by fan-out p99; by RSS per meeting
 * where there is no fan-out) and the p99 range over all its runs.
 */
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const runs: Result[] = [];
for (const { clients, meetings } of SCENARIOS) {
  for (let round = 0; round < REPEAT; round++) {
    for (const kind of KINDS) {
      process.stdout.write(
        `${kind}: ${clients} clients over ${meetings} meetings, ${SECONDS} s (run ${round + 1}/${REPEAT}) … `,
      );
      const r = await scenario(kind, clients, meetings);
      runs.push(r);
      process.stdout.write(
        `fan-out p50 ${r.fanout.p50} / p99 ${r.fanout.p99} ms, ${r.editsPerSecond} edits/s, ` +
          `delivered ${r.deliveries}/${r.expectedDeliveries}, CPU ${r.serverCpuPercent} % (clients ${r.clientCpuPercent} %), ` +
          `peak RSS ${r.serverPeakRssMB} MB` +
          (r.saved ? `, saved p50 ${r.saved.p50} / p99 ${r.saved.p99} ms` : '') +
          '\n',
      );
    }
  }
}
const sameCase = (a: Result, b: Result) =>
  a.server === b.server && a.clients === b.clients && a.meetings === b.meetings;
const results: Result[] = [];
for (const r of runs) {
  if (results.some((m) => sameCase(m, r))) continue;
  const all = runs.filter((x) => sameCase(x, r));
  const key = (x: Result) => (x.fanout.count ? x.fanout.p99 : x.rssPerMeetingKB);
  results.push([...all].sort((a, b) => key(a) - key(b))[Math.floor((all.length - 1) / 2)]);
}
const p99Range = (r: Result) => {
  const p99s = runs.filter((x) => sameCase(x, r) && x.fanout.count).map((x) => x.fanout.p99);
  return p99s.length ? `${Math.min(...p99s)}–${Math.max(...p99s)}` : '–';
};

const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) + '×' : '–');
await writeResults(
  RESULTS_NAME,
  { machine: machine(), rate: RATE, seconds: SECONDS, repeat: REPEAT, results, runs },
  [
    `# Server load`,
    '',
    machine(),
    '',
    `${RATE} edits/s per client for ${SECONDS} s; fan-out = one client's edit until each other client of the meeting has applied it.`,
    `Each case ran ${REPEAT} times, the servers taking turns; the table shows each server's median run (by fan-out p99) and the p99 range over its runs.`,
    'Referat appends and fsyncs every edit (group commit) and acknowledges it as saved; the peers run as shipped, in memory, with no persistence and no acknowledgement.',
    'RSS per meeting = server RSS growth from start to all meetings loaded with their clients connected, divided by the meetings.',
    '',
    '| server | clients × meetings | fan-out p50 / p95 / p99 / max (ms) | p99 over runs | edits/s in | deliveries/s out | delivered | saved p50 / p95 / p99 (ms) | server CPU | peak RSS | RSS per meeting |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.server} | ${r.clients} × ${r.meetings} | ${r.fanout.count ? `${r.fanout.p50} / ${r.fanout.p95} / ${r.fanout.p99} / ${r.fanout.max}` : '– (one client per meeting)'} | ${p99Range(r)} | ${r.editsPerSecond} | ${r.deliveriesPerSecond} | ${r.deliveries}/${r.expectedDeliveries} | ${r.saved ? `${r.saved.p50} / ${r.saved.p95} / ${r.saved.p99}` : 'n/a'} | ${r.serverCpuPercent} % | ${r.serverPeakRssMB} MB | ${r.rssPerMeetingKB} KB |`,
    ),
    '',
    'Ratios Referat / peer (below 1 is better for latency, CPU and memory; above 1 for throughput):',
    '',
    ...SCENARIOS.flatMap(({ clients, meetings }) => {
      const same = (r: Result) =>
        r.clients === clients && r.meetings === meetings && r.fanout.count > 0;
      const ours = results.find((r) => r.server === 'referat' && same(r));
      if (!ours) return [];
      return results
        .filter((r) => r.server !== 'referat' && same(r))
        .map(
          (peer) =>
            `- ${clients} × ${meetings} vs ${peer.server}: fan-out p99 ${ratio(ours.fanout.p99, peer.fanout.p99)}, p50 ${ratio(ours.fanout.p50, peer.fanout.p50)}, deliveries/s ${ratio(ours.deliveriesPerSecond, peer.deliveriesPerSecond)}, CPU ${ratio(ours.serverCpuPercent, peer.serverCpuPercent)}, peak RSS ${ratio(ours.serverPeakRssMB, peer.serverPeakRssMB)}`,
        );
    }),
  ],
);
process.exit(0);
