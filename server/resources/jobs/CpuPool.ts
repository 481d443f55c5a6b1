import type { JSONContent } from '@tiptap/core';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../../../shared/api/errors.ts';
import { AppError } from '../../core/errors.ts';
import { Worker } from 'node:worker_threads';
import type { MeetingState } from '../../../shared/access/workflow.ts';
import type { ExportFormat } from '../export/exportMeeting.ts';
import type { ImportFormat, ImportedMinutes } from '../import/importMinutes.ts';
import type { Logger } from '../../core/log.ts';
// Types only: the job code itself is loaded in the workers, not here.
import type { JobInput, JobKind, JobOutput, JobRequest, WorkerMessage } from './jobs.ts';
import { movable } from './movable.ts';

export interface CpuPoolOptions {
  /** Worker threads, each running one job at a time; started on demand. */
  workers: number;
  /** Jobs that may wait for a worker; one more is refused (503) at once. */
  maxQueue: number;
  /** A job (or a worker's start) taking longer is stopped: its worker is ended and replaced. */
  timeoutMs: number;
  /** Each worker's heap (old generation, MB): a job needing more ends only its worker. */
  maxHeapMb: number;
  /** An idle worker is ended after this long, giving its heap back (e.g. the PDF fonts). */
  idleMs: number;
}

interface Job {
  id: number;
  kind: JobKind;
  input: JobInput<JobKind>;
  resolve(output: unknown): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  /** The running job's (or the start's) deadline, or the idle timeout. */
  timer?: NodeJS.Timeout;
}

/** What a job is called in answers: "the import took longer than …". */
const LABELS: Record<JobKind, string> = {
  import: 'the import',
  export: 'the export',
  package: 'the agenda package',
};

/**
 * How a worker starts, from source or from the build.
 *
 * From source (the server under `node --import tsx`, the tests under
 * vitest), the worker runs TypeScript (worker.ts and what it imports). But
 * Node 20 does not apply `--import tsx` from a worker's execArgv to the
 * worker's own modules: pointed at worker.ts with that flag, the worker fails
 * with ERR_UNKNOWN_FILE_EXTENSION, under node and vitest alike. So it starts
 * from a line that registers tsx's loader inside the worker (tsx's API,
 * resolved from here, not from the working directory) and then imports
 * worker.ts.
 *
 * Built (`npm run build:server`: esbuild bundles main.ts and worker.ts side
 * by side into dist/server/, as main.js, worker.js and shared chunks), this
 * module is part of a .js file in that folder, and the worker is plain
 * JavaScript beside it: no tsx, no loader.
 */
function workerEntry(): { code: string; eval: true } | { url: URL; eval: false } {
  if (!import.meta.url.endsWith('.ts')) {
    return { url: new URL('./worker.js', import.meta.url), eval: false };
  }
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const worker = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return {
    code: `import(${tsx}).then(({ register }) => { register(); return import(${worker}); })`,
    eval: true,
  };
}

/**
 * CPU-heavy work (import parsing, export rendering) off the event loop, in
 * worker threads, so that a megabyte of hostile text or a 500-page PDF does
 * not hold up live editing. Each job has a deadline, after which its worker
 * is terminated and replaced; each worker has a heap limit, so a runaway job
 * ends only its worker; the queue is small and refuses (503) when full
 * rather than letting work pile up. One pool per server (createServer).
 */
export class CpuPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: CpuPoolOptions,
    private readonly log: Logger,
  ) {}

  /** Jobs running now and waiting for a worker. */
  get load(): { running: number; queued: number; workers: number } {
    return {
      running: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      workers: this.slots.length,
    };
  }

  /** Parses an upload into a new meeting document (server/import/importMinutes.ts). */
  importMinutes(format: ImportFormat, body: Uint8Array, title?: string): Promise<ImportedMinutes> {
    return this.run('import', { format, body, title });
  }

  /** exportMeeting (server/export/exportMeeting.ts), rendered in a worker. */
  async exportMeeting(
    state: MeetingState,
    document: JSONContent,
    format: ExportFormat,
    publicVersion: boolean,
  ): Promise<{ body: Buffer | string; contentType: string }> {
    const { body, contentType } = await this.run('export', {
      state,
      document,
      format,
      publicVersion,
    });
    // A Buffer arrives as a plain Uint8Array; same bytes, no copy.
    return {
      body:
        typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.length),
      contentType,
    };
  }

  /** The agenda package (server/bilag/agendaPackage.ts), made in a worker. */
  async agendaPackage(input: JobInput<'package'>): Promise<Buffer> {
    const body = await this.run('package', input);
    return Buffer.from(body.buffer, body.byteOffset, body.length);
  }

  /** Runs a job of JOBS (jobs.ts) in a worker; rejects with an AppError the route can answer. */
  run<K extends JobKind>(kind: K, input: JobInput<K>): Promise<JobOutput<K>> {
    if (this.closed) return Promise.reject(unavailable('the server is shutting down'));
    return new Promise<JobOutput<K>>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        kind,
        input,
        resolve: resolve as (output: unknown) => void,
        reject,
      };
      const idle = this.slots.find((s) => s.ready && !s.job);
      if (idle) this.dispatch(idle, job);
      else if (this.slots.length < this.options.workers) this.spawn(job);
      else if (this.queue.length < this.options.maxQueue) this.queue.push(job);
      else {
        this.log.warn('cpu job refused: queue full', { kind, ...this.load });
        reject(unavailable('the server is busy with other imports and exports; try again shortly'));
      }
    });
  }

  /** Refuses what waits, stops what runs, ends every worker. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(unavailable('the server is shutting down'));
    await Promise.all(
      [...this.slots].map((slot) => {
        slot.job?.reject(unavailable('the server is shutting down'));
        slot.job = null;
        return this.retire(slot);
      }),
    );
  }

  private spawn(first: Job) {
    const entry = workerEntry();
    const worker = new Worker(entry.eval ? entry.code : entry.url, {
      eval: entry.eval,
      // Not the parent's flags (a profiler, vitest's, tsx's): from source the entry brings its loader.
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb },
    });
    const slot: Slot = { worker, ready: false, job: first };
    this.slots.push(slot);
    // Starting (loading the TypeScript) is not the job's time; a worker that
    // cannot start at all is stopped like a job that ran too long.
    slot.timer = setTimeout(() => {
      this.log.error('cpu worker did not start', { startMs: START_MS });
      this.fail(slot, unavailable(`a worker did not start within ${START_MS / 1000} s`));
    }, START_MS);
    const request: JobRequest = { id: first.id, kind: first.kind, input: first.input };
    worker.postMessage(request, movable(first.input));
    worker.on('message', (message: WorkerMessage) => this.answer(slot, message));
    worker.on('error', (err: Error & { code?: string }) => {
      const label = slot.job ? LABELS[slot.job.kind] : 'a job';
      const reason =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? unavailable(`${label} needed more than ${this.options.maxHeapMb} MB and was stopped`)
          : new Error(`${label} failed: its worker stopped (${err.message})`);
      this.log.error('cpu worker failed', { kind: slot.job?.kind, error: err });
      this.fail(slot, reason);
    });
    worker.on('exit', (code) => {
      if (this.slots.includes(slot)) {
        this.fail(slot, new Error(`a worker exited unexpectedly (code ${code})`));
      }
    });
  }

  private answer(slot: Slot, message: WorkerMessage) {
    if ('ready' in message) {
      slot.ready = true;
      // The job posted at spawn now really starts: its deadline starts now.
      if (slot.job) this.arm(slot);
      else this.next(slot);
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    slot.job = null;
    clearTimeout(slot.timer);
    if ('error' in message) {
      const { status, code, message: text } = message.error;
      job.reject(
        status
          ? new AppError(status as ContentfulStatusCode, (code ?? 'internal') as ErrorCode, text)
          : new Error(text),
      );
    } else {
      job.resolve(message.output);
    }
    this.next(slot);
  }

  private dispatch(slot: Slot, job: Job) {
    clearTimeout(slot.timer);
    slot.job = job;
    slot.worker.ref();
    const request: JobRequest = { id: job.id, kind: job.kind, input: job.input };
    slot.worker.postMessage(request, movable(job.input));
    this.arm(slot);
  }

  /** Starts the running job's (or the start's) deadline. */
  private arm(slot: Slot) {
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      const label = slot.job ? LABELS[slot.job.kind] : 'a job';
      const seconds = Math.round(this.options.timeoutMs / 100) / 10;
      this.log.warn('cpu job timed out', {
        kind: slot.job?.kind,
        timeoutMs: this.options.timeoutMs,
      });
      this.fail(slot, unavailable(`${label} took longer than ${seconds} s and was stopped`));
    }, this.options.timeoutMs);
  }

  /** The worker is idle: the next queued job, or an idle timeout. */
  private next(slot: Slot) {
    const job = this.queue.shift();
    if (job) return this.dispatch(slot, job);
    slot.worker.unref();
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => void this.retire(slot), this.options.idleMs);
    slot.timer.unref();
  }

  /** The slot's worker failed or ran too long: its job gets `reason`, a fresh worker takes the queue. */
  private fail(slot: Slot, reason: Error) {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    slot.job = null;
    void this.retire(slot);
    job?.reject(reason);
    const waiting = this.queue.shift();
    if (waiting && !this.closed) this.spawn(waiting);
  }

  private async retire(slot: Slot) {
    clearTimeout(slot.timer);
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    await slot.worker.terminate();
  }
}

const unavailable = (message: string) => new AppError(503, 'busy', message);

/** How long a worker may take to start (it loads the import and export code, from source with tsx). */
const START_MS = 30_000;
