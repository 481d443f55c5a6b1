/**
 * A share of the simulated clients of bench/load.ts, in a worker thread, so
 * that the clients are not one event loop queueing every delivery behind the
 * others (a real participant has a machine of its own). Talks to the main
 * thread with the messages of `LoadCommand` / `LoadReport`.
 *
 * How an edit is followed from sender to receivers: each edit inserts one
 * character into the sender's agenda item, so it advances the sender's Yjs
 * clock by one. The sender notes the clock the edit starts at and when it
 * was made; a receiver notes, for every transaction it applies, which range
 * of each sender's clock arrived and when. Nothing is added to the document
 * for measuring: what travels is exactly what a typist's editor sends, and
 * every server (Referat's update guard included) sees plain typing. The main
 * thread joins the two (see `joinArrivals`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import * as Y from 'yjs';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import type { Arrivals, SentEdits } from './arrivals.ts';
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
  /** How long connecting and syncing (and later the seed's spreading) may take. */
  timeoutMs: number;
}

export type LoadCommand =
  | { type: 'seed' }
  /** `senders`: the Yjs client ids of every client of the run (of every worker). */
  | { type: 'start'; seconds: number; senders: number[] }
  | { type: 'drain'; editsPerMeeting: number[] }
  | { type: 'close' };

export type LoadReport =
  | { type: 'synced'; clientIds: number[] }
  | { type: 'ready' }
  | {
      type: 'stopped';
      editsPerMeeting: number[];
      /** Each client's clock after its last edit, with its meeting (for the late joiners). */
      clocks: { client: number; meeting: number; clock: number }[];
    }
  | {
      type: 'drained';
      sent: SentEdits[];
      arrivals: Arrivals;
      saved: number[];
      deliveries: number;
      expected: number;
      refusals: number;
    }
  | { type: 'closed' }
  | { type: 'error'; message: string };

/** One clock for all threads: wall-clock-anchored monotonic milliseconds. */
const now = () => performance.timeOrigin + performance.now();

const plan = workerData as LoadPlan;
const port = parentPort!;
const report = (message: LoadReport) => port.postMessage(message);
process.setMaxListeners(0); // every y-websocket provider adds an exit listener

interface Simulated {
  client: BenchClient;
  index: number;
  meeting: number;
  typist: number;
  sent: SentEdits;
}
const clients: Simulated[] = [];
const arrivals: Arrivals = { sender: [], from: [], to: [], at: [] };
const saved: number[] = [];
let deliveries = 0;
let measuring = false;
/** Yjs client ids of the run's clients: only their edits are counted (not the seed's). */
let senders = new Set<number>();

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
  const own = client.doc.clientID;
  clients.push({
    client,
    index,
    meeting,
    typist: Math.floor(index / plan.names.length),
    sent: { client: own, clocks: [], at: [] },
  });
  client.doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!measuring) return;
    const at = now();
    for (const [sender, after] of transaction.afterState) {
      if (sender === own || !senders.has(sender)) continue;
      const before = transaction.beforeState.get(sender) ?? 0;
      if (after <= before) continue;
      arrivals.sender.push(sender);
      arrivals.from.push(before);
      arrivals.to.push(after);
      arrivals.at.push(at);
      // One character per edit: each clock step is one delivered edit.
      deliveries += after - before;
    }
  });
  client.onSaved((editedAt) => measuring && saved.push(now() - editedAt));
  // Join in small waves, as people do, not in one burst.
  if (n % 25 === 24) await new Promise((r) => setTimeout(r, 10));
}
if (!(await until(() => clients.every((c) => c.client.synced()), plan.timeoutMs))) {
  const synced = clients.filter((c) => c.client.synced()).length;
  const closes = [...new Set(clients.map((c) => c.client.lastClose()).filter((c) => c !== null))];
  report({
    type: 'error',
    message:
      `${synced} of ${clients.length} clients synced within ${plan.timeoutMs / 1000} s` +
      (closes.length ? ` (server closed sockets with ${closes.join(', ')})` : ''),
  });
} else report({ type: 'synced', clientIds: clients.map((c) => c.client.doc.clientID) });

const intervals: NodeJS.Timeout[] = [];
const editsPerMeeting = new Array<number>(plan.names.length).fill(0);
const ownEdits = new Map<number, number>();

port.on('message', async (command: LoadCommand) => {
  if (command.type === 'seed') {
    for (const c of clients) if (c.typist === 0) Y.applyUpdate(c.client.doc, plan.seed);
    const ok = await until(
      () => clients.every((c) => visibleItemIds(c.client.doc).length > 0),
      plan.timeoutMs,
    );
    report(
      ok ? { type: 'ready' } : { type: 'error', message: 'content did not reach every client' },
    );
  } else if (command.type === 'start') {
    senders = new Set(command.senders);
    measuring = true;
    const interval = 1000 / plan.rate;
    const timers = clients.map(({ client, meeting, typist, index, sent }) =>
      // Spread the clients over the interval so the load is steady, not in waves.
      setTimeout(
        () => {
          const text = typingTarget(client.doc, typist);
          const tick = () => {
            sent.clocks.push(Y.getState(client.doc.store, client.doc.clientID));
            sent.at.push(now());
            text.insert(text.length, 'x');
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
      report({
        type: 'stopped',
        editsPerMeeting,
        clocks: clients.map(({ client, meeting }) => ({
          client: client.doc.clientID,
          meeting,
          clock: Y.getState(client.doc.store, client.doc.clientID),
        })),
      });
    }, command.seconds * 1000);
  } else if (command.type === 'drain') {
    // Each client should see every edit of the others in its meeting.
    let expected = 0;
    for (const c of clients)
      expected += command.editsPerMeeting[c.meeting] - (ownEdits.get(c.index) ?? 0);
    await until(() => deliveries >= expected, 15_000);
    measuring = false;
    report({
      type: 'drained',
      sent: clients.map((c) => c.sent),
      arrivals,
      saved,
      deliveries,
      expected,
      refusals: clients.reduce((sum, c) => sum + c.client.refusals(), 0),
    });
  } else if (command.type === 'close') {
    for (const { client } of clients) client.destroy();
    report({ type: 'closed' });
  }
});
