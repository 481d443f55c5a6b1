/**
 * A share of the simulated clients of bench/load.ts, in a worker thread, so
 * that the clients are not one event loop queueing every delivery behind the
 * others (a real participant has a machine of its own). Talks to the main
 * thread with the messages of `LoadCommand` / `LoadReport`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import { connect, typingTarget, type BenchClient } from './clients.ts';
import type { ServerKind } from './servers.ts';

export interface LoadPlan {
  kind: ServerKind;
  port: number;
  token: string | null;
  /** Meeting (document) names; client i of the run joins names[i % names.length]. */
  names: string[];
  /** The global client indexes this worker runs, of `clients` in all. */
  clientIndexes: number[];
  clients: number;
  rate: number;
  seed: Uint8Array;
}

export type LoadCommand =
  | { type: 'seed' }
  | { type: 'start'; seconds: number }
  | { type: 'drain'; editsPerMeeting: number[] }
  | { type: 'close' };

export type LoadReport =
  | { type: 'synced' }
  | { type: 'seeded' }
  | { type: 'ready' }
  | { type: 'stopped'; editsPerMeeting: number[] }
  | { type: 'drained'; fanout: number[]; saved: number[]; deliveries: number; expected: number }
  | { type: 'closed' }
  | { type: 'error'; message: string };

const STAMPS = 'benchStamps';
/** One clock for all threads: wall-clock-anchored monotonic milliseconds. */
const now = () => performance.timeOrigin + performance.now();

const plan = workerData as LoadPlan;
const port = parentPort!;
const report = (message: LoadReport) => port.postMessage(message);
process.setMaxListeners(0); // every y-websocket provider adds an exit listener

const clients: { client: BenchClient; index: number; meeting: number; typist: number }[] = [];
const fanout: number[] = [];
const saved: number[] = [];
let deliveries = 0;
let measuring = false;

async function until(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

for (const [n, index] of plan.clientIndexes.entries()) {
  const meeting = index % plan.names.length;
  const client = connect(plan.kind, plan.port, plan.names[meeting], plan.token);
  clients.push({ client, index, meeting, typist: Math.floor(index / plan.names.length) });
  const own = String(client.doc.clientID);
  const stamps = client.doc.getMap<number>(STAMPS);
  stamps.observe((event) => {
    if (!measuring) return;
    const at = now();
    for (const key of event.keysChanged) {
      if (key === own) continue;
      const sentAt = stamps.get(key);
      if (sentAt !== undefined) {
        fanout.push(at - sentAt);
        deliveries++;
      }
    }
  });
  client.onSaved((editedAt) => measuring && saved.push(now() - editedAt));
  // Join in small waves, as people do, not in one burst.
  if (n % 25 === 24) await new Promise((r) => setTimeout(r, 10));
}
if (!(await until(() => clients.every((c) => c.client.synced()), 120_000))) {
  report({ type: 'error', message: 'clients did not sync within 120 s' });
} else report({ type: 'synced' });

const intervals: NodeJS.Timeout[] = [];
const editsPerMeeting = new Array<number>(plan.names.length).fill(0);
const ownEdits = new Map<number, number>();

port.on('message', async (command: LoadCommand) => {
  if (command.type === 'seed') {
    for (const c of clients) if (c.typist === 0) Y.applyUpdate(c.client.doc, plan.seed);
    const ok = await until(
      () => clients.every((c) => visibleItemIds(c.client.doc).length > 0),
      120_000,
    );
    report(
      ok ? { type: 'ready' } : { type: 'error', message: 'content did not reach every client' },
    );
  } else if (command.type === 'start') {
    measuring = true;
    const interval = 1000 / plan.rate;
    const timers = clients.map(({ client, meeting, typist, index }) =>
      // Spread the clients over the interval so the load is steady, not in waves.
      setTimeout(
        () => {
          const text = typingTarget(client.doc, typist);
          const stamps = client.doc.getMap<number>(STAMPS);
          const own = String(client.doc.clientID);
          const tick = () => {
            client.doc.transact(() => {
              text.insert(text.length, 'x');
              stamps.set(own, now());
            });
            editsPerMeeting[meeting]++;
            ownEdits.set(index, (ownEdits.get(index) ?? 0) + 1);
          };
          tick();
          intervals.push(setInterval(tick, interval));
        },
        (index / plan.clients) * interval,
      ),
    );
    setTimeout(() => {
      for (const t of timers) clearTimeout(t);
      for (const t of intervals) clearInterval(t);
      report({ type: 'stopped', editsPerMeeting });
    }, command.seconds * 1000);
  } else if (command.type === 'drain') {
    // Each client should see every edit of the others in its meeting.
    let expected = 0;
    for (const c of clients)
      expected += command.editsPerMeeting[c.meeting] - (ownEdits.get(c.index) ?? 0);
    await until(() => deliveries >= expected, 15_000);
    measuring = false;
    report({ type: 'drained', fanout, saved, deliveries, expected });
  } else if (command.type === 'close') {
    for (const { client } of clients) client.destroy();
    report({ type: 'closed' });
  }
});
