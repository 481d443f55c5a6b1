import { describe, expect, it } from 'vitest';
import { useCleanups } from '../helpers/cleanups.ts';
import { addScratchItem, SCRATCH_ITEM } from '../helpers/clients.ts';
import { itemBody } from '../../shared/minutes/layout.ts';
import * as Y from 'yjs';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createMeetingAt, organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { tempDir } from '../helpers/testServer.ts';
import { typingTarget } from '../helpers/typing.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { SCALE, percentiles, recordFigures } from './figures.ts';

const cleanup = useCleanups();

/**
 * A client that keeps typing: every 3 ms a unique token goes into its agenda
 * item's text and, in the same transaction, into a list, so each edit can be
 * looked for exactly. Remembers at which local version each went in.
 */
function typist(wsBase: string, meetingId: string, token: string, index: number) {
  const c = connectClient(wsBase, meetingId, token);
  const versions = new Map<string, number>();
  let n = 0;
  const timer = setInterval(() => {
    if (!c.provider.synced && n === 0) return;
    const token = `t${index}-${n++}`;
    const text = typingTarget(c.doc, index);
    text.insert(text.length, ` ${token}`);
    versions.set(token, c.tracker.localVersion);
  }, 3);
  return {
    client: c,
    /** Every token this client's document holds, from any typist. */
    edits: () => typedTokens(c.doc),
    stop: () => clearInterval(timer),
    /** Tokens the server has confirmed durable. */
    acked: () => [...versions].filter(([, v]) => v <= c.tracker.savedVersion).map(([t]) => t),
    all: () => [...versions.keys()],
  };
}

/** The tokens typed into the meeting's items (each typist writes into its own item). */
function typedTokens(doc: Y.Doc): Set<string> {
  const tokens = new Set<string>();
  for (let i = 0; i < TYPISTS; i++) {
    for (const m of typingTarget(doc, i)
      .toString()
      .matchAll(/\bt\d+-\d+\b/g))
      tokens.add(m[0]);
  }
  return tokens;
}

const CYCLES = 20 * SCALE;
const TYPISTS = 4;

describe('crash safety (SIGKILL)', () => {
  it(`keeps every acknowledged edit across ${CYCLES} kill -9 cycles, and every client converges after reconnect`, async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    let server = await spawnServer({ dataDir: data.dir });
    cleanup(() => void server.child.kill('SIGKILL'));
    const port = server.port;
    const base = `http://127.0.0.1:${port}`;
    const wsBase = `ws://127.0.0.1:${port}/collab`;
    const token = await organiserSignIn(base);
    const meetingId = await createMeetingAt(base, token, 'Crash');

    const typists = Array.from({ length: TYPISTS }, (_, i) => typist(wsBase, meetingId, token, i));
    cleanup(() => typists.forEach((t) => (t.stop(), t.client.destroy())));
    let ackedChecked = 0;
    let lastAcked = 0;
    let lostTotal = 0;
    const restartMs: number[] = [];
    const resyncMs: number[] = [];

    for (let cycle = 0; cycle < CYCLES; cycle++) {
      // Let them type until more edits are acknowledged, then kill mid-typing.
      const target = (cycle + 1) * 15;
      await waitFor(
        () => typists.every((t) => t.acked().length >= target),
        `cycle ${cycle}: ${target} acked edits per client`,
        30_000,
      );
      server.child.kill('SIGKILL');
      await server.exited;
      const ackedAtKill = typists.flatMap((t) => t.acked());
      // Clients keep typing offline, but must not reconnect before we inspect the server.
      for (const t of typists) t.client.provider.disconnect();

      const restart = performance.now();
      server = await spawnServer({ dataDir: data.dir, port });
      restartMs.push(performance.now() - restart);
      const verifier: TestClient = connectClient(wsBase, meetingId, token);
      await verifier.synced();
      const onServer = typedTokens(verifier.doc);
      const lost = ackedAtKill.filter((t) => !onServer.has(t));
      verifier.destroy();
      ackedChecked += ackedAtKill.length;
      lastAcked = ackedAtKill.length;
      lostTotal += lost.length;
      expect(lost, `cycle ${cycle}: acknowledged edits lost`).toEqual([]);

      const reconnect = performance.now();
      for (const t of typists) t.client.provider.connect();
      await waitFor(() => typists.every((t) => t.client.provider.synced), 'typists reconnected');
      resyncMs.push(performance.now() - reconnect);
    }

    for (const t of typists) t.stop();
    const everything = typists.flatMap((t) => t.all());
    await waitFor(
      () =>
        typists.every((t) => {
          const have = t.edits();
          return everything.every((token) => have.has(token));
        }),
      'all clients converge with every edit',
      30_000,
    );
    await waitFor(() => typists.every((t) => t.client.tracker.state === 'saved'), 'all saved');
    const states = typists.map((t) => Y.encodeStateVector(t.client.doc));
    const converged = states.filter((sv) => Buffer.from(sv).equals(Buffer.from(states[0]))).length;
    const texts = typists.map((t) => typingTarget(t.client.doc, 0).toString());
    expect(new Set(texts).size).toBe(1);
    expect(converged).toBe(TYPISTS);
    recordFigures('crash', {
      cycles: CYCLES,
      clients: TYPISTS,
      editsMade: everything.length,
      /** Each kill checks every edit acknowledged so far, so edits are counted once per cycle. */
      acknowledgedEditChecks: ackedChecked,
      acknowledgedEditsAtLastKill: lastAcked,
      acknowledgedEditsLost: lostTotal,
      clientsConverged: `${converged}/${TYPISTS}`,
      restartToListeningMs: percentiles(restartMs),
      reconnectToSyncedMs: percentiles(resyncMs),
    });
  }, 600_000);

  it('flushes pending edits on SIGTERM before exiting', async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    // A long group-commit delay keeps edits pending, so only the shutdown flush can save them.
    const server = await spawnServer({
      dataDir: data.dir,
      env: { REFERAT_GROUP_COMMIT_MS: '60000' },
    });
    cleanup(() => void server.child.kill('SIGKILL'));
    const token = await organiserSignIn(`http://127.0.0.1:${server.port}`);
    const meetingId = await createMeetingAt(
      `http://127.0.0.1:${server.port}`,
      token,
      'Shutdown',
      'blank',
    );
    const wsBase = `ws://127.0.0.1:${server.port}/collab`;
    const writer = connectClient(wsBase, meetingId, token);
    const reader = connectClient(wsBase, meetingId, token);
    cleanup(() => writer.destroy());
    cleanup(() => reader.destroy());
    await Promise.all([writer.synced(), reader.synced()]);
    writer.doc.transact(() => {
      addScratchItem(writer.doc);
      writer.text.insert(0, 'Beslutning: Driftsforum tog orienteringen til efterretning.');
    });
    // The server has it (relayed to the reader) but has not written it yet.
    await waitFor(
      () => itemBody(reader.doc, SCRATCH_ITEM) !== null && reader.text.length > 0,
      'relayed',
    );
    expect(writer.tracker.state).toBe('saving');
    writer.provider.shouldConnect = false;
    reader.provider.shouldConnect = false;

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const again = await spawnServer({ dataDir: data.dir });
    cleanup(() => void again.child.kill('SIGKILL'));
    const check = connectClient(`ws://127.0.0.1:${again.port}/collab`, meetingId, token);
    cleanup(() => check.destroy());
    await check.synced();
    expect(check.text.toString()).toBe(
      'Beslutning: Driftsforum tog orienteringen til efterretning.',
    );
  });
});
