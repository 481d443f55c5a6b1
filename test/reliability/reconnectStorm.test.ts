/**
 * Reconnect storm: 500 clients over 50 meetings lose the server (kill -9),
 * keep editing offline, and all reconnect at once when it is back. Every
 * client must converge with every edit of its meeting, saved.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { useCleanups } from '../helpers/cleanups.ts';
import { connectClient, type TestClient } from '../helpers/clients.ts';
import { createMeetingAt, organiserSignIn, spawnServer } from '../helpers/serverProcess.ts';
import { tempDir } from '../helpers/testServer.ts';
import { waitFor } from '../helpers/waitFor.ts';
import { typingTarget } from '../helpers/typing.ts';
import { visibleItemIds } from '../../shared/minutes/layout.ts';
import { SCALE, recordFigures } from './figures.ts';

const cleanup = useCleanups();

// Every y-websocket provider adds a process exit listener; 500 of them are expected here.
process.setMaxListeners(0);

const CLIENTS = 500 * SCALE;
const MEETINGS = 50 * SCALE;

describe('reconnect storm', () => {
  it(`${CLIENTS} clients reconnect at once after a restart and all converge`, async () => {
    const data = await tempDir();
    cleanup(() => data.remove());
    let server = await spawnServer({ dataDir: data.dir });
    cleanup(() => void server.child.kill('SIGKILL'));
    const port = server.port;
    const base = `http://127.0.0.1:${port}`;
    const token = await organiserSignIn(base);
    const meetingIds: string[] = [];
    for (let i = 0; i < MEETINGS; i++) {
      meetingIds.push(await createMeetingAt(base, token, `Møde ${i + 1}`));
    }
    const clients: { client: TestClient; meeting: number }[] = [];
    cleanup(() => clients.forEach(({ client }) => client.destroy()));
    for (let i = 0; i < CLIENTS; i++) {
      const meeting = i % MEETINGS;
      clients.push({
        client: connectClient(`ws://127.0.0.1:${port}/collab`, meetingIds[meeting], token),
        meeting,
      });
    }
    await waitFor(
      () => clients.every(({ client }) => client.provider.synced),
      'all connected',
      60_000,
    );
    // Each client types a word into the text of an agenda item (a different one per client where it can).
    const type = (c: TestClient, i: number, word: string) => {
      const text = typingTarget(c.doc, i);
      text.insert(text.length, ` ${word}`);
    };
    const words = (c: TestClient) =>
      new Set(
        visibleItemIds(c.doc).flatMap((_, i) =>
          [
            ...typingTarget(c.doc, i)
              .toString()
              .matchAll(/\b(?:online|offline)-\d+\b/g),
          ].map((m) => m[0]),
        ),
      );
    clients.forEach(({ client }, i) => type(client, i, `online-${i}`));
    await waitFor(
      () => clients.every(({ client }) => client.tracker.state === 'saved'),
      'saved',
      60_000,
    );

    server.child.kill('SIGKILL');
    await server.exited;
    await waitFor(
      () => clients.every(({ client }) => !client.provider.wsconnected),
      'every client noticed the server is gone',
      30_000,
    );
    clients.forEach(({ client }, i) => type(client, i, `offline-${i}`));

    const restarted = performance.now();
    server = await spawnServer({ dataDir: data.dir, port });
    const listening = performance.now();
    await waitFor(
      () => clients.every(({ client }) => client.provider.synced),
      'all reconnected and synced',
      120_000,
    );
    const synced = performance.now();
    const expected = (meeting: number) =>
      clients
        .map((c, i) => [c, i] as const)
        .filter(([c]) => c.meeting === meeting)
        .flatMap(([, i]) => [`online-${i}`, `offline-${i}`]);
    const complete = ({ client, meeting }: (typeof clients)[number]) => {
      const have = words(client);
      return expected(meeting).every((e) => have.has(e));
    };
    await waitFor(
      () => clients.every(complete),
      'every client has every edit of its meeting',
      120_000,
    );
    await waitFor(
      () => clients.every(({ client }) => client.tracker.state === 'saved'),
      'all saved',
      60_000,
    );
    const converged = performance.now();
    // Same state on every client of a meeting.
    let convergedClients = 0;
    for (let m = 0; m < MEETINGS; m++) {
      const members = clients.filter((c) => c.meeting === m);
      const first = Y.encodeStateVector(members[0].client.doc);
      for (const c of members) {
        if (Buffer.from(Y.encodeStateVector(c.client.doc)).equals(Buffer.from(first)))
          convergedClients++;
      }
    }
    expect(convergedClients).toBe(CLIENTS);
    recordFigures('reconnect-storm', {
      clients: CLIENTS,
      meetings: MEETINGS,
      offlineEditsPerClient: 1,
      restartToListeningMs: Math.round(listening - restarted),
      listeningToAllSyncedMs: Math.round(synced - listening),
      listeningToAllConvergedAndSavedMs: Math.round(converged - listening),
      clientsConverged: `${convergedClients}/${CLIENTS}`,
    });
  }, 600_000);
});
