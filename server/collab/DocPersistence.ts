import * as Y from 'yjs';
import type { Logger } from '../core/log.ts';
import type { DocumentStorage } from '../storage/DocumentStorage.ts';

export interface PersistenceOptions {
  /** How long the first pending update waits for others before one fsync covers them all. */
  groupCommitMs: number;
  /** Log size after which the document is compacted into a snapshot. */
  compactAfterBytes: number;
  /** First retry delay after a failed write; doubles up to `maxRetryMs`. */
  retryBaseMs?: number;
  maxRetryMs?: number;
  /** Keep the stored files as they are (a damaged meeting: what could not be read stays on disk). */
  neverCompact?: boolean;
}

/**
 * Makes one meeting's document durable. Every change of the Y.Doc is queued,
 * written by group commit (one append + fsync for everything queued), and
 * numbered, so callers can wait until a given point is on disk.
 *
 * A failed write keeps the queued updates (the document stays in memory),
 * retries with backoff and reports through `onStorageStatus`; nothing that
 * was not written is ever reported durable.
 */
export class DocPersistence {
  private pending: Uint8Array[] = [];
  /** Number of updates queued so far; update n is durable once durableSeq >= n. */
  private queuedSeq = 0;
  private durableSeq = 0;
  private waiters: { seq: number; resolve: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private writing: Promise<void> | null = null;
  private failures = 0;
  private logBytes = 0;
  private destroyed = false;
  /** True while writes fail; cleared by the first successful write. */
  failing = false;
  /**
   * Approximate size of the document: its stored bytes at load (or its state
   * at the last compaction) plus every update since. An upper bound, since
   * updates overlap; used for the per-meeting size limit.
   */
  documentBytes: number;

  constructor(
    private readonly meetingId: string,
    private readonly doc: Y.Doc,
    private readonly documents: DocumentStorage,
    private readonly options: PersistenceOptions,
    private readonly log: Logger,
    private readonly onStorageStatus: (failing: boolean) => void,
    storedBytes = 0,
    /** Called after each successful write: everything queued so far is durable. */
    private readonly onStored: () => void = () => {},
  ) {
    this.documentBytes = storedBytes;
    doc.on('update', this.onUpdate);
  }

  private onUpdate = (update: Uint8Array) => {
    this.documentBytes += update.byteLength;
    this.pending.push(update);
    this.queuedSeq++;
    this.schedule(this.options.groupCommitMs);
  };

  /** The point that covers every change made to the document so far. */
  get currentSeq(): number {
    return this.queuedSeq;
  }

  /** True when every change so far is on disk. */
  get isClean(): boolean {
    return this.durableSeq === this.queuedSeq && this.writing === null;
  }

  /** Resolves once every update queued up to `seq` is durable. */
  whenDurable(seq: number): Promise<void> {
    if (this.durableSeq >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  private schedule(delayMs: number) {
    // While writes fail, the retry timer's backoff decides when to try again.
    if (this.timer || this.retryTimer || this.writing || this.destroyed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.drain().catch(() => {}); // reported in writeLoop, retried by retryTimer
    }, delayMs);
  }

  private drain(): Promise<void> {
    if (this.writing) return this.writing;
    this.writing = this.writeLoop().finally(() => {
      this.writing = null;
    });
    return this.writing;
  }

  private async writeLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      const batchEnd = this.queuedSeq;
      this.pending = [];
      try {
        const { logBytes } = await this.documents.append(this.meetingId, batch);
        this.logBytes = logBytes;
      } catch (err) {
        this.pending = batch.concat(this.pending);
        this.failures++;
        const delay = Math.min(
          (this.options.retryBaseMs ?? 100) * 2 ** (this.failures - 1),
          this.options.maxRetryMs ?? 5000,
        );
        this.log.error('write failed; document stays in memory, retrying', {
          meetingId: this.meetingId,
          attempt: this.failures,
          retryInMs: delay,
          error: err,
        });
        if (!this.failing) {
          this.failing = true;
          this.onStorageStatus(true);
        }
        if (!this.destroyed && !this.retryTimer) {
          this.retryTimer = setTimeout(() => {
            this.retryTimer = null;
            this.drain().catch(() => {});
          }, delay);
        }
        throw err;
      }
      this.durableSeq = batchEnd;
      if (this.failing) {
        this.failing = false;
        this.failures = 0;
        this.log.info('writes work again', { meetingId: this.meetingId });
        this.onStorageStatus(false);
      }
      this.releaseWaiters();
      this.onStored();
      if (this.logBytes >= this.options.compactAfterBytes && !this.options.neverCompact) {
        await this.compact();
      }
    }
  }

  private releaseWaiters() {
    const ready = this.waiters.filter((w) => w.seq <= this.durableSeq);
    this.waiters = this.waiters.filter((w) => w.seq > this.durableSeq);
    for (const w of ready) w.resolve();
  }

  /** Rewrites the document as one snapshot; a failure is logged, the log keeps working. */
  private async compact(): Promise<void> {
    const started = performance.now();
    try {
      const state = Y.encodeStateAsUpdate(this.doc);
      const countedAtEncode = this.documentBytes;
      await this.documents.compact(this.meetingId, state);
      this.logBytes = 0;
      // The state holds everything counted so far; updates since come on top.
      this.documentBytes = state.byteLength + (this.documentBytes - countedAtEncode);
      this.log.info('compacted', {
        meetingId: this.meetingId,
        ms: Math.round(performance.now() - started),
      });
    } catch (err) {
      this.log.warn('compaction failed; log kept', { meetingId: this.meetingId, error: err });
    }
  }

  /**
   * Writes everything queued now and waits for it; rejects if the write fails
   * (the updates stay queued and are retried in the background).
   */
  async flush(options: { compact?: boolean } = {}): Promise<void> {
    for (const t of [this.timer, this.retryTimer]) if (t) clearTimeout(t);
    this.timer = this.retryTimer = null;
    // Wait for a write in flight (its failure is handled below by writing again).
    await this.writing?.catch(() => {});
    await this.drain();
    if (options.compact && this.logBytes > 0 && !this.options.neverCompact) await this.compact();
  }

  /** Stops writing. Call only after a successful flush, or when giving up the process. */
  destroy() {
    this.destroyed = true;
    for (const t of [this.timer, this.retryTimer]) if (t) clearTimeout(t);
    this.doc.off('update', this.onUpdate);
  }
}
