import { AppError } from '../../core/errors.ts';
import { parentPort } from 'node:worker_threads';
import { JOBS, type JobRequest, type WorkerMessage } from './jobs.ts';
import { movable } from './movable.ts';

/**
 * A CpuPool worker thread: runs one job at a time (the pool sends the next
 * only after the answer) and says why one failed; an AppError keeps its
 * status and code so the route answers as if the job had run in the request.
 */
const port = parentPort!;
const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

port.on('message', async ({ id, kind, input }: JobRequest) => {
  try {
    const output = await (JOBS[kind] as (input: unknown) => unknown)(input);
    send({ id, output }, movable(output));
  } catch (err) {
    const refusal = err instanceof AppError ? { status: err.status, code: err.code } : {};
    send({ id, error: { message: (err as Error)?.message ?? String(err), ...refusal } });
  }
});
send({ ready: true });
