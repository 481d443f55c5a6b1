/**
 * Cold load of a large meeting and compaction time.
 *
 *   npm run bench:coldload
 *   BENCH_EDITS=200000 npm run bench:coldload
 *   npm run bench:coldload -- --smoke      (2,000 edits, one trial; results/smoke/)
 *
 * The meeting is lib/largeMeeting.ts: 72 agenda items with the fixtures'
 * real texts and 100,000 typing edits. It is written the way the server
 * writes it (one log record per update, appended in group commits), then:
 *   1. cold load from the uncompacted log (the worst case: a crash before
 *      any compaction): a fresh server process, one client, time from
 *      connecting to synced;
 *   2. compaction (encode the state + write the snapshot, fsync, rename);
 *   3. cold load from the snapshot (the normal case).
 * Each load is a fresh server process on a copy of the data (nothing cached).
 */
import { cp, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import * as Y from 'yjs';
import { createLogger } from '../server/core/log.ts';
import { FileDocuments } from '../server/storage/FileDocuments.ts';
import { connect } from './lib/clients.ts';
import { largeMeeting, storeLargeMeeting } from './lib/largeMeeting.ts';
import { knob, machine, mustHaveMeasured, writeResults } from './lib/results.ts';
import { buildReferat, startServer } from './lib/servers.ts';
import { percentiles, procStats, round1, until } from './lib/stats.ts';

const EDITS = knob('EDITS', 100_000, 2_000);
const TRIALS = knob('TRIALS', 3, 1);

// Referat runs compiled, as `npm start` runs it.
buildReferat();
const t0 = performance.now();
const meeting = largeMeeting({ edits: EDITS });
const buildMs = performance.now() - t0;
process.stdout.write(
  `built: ${meeting.items} items, ${meeting.chars} characters, ${meeting.history.length} edits in ${Math.round(buildMs)} ms\n`,
);

const { base, dataDir, id, token } = await storeLargeMeeting(meeting);
const meetingDir = path.join(dataDir, 'meetings', id);
const logBytes = (await stat(path.join(meetingDir, 'log-0.bin'))).size;

/** A fresh server on a copy of `from`; one client; ms from connect to synced, and the server's RSS growth. */
async function coldLoad(from: string) {
  const copy = path.join(base, `copy-${Math.random().toString(36).slice(2)}`);
  await cp(from, copy, { recursive: true });
  // Compaction on load would change the files; a long delay keeps this a pure load.
  const server = await startServer('referat', { dataDir: copy });
  try {
    const before = await procStats(server.child.pid!);
    const started = performance.now();
    const client = connect('referat', server.port, id, token);
    await until(() => client.synced(), 'cold load synced', 120_000);
    const ms = performance.now() - started;
    const ok = Y.encodeStateVector(client.doc).length > 0;
    client.destroy();
    const after = await procStats(server.child.pid!);
    return { ms, ok, rssGrowthMB: (after.rssKB - before.rssKB) / 1024 };
  } finally {
    await server.stop();
    await rm(copy, { recursive: true, force: true });
  }
}

const fromLog = [];
for (let i = 0; i < TRIALS; i++) fromLog.push(await coldLoad(dataDir));

// In-process: read + apply, then compaction exactly as DocPersistence does it.
const store = new FileDocuments(dataDir, createLogger('silent'));
let t = performance.now();
const loaded = await store.load(id);
const readMs = performance.now() - t;
const doc = new Y.Doc();
t = performance.now();
doc.transact(() => loaded.updates.forEach((u) => Y.applyUpdate(doc, u)));
const applyMs = performance.now() - t;
const compactions: number[] = [];
let snapshotBytes = 0;
for (let i = 0; i < TRIALS; i++) {
  t = performance.now();
  const state = Y.encodeStateAsUpdate(doc);
  await store.compact(id, state);
  compactions.push(performance.now() - t);
  snapshotBytes = state.byteLength;
}
await store.close(id);

const fromSnapshot = [];
for (let i = 0; i < TRIALS; i++) fromSnapshot.push(await coldLoad(dataDir));
await rm(base, { recursive: true, force: true });

const result = {
  machine: machine(),
  items: meeting.items,
  characters: meeting.chars,
  edits: meeting.history.length,
  logBytes,
  logRecords: meeting.history.length + 1,
  snapshotBytes,
  coldLoadFromLogMs: percentiles(fromLog.map((r) => r.ms)),
  readLogMs: round1(readMs),
  applyLogMs: round1(applyMs),
  compactionMs: percentiles(compactions),
  coldLoadFromSnapshotMs: percentiles(fromSnapshot.map((r) => r.ms)),
  serverRssGrowthLoadedMB: round1(fromSnapshot[0].rssGrowthMB),
  allSynced: [...fromLog, ...fromSnapshot].every((r) => r.ok),
};
mustHaveMeasured(
  fromLog.length > 0 && fromSnapshot.length > 0 && result.allSynced && compactions.length > 0,
  'cold loads from the log and from the snapshot, and a compaction',
);
const kb = (n: number) => `${Math.round(n / 1024)} KB`;
await writeResults('coldload', result, [
  '# Cold load of a large meeting, and compaction',
  '',
  machine(),
  '',
  `A year of minutes: ${result.items} agenda items (the fixtures' texts), ${result.characters} characters, ${result.edits} typing edits (one update each).`,
  `Stored as the server stores it: log ${kb(logBytes)} in ${result.logRecords} records; compacted snapshot ${kb(snapshotBytes)}.`,
  `Cold load = a fresh server process, one client: connect -> synced (${TRIALS} trials, ms).`,
  '',
  '| measure | p50 | max |',
  '| --- | --- | --- |',
  `| cold load from the uncompacted log (worst case) | ${result.coldLoadFromLogMs.p50} | ${result.coldLoadFromLogMs.max} |`,
  `| of which: read + check the log (in process) | ${result.readLogMs} | |`,
  `| of which: apply the ${result.logRecords} updates (in process) | ${result.applyLogMs} | |`,
  `| compaction (encode state + snapshot write, fsync, rename) | ${result.compactionMs.p50} | ${result.compactionMs.max} |`,
  `| cold load from the snapshot (normal case) | ${result.coldLoadFromSnapshotMs.p50} | ${result.coldLoadFromSnapshotMs.max} |`,
  '',
  `Server RSS growth with the large meeting loaded: ${result.serverRssGrowthLoadedMB} MB.`,
]);
process.exit(0);
