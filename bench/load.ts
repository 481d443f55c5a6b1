/**
 * Server load: N clients over M meetings typing at a steady rate, against
 * Referat, the y-websocket reference server and Hocuspocus, in one run.
 *
 *   npm run bench:load                     (from the repo root)
 *   BENCH_SECONDS=20 BENCH_SCENARIOS=50x1,1000x200 npm run bench:load
 *   npm run bench:load -- --smoke          (seconds, tiny sizes; results/smoke/)
 *
 * Every meeting starts from the same content (the Driftsforum agenda, see
 * lib/clients.ts). Each client (spread over worker threads, see
 * lib/loadWorker.ts) types one character at a time into its own agenda
 * item's last paragraph; every other client of the meeting records sender
 * -> receiver latency when that character arrives, found by the sender's
 * Yjs clock (lib/arrivals.ts; one clock for all threads:
 * performance.timeOrigin + performance.now()). For Referat each client also
 * runs the editor's SaveTracker, and "saved" latency is edit -> the server's
 * durable acknowledgement (fsync'd). After each run a late joiner per
 * meeting must receive every edit (the only delivery where a meeting has one
 * client). The servers run as child processes; CPU time and peak RSS come
 * from /proc.
 *
 * A run that cannot deliver fails: connecting and syncing have a deadline
 * (BENCH_TIMEOUT_S), a refused edit is an error, and so is a case where
 * nothing was delivered or a late joiner misses an edit.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';
import { joinArrivals } from './lib/arrivals.ts';
import { connect, seedUpdate, type BenchClient } from './lib/clients.ts';
import type { LoadCommand, LoadPlan, LoadReport } from './lib/loadWorker.ts';
import { knob, machine, mustHaveMeasured, SMOKE, writeResults } from './lib/results.ts';
import {
  buildReferat,
  createMeetings,
  organiserToken,
  startServer,
  type ServerKind,
} from './lib/servers.ts';
import { percentiles, procStats, round1, type Percentiles } from './lib/stats.ts';

const SECONDS = knob('SECONDS', 15, 1);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? (SMOKE ? '5x3' : '50x1,200x200,1000x200'))
  .split(',')
  .map((s) => {
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
const RATE = knob('RATE', 1, 4);
const RESULTS_NAME = RATE === 1 || SMOKE ? 'load' : `load-rate${RATE}`;
const KINDS = (process.env.BENCH_SERVERS ?? 'referat,y-websocket,hocuspocus').split(
  ',',
) as ServerKind[];
/** Worker threads the clients are spread over. */
const WORKERS = knob('WORKERS', Math.max(2, os.cpus().length), 1);
/** Deadline for connecting and syncing every client (and for each other step but the run). */
const TIMEOUT_MS = knob('TIMEOUT_S', 60, 30) * 1000;

interface Result {
  server: ServerKind;
  clients: number;
  meetings: number;
  seconds: number;
  editsSent: number;
  deliveries: number;
  expectedDeliveries: number;
  /** Edits a late joiner per meeting received after the run (all of them, or the case failed). */
  lateJoinerEdits: number;
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
    /** The worker's next `type` report; rejects on its error or after `timeoutMs`. */
    next<T extends LoadReport['type']>(
      type: T,
      timeoutMs: number,
    ): Promise<Extract<LoadReport, { type: T }>> {
      return new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        const timer = setTimeout(() => {
          waiting.delete(type);
          reject(new Error(`no '${type}' from a client worker within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiting.set(type, (report) => {
          clearTimeout(timer);
          if (report.type === 'error') reject(new Error(report.message));
          else resolve(report as never);
        });
      });
    },
    terminate: () => worker.terminate(),
  };
}

/**
 * After the run, one new client per meeting must receive every edit of the
 * run: the server kept them (in memory or on disk) and serves them to whoever
 * joins. Returns the edits the late joiners hold; throws when one is missing.
 */
async function lateJoiners(
  kind: ServerKind,
  port: number,
  token: string | null,
  names: string[],
  clocks: Extract<LoadReport, { type: 'stopped' }>['clocks'],
): Promise<number> {
  process.setMaxListeners(0); // every y-websocket provider adds an exit listener
  const probes: BenchClient[] = names.map((name) => connect(kind, port, name, token));
  const complete = (meeting: number) =>
    clocks.every(
      (c) => c.meeting !== meeting || Y.getState(probes[meeting].doc.store, c.client) >= c.clock,
    );
  try {
    const deadline = Date.now() + TIMEOUT_MS;
    while (!probes.every((p, m) => p.synced() && complete(m))) {
      if (Date.now() > deadline) {
        const short = probes.filter((p, m) => !(p.synced() && complete(m))).length;
        throw new Error(`${short} of ${names.length} late joiners lack edits of the run`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    // Every edit of the run advanced its client's clock by one, from 0.
    return clocks.reduce((sum, c) => sum + c.clock, 0);
  } finally {
    for (const p of probes) p.destroy();
  }
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
          timeoutMs: TIMEOUT_MS,
        }),
      );
    }
    const all = async <T extends LoadReport['type']>(
      type: T,
      command?: (w: number) => LoadCommand,
      timeoutMs = TIMEOUT_MS,
    ) => {
      const replies = workers.map((w) => w.next(type, timeoutMs));
      if (command) workers.forEach((w, i) => w.send(command(i)));
      return Promise.all(replies);
    };
    // A worker's own deadline reports first; this one catches a worker that says nothing.
    const synced = await all('synced', undefined, TIMEOUT_MS + 30_000);
    const connectSeconds = (performance.now() - started) / 1000;
    await all('ready', () => ({ type: 'seed' }), TIMEOUT_MS + 30_000);
    // Idle a moment so the loaded state settles before it is measured.
    await new Promise((r) => setTimeout(r, 1000));
    const loaded = await procStats(server.child.pid!);

    const cpuStart = loaded; // read just now: CPU time is counted from here
    // process.cpuUsage covers every thread of this process: all the clients.
    const clientCpuStart = process.cpuUsage();
    const runStart = performance.now();
    const senders = synced.flatMap((s) => s.clientIds);
    const stopped = await all(
      'stopped',
      () => ({ type: 'start', seconds: SECONDS, senders }),
      SECONDS * 1000 + TIMEOUT_MS,
    );
    const elapsed = (performance.now() - runStart) / 1000;
    const after = await procStats(server.child.pid!);
    const clientCpu = process.cpuUsage(clientCpuStart);
    const editsPerMeeting = new Array<number>(meetings).fill(0);
    for (const s of stopped) s.editsPerMeeting.forEach((n, m) => (editsPerMeeting[m] += n));
    const drained = await all('drained', () => ({ type: 'drain', editsPerMeeting }));
    const refusals = drained.reduce((a, d) => a + d.refusals, 0);
    if (refusals > 0) throw new Error(`the server refused ${refusals} of the clients' edits`);
    const lateJoinerEdits = await lateJoiners(
      kind,
      server.port,
      token,
      names,
      stopped.flatMap((s) => s.clocks),
    );
    await all('closed', () => ({ type: 'close' }));
    const editsSent = editsPerMeeting.reduce((a, b) => a + b, 0);
    const deliveries = drained.reduce((a, d) => a + d.deliveries, 0);
    const expectedDeliveries = drained.reduce((a, d) => a + d.expected, 0);
    const fanout = joinArrivals(
      drained.flatMap((d) => d.sent),
      drained.map((d) => d.arrivals),
    );
    if (expectedDeliveries > 0 && deliveries === 0) {
      throw new Error(`no edit reached another client (0 of ${expectedDeliveries} deliveries)`);
    }
    if (fanout.length !== deliveries) {
      throw new Error(`${deliveries} deliveries counted but ${fanout.length} matched to sends`);
    }
    mustHaveMeasured(editsSent > 0 && lateJoinerEdits === editsSent, 'edits sent and kept');
    return {
      server: kind,
      clients,
      meetings,
      seconds: round1(elapsed),
      editsSent,
      deliveries,
      expectedDeliveries,
      lateJoinerEdits,
      editsPerSecond: Math.round(editsSent / elapsed),
      deliveriesPerSecond: Math.round(deliveries / elapsed),
      fanout: percentiles(fanout),
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
const REPEAT = knob('REPEAT', 3, 1);
// Referat runs compiled, as `npm start` runs it.
if (KINDS.includes('referat')) buildReferat();
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
          `delivered ${r.deliveries}/${r.expectedDeliveries}, late joiners ${r.lateJoinerEdits}/${r.editsSent}, CPU ${r.serverCpuPercent} % (clients ${r.clientCpuPercent} %), ` +
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
  {
    machine: machine(),
    rate: RATE,
    seconds: SECONDS,
    repeat: REPEAT,
    workers: WORKERS,
    scenarios: SCENARIOS,
    results,
    runs,
  },
  [
    `# Server load`,
    '',
    machine(),
    '',
    `Knobs: BENCH_SCENARIOS=${SCENARIOS.map((c) => `${c.clients}x${c.meetings}`).join(',')} BENCH_SECONDS=${SECONDS} BENCH_RATE=${RATE} BENCH_REPEAT=${REPEAT} BENCH_WORKERS=${WORKERS}.`,
    `${RATE} edits/s per client for ${SECONDS} s; fan-out = one client's edit (one typed character) until each other client of the meeting has applied it, matched by the sender's Yjs clock (nothing but the typing travels).`,
    'Late joiner = after the run, one new client per meeting; it must receive every edit of the run (the case fails otherwise).',
    `Each case ran ${REPEAT} times, the servers taking turns; the table shows each server's median run (by fan-out p99) and the p99 range over its runs.`,
    'Referat appends and fsyncs every edit (group commit) and acknowledges it as saved; the peers run as shipped, in memory, with no persistence and no acknowledgement.',
    'RSS per meeting = server RSS growth from start to all meetings loaded with their clients connected, divided by the meetings.',
    '',
    '| server | clients × meetings | fan-out p50 / p95 / p99 / max (ms) | p99 over runs | edits/s in | deliveries/s out | delivered | late joiners | saved p50 / p95 / p99 (ms) | server CPU | peak RSS | RSS per meeting |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.server} | ${r.clients} × ${r.meetings} | ${r.fanout.count ? `${r.fanout.p50} / ${r.fanout.p95} / ${r.fanout.p99} / ${r.fanout.max}` : '– (one client per meeting)'} | ${p99Range(r)} | ${r.editsPerSecond} | ${r.deliveriesPerSecond} | ${r.deliveries}/${r.expectedDeliveries} | ${r.lateJoinerEdits}/${r.editsSent} | ${r.saved ? `${r.saved.p50} / ${r.saved.p95} / ${r.saved.p99}` : 'n/a'} | ${r.serverCpuPercent} % | ${r.serverPeakRssMB} MB | ${r.rssPerMeetingKB} KB |`,
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
