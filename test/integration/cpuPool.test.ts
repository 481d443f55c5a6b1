import { describe, expect, it } from 'vitest';
import type { JSONContent } from '@tiptap/core';
import { AppError } from '../../server/core/errors.ts';
import { meetingToJSON } from '../../shared/minutes/toJSON.ts';
import { largeMeeting } from '../../bench/lib/largeMeeting.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { fixtureText } from '../fixtures/referater.ts';
import { startTempServer, type TestServer } from '../helpers/testServer.ts';

/*
 * The worker pool that import parsing and export rendering run in
 * (server/resources/jobs/CpuPool.ts): a job past its deadline or over its worker's
 * heap limit ends only that worker, with a clear answer, and a fresh worker
 * takes the next job; a full queue is refused at once.
 */

const cleanup = useCleanups();

/** Seconds of PDF rendering (hundreds of pages): far longer than the deadlines set below. */
let bigDocument: JSONContent | undefined;
const big = () =>
  (bigDocument ??= meetingToJSON(largeMeeting({ items: 800, edits: 0 }).doc).document);

function importText(server: TestServer, text: string) {
  return fetch(`${server.base}/api/meetings/import`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain', authorization: `Bearer ${server.organiserToken}` },
    body: text,
  });
}

/** The AppError a pool job was refused with. */
async function refusal(job: Promise<unknown>): Promise<{ status: number; message: string }> {
  const err = await job.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return { status: (err as AppError).status, message: (err as AppError).message };
}

describe('the CPU pool', () => {
  it('stops a job past its deadline (503) and the next job gets a fresh worker', async () => {
    const { server } = await startTempServer(cleanup, { cpuWorkers: 1, cpuJobTimeoutMs: 500 });
    const id = await server.createMeeting('Stort møde');
    const state = server.store.state(id)!;
    expect(await refusal(server.cpuPool.exportMeeting(state, big(), 'pdf', false))).toEqual({
      status: 503,
      message: 'the export took longer than 0.5 s and was stopped',
    });
    expect(server.cpuPool.load).toEqual({ running: 0, queued: 0, workers: 0 });
    // A small job on a new worker is done well within the deadline.
    const small = meetingToJSON(largeMeeting({ items: 2, edits: 0 }).doc).document;
    const { contentType } = await server.cpuPool.exportMeeting(state, small, 'html', false);
    expect(contentType).toMatch(/^text\/html/);
  });

  it('a job over the heap limit ends only its worker (503); the server carries on', async () => {
    const { server } = await startTempServer(cleanup, { cpuWorkers: 1, cpuWorkerHeapMb: 32 });
    const id = await server.createMeeting('Stort møde');
    const state = server.store.state(id)!;
    expect(await refusal(server.cpuPool.exportMeeting(state, big(), 'pdf', false))).toEqual({
      status: 503,
      message: 'the export needed more than 32 MB and was stopped',
    });
    const res = await importText(server, fixtureText('driftsforum-midt-2020-12-09.txt'));
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it('refuses a job at once when every worker is busy and the queue is full', async () => {
    const { server } = await startTempServer(cleanup, { cpuWorkers: 1, cpuQueue: 0 });
    const id = await server.createMeeting('Stort møde');
    const exporting = server.cpuPool.exportMeeting(server.store.state(id)!, big(), 'pdf', false);
    await expect.poll(() => server.cpuPool.load.running).toBe(1);
    const res = await importText(server, fixtureText('driftsforum-midt-2020-12-09.txt'));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      code: 'busy',
      error: 'the server is busy with other imports and exports; try again shortly',
    });
    expect((await exporting).contentType).toBe('application/pdf');
    // Free again: the import goes through.
    expect((await importText(server, fixtureText('driftsforum-midt-2020-12-09.txt'))).status).toBe(
      201,
    );
  });
});
