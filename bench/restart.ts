/**
 * Restart to synced: from spawning a server process until a client that
 * connects to it holds a stored meeting's whole document, for Referat (as
 * `npm run serve` runs it, and for comparison through npm itself and from
 * source), the y-websocket reference server (LevelDB persistence) and
 * Hocuspocus (its Database extension, files), with the servers taking turns.
 *
 *   npm run bench:restart
 *   BENCH_REPEAT=9 BENCH_BASELINE=main npm run bench:restart   (adds main's server from source)
 *   npm run bench:restart -- --smoke                           (seconds; results/smoke/)
 *
 * Each server has the same two meetings stored: a year of minutes
 * (lib/largeMeeting.ts, stored as its state, compacted: the normal case) and
 * a small one (the Driftsforum agenda of lib/clients.ts). Each trial copies
 * the server's stored data afresh, spawns the server, connects one client
 * the moment the server prints that it listens, and stops the clock when the
 * client's document covers the stored state vector (the content, not the
 * provider's "synced" flag: the reference server answers before it has read
 * its store). A client reconnecting after a restart would wait for its
 * backoff too; that wait is the client's, not the server's, and is left out.
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { LeveldbPersistence } from 'y-leveldb';
import * as Y from 'yjs';
import { createLogger } from '../server/core/log.ts';
import { FileDocuments } from '../server/storage/FileDocuments.ts';
import { spawnSync } from 'node:child_process';
import { connect, seedUpdate } from './lib/clients.ts';
import { largeMeeting, storeMeetings } from './lib/largeMeeting.ts';
import { knob, machine, mustHaveMeasured, SMOKE, writeResults } from './lib/results.ts';
import {
  buildReferat,
  ROOT,
  startServer,
  type ReferatMode,
  type ServerKind,
} from './lib/servers.ts';
import { round1 } from './lib/stats.ts';

const REPEAT = knob('REPEAT', 7, 1);
const EDITS = knob('EDITS', 100_000, 2_000);
const TIMEOUT_MS = knob('TIMEOUT_S', 60, 30) * 1000;
/** A git revision whose server (server/ and shared/) also runs, from source: the "before". */
const BASELINE = process.env.BENCH_BASELINE ?? '';

interface Variant {
  name: string;
  kind: ServerKind;
  referat?: ReferatMode;
}
const ALL_VARIANTS: Variant[] = [
  {
    name: 'referat (npm run serve: node dist/server/main.js)',
    kind: 'referat',
    referat: 'compiled',
  },
  { name: 'referat through npm itself (npm run serve)', kind: 'referat', referat: 'npm' },
  { name: 'referat from source (tsx, npm run dev:server)', kind: 'referat', referat: 'source' },
  { name: 'y-websocket (LevelDB)', kind: 'y-websocket' },
  { name: 'hocuspocus (Database extension, files)', kind: 'hocuspocus' },
];
// A smoke run takes Referat one way (the others run the same code, started otherwise).
const VARIANTS = ALL_VARIANTS.filter(
  (v) => !SMOKE || v.kind !== 'referat' || v.referat === 'compiled',
);
const HEADLINE = VARIANTS[0].name;
const REFERENCE = 'y-websocket (LevelDB)';

const say = (line: string) => process.stdout.write(`${line}\n`);
buildReferat();
const work = path.join(ROOT, 'test-output', `bench-restart-${process.pid}`);
await mkdir(work, { recursive: true });
if (BASELINE) {
  // The baseline's own server and shared code, beside this tree's node_modules.
  const dir = path.join(work, 'baseline');
  await mkdir(dir);
  const archive = spawnSync(
    'sh',
    ['-c', `git archive ${BASELINE} server shared | tar -x -C ${dir}`],
    {
      cwd: ROOT,
      stdio: 'inherit',
    },
  );
  if (archive.status !== 0) throw new Error(`git archive ${BASELINE} failed`);
  VARIANTS.push({
    name: `referat at ${BASELINE} from source (tsx), the before`,
    kind: 'referat',
    referat: { sourceDir: dir },
  });
}

// The two meetings every server has stored.
const t0 = performance.now();
const large = largeMeeting({ edits: EDITS });
const meetings = [
  { label: 'small', state: seedUpdate(), items: 6 },
  { label: 'large', state: Y.encodeStateAsUpdate(large.doc), items: large.items },
];
large.doc.destroy();
say(
  `meetings built in ${Math.round(performance.now() - t0)} ms: large ${meetings[1].items} items, ${large.chars} characters, ${Math.round(meetings[1].state.byteLength / 1024)} KB state`,
);

/** Per server kind: where its stored data is, each meeting's name there, and what a synced client holds. */
interface Stored {
  dir: string;
  names: string[];
  token: string | null;
  /** Per meeting: the stored state vector, client -> clock. */
  expected: Map<number, number>[];
}
const stored = new Map<ServerKind, Stored>();
{
  // Referat: created by a server, stored as its log, compacted. Tokens outlive a long run.
  const referat = await storeMeetings(
    meetings.map((m) => [m.state]),
    { compact: true, env: { REFERAT_ACCESS_TTL_SECONDS: '86400' } },
  );
  const documents = new FileDocuments(referat.dataDir, createLogger('silent'));
  const expected = [];
  for (const id of referat.ids) {
    const doc = new Y.Doc();
    const loaded = await documents.load(id);
    doc.transact(() => loaded.updates.forEach((u) => Y.applyUpdate(doc, u)));
    expected.push(Y.decodeStateVector(Y.encodeStateVector(doc)));
    await documents.close(id);
    doc.destroy();
  }
  stored.set('referat', { dir: referat.base, names: referat.ids, token: referat.token, expected });

  const names = meetings.map((m) => `restart-${m.label}`);
  const peerExpected = meetings.map((m) =>
    Y.decodeStateVector(Y.encodeStateVectorFromUpdate(m.state)),
  );
  const leveldb = path.join(work, 'y-websocket');
  const ldb = new LeveldbPersistence(leveldb);
  for (const [i, m] of meetings.entries()) await ldb.storeUpdate(names[i], m.state);
  await ldb.destroy();
  stored.set('y-websocket', { dir: leveldb, names, token: null, expected: peerExpected });

  const files = path.join(work, 'hocuspocus');
  await mkdir(files);
  for (const [i, m] of meetings.entries()) {
    await writeFile(path.join(files, `${encodeURIComponent(names[i])}.bin`), m.state);
  }
  stored.set('hocuspocus', { dir: files, names, token: null, expected: peerExpected });
}

/** Resolves with performance.now() once `doc` covers `expected`; rejects after the deadline. */
function whenHolds(doc: Y.Doc, expected: Map<number, number>): Promise<number> {
  const holds = () =>
    [...expected].every(([client, clock]) => Y.getState(doc.store, client) >= clock);
  return new Promise((resolve, reject) => {
    if (holds()) return resolve(performance.now());
    const timer = setTimeout(() => {
      doc.off('afterTransaction', check);
      reject(new Error(`the client did not receive the meeting within ${TIMEOUT_MS / 1000} s`));
    }, TIMEOUT_MS);
    const check = () => {
      if (!holds()) return;
      const at = performance.now();
      clearTimeout(timer);
      doc.off('afterTransaction', check);
      resolve(at);
    };
    doc.on('afterTransaction', check);
  });
}

interface Trial {
  variant: string;
  meeting: string;
  /** Spawn -> the server prints that it listens. */
  listenMs: number;
  /** Spawn -> the client holds the whole stored document. */
  syncedMs: number;
  /** Referat's own log: reading and checking the meeting (its "meeting loaded" line). */
  loadMs: number | null;
}

async function trial(variant: Variant, m: number): Promise<Trial> {
  const store = stored.get(variant.kind)!;
  const copy = path.join(work, `trial-${Math.random().toString(36).slice(2)}`);
  await cp(store.dir, copy, { recursive: true });
  const server = await startServer(variant.kind, {
    referat: variant.referat,
    timeoutMs: TIMEOUT_MS,
    ...(variant.kind === 'referat'
      ? {
          dataDir: path.join(copy, 'data'),
          env: { REFERAT_LOG_LEVEL: 'info', REFERAT_ACCESS_TTL_SECONDS: '86400' },
        }
      : {
          env: variant.kind === 'y-websocket' ? { YPERSISTENCE: copy } : { HOCUSPOCUS_DIR: copy },
        }),
  });
  const client = connect(variant.kind, server.port, store.names[m], store.token, {
    maxBackoffTime: 100,
  });
  try {
    const syncedAt = await whenHolds(client.doc, store.expected[m]);
    const loaded = server.stderr
      .map((line) => {
        try {
          return JSON.parse(line) as { message?: string; ms?: number };
        } catch {
          return {};
        }
      })
      .find((l) => l.message === 'meeting loaded');
    return {
      variant: variant.name,
      meeting: meetings[m].label,
      listenMs: round1(server.listeningAt - server.spawnedAt),
      syncedMs: round1(syncedAt - server.spawnedAt),
      loadMs: loaded?.ms ?? null,
    };
  } finally {
    client.destroy();
    await server.stop();
    await rm(copy, { recursive: true, force: true });
  }
}

// One unmeasured start of each (disk caches, the first build's files).
if (!SMOKE) for (const variant of VARIANTS) await trial(variant, 0);
const trials: Trial[] = [];
for (let round = 0; round < REPEAT; round++) {
  for (const m of meetings.keys()) {
    for (const variant of VARIANTS) {
      const t = await trial(variant, m);
      trials.push(t);
      say(
        `round ${round + 1}/${REPEAT}, ${t.meeting}: ${t.variant}: listening ${t.listenMs} ms, synced ${t.syncedMs} ms${t.loadMs === null ? '' : ` (load ${t.loadMs} ms)`}`,
      );
    }
  }
}
await rm(work, { recursive: true, force: true });
// Referat's stored meetings were made in a folder of their own (storeMeetings).
await rm(stored.get('referat')!.dir, { recursive: true, force: true });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return round1(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2);
};
const rows = meetings.flatMap((m) =>
  VARIANTS.map((v) => {
    const own = trials.filter((t) => t.variant === v.name && t.meeting === m.label);
    const loads = own.map((t) => t.loadMs).filter((ms): ms is number => ms !== null);
    return {
      variant: v.name,
      meeting: m.label,
      trials: own.length,
      listenMs: median(own.map((t) => t.listenMs)),
      syncedMs: median(own.map((t) => t.syncedMs)),
      syncedMinMs: Math.min(...own.map((t) => t.syncedMs)),
      syncedMaxMs: Math.max(...own.map((t) => t.syncedMs)),
      loadMs: loads.length ? median(loads) : null,
    };
  }),
);
mustHaveMeasured(
  rows.every((r) => r.trials > 0 && r.syncedMs > 0),
  'a restart to synced of every server and meeting',
);
const reference = (meeting: string) =>
  rows.find((r) => r.variant === REFERENCE && r.meeting === meeting)!.syncedMs;
const ratio = (r: (typeof rows)[number]) => `${(r.syncedMs / reference(r.meeting)).toFixed(2)}×`;

await writeResults(
  'restart',
  { machine: machine(), repeat: REPEAT, edits: EDITS, baseline: BASELINE || null, rows, trials },
  [
    '# Restart to synced',
    '',
    machine(),
    '',
    `From spawning the server process until a client connected the moment the server listens holds the whole stored meeting (its state vector covered). Each server has two meetings stored: small (the Driftsforum agenda, ${Math.round(meetings[0].state.byteLength / 1024)} KB) and large (${meetings[1].items} items, ${large.chars} characters, ${EDITS} typing edits of history; ${Math.round(meetings[1].state.byteLength / 1024)} KB as state, stored compacted). Each trial starts on a fresh copy of the stored data.`,
    `Knobs: BENCH_REPEAT=${REPEAT} BENCH_EDITS=${EDITS}${BASELINE ? ` BENCH_BASELINE=${BASELINE}` : ''}; the servers took turns, one unmeasured start each first. Medians; the machine is shared (2 cores), so compare within this run.`,
    '',
    '| server | meeting | spawn → listening (ms) | spawn → synced (ms) | min–max | × y-websocket | Referat: load (ms) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.variant} | ${r.meeting} | ${r.listenMs} | ${r.syncedMs} | ${r.syncedMinMs}–${r.syncedMaxMs} | ${ratio(r)} | ${r.loadMs ?? ''} |`,
    ),
    '',
    `Target: ${HEADLINE} within 1.5× of the y-websocket server. "Referat: load" is the server's own log line for reading and checking the meeting; where Referat's time goes, and what the peers do not do (the layout check of the whole stored document): bench/README.md, "Restart to synced".`,
  ],
);
process.exit(0);
