import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors.ts';
import { canonicalJSON } from '../versions/contentHash.ts';

/** Exports one person may have running at once (the worker pool is shared by everyone). */
const MAX_RUNNING_PER_PERSON = 2;
/** Finished exports kept, by content: the same minutes asked for again cost nothing. */
const MAX_CACHED = 32;
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

type Rendered = { body: Buffer | string; contentType: string };

/**
 * In front of the export workers: each person may run a couple of exports at
 * once (one observer asking for twelve PDFs of a big meeting would otherwise
 * fill the pool and the queue, and the secretariat's export of another
 * meeting would be refused), and a finished export is kept by what it was
 * made from, so repeating a request does not render again.
 */
export class ExportGate {
  private readonly running = new Map<string, number>();
  private readonly cache = new Map<string, Rendered>();
  private cachedBytes = 0;

  async render(person: string, input: unknown, render: () => Promise<Rendered>): Promise<Rendered> {
    const key = createHash('sha256').update(canonicalJSON(input)).digest('hex');
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key); // most recently used last
      this.cache.set(key, cached);
      return cached;
    }
    const now = this.running.get(person) ?? 0;
    if (now >= MAX_RUNNING_PER_PERSON) {
      throw new AppError(
        429,
        'exportsRunning',
        'you already have exports being made; wait for them to finish',
      );
    }
    this.running.set(person, now + 1);
    try {
      const rendered = await render();
      this.remember(key, rendered);
      return rendered;
    } finally {
      const left = (this.running.get(person) ?? 1) - 1;
      if (left > 0) this.running.set(person, left);
      else this.running.delete(person);
    }
  }

  private remember(key: string, rendered: Rendered) {
    const size = rendered.body.length;
    if (size > MAX_CACHED_BYTES / 4) return;
    this.cache.set(key, rendered);
    this.cachedBytes += size;
    for (const [oldKey, old] of this.cache) {
      if (this.cache.size <= MAX_CACHED && this.cachedBytes <= MAX_CACHED_BYTES) break;
      this.cache.delete(oldKey);
      this.cachedBytes -= old.body.length;
    }
  }
}
