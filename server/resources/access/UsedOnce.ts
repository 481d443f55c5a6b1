import { systemClock, type Clock } from '../../core/clock.ts';

/**
 * Token ids already used, kept until their tokens expire: a download link
 * works once. In memory: after a restart a link still unexpired (≤ 60 s)
 * could be used once more, which grants nothing its holder did not have.
 */
export class UsedOnce {
  private readonly used = new Map<string, number>();

  /** `now`: the server's clock (ms), which says when a used id may be forgotten. */
  constructor(private readonly now: Clock = systemClock) {}

  /** True the first time `id` is claimed; `expiresAt` in Unix seconds. */
  claim(id: string, expiresAt: number): boolean {
    const now = this.now() / 1000;
    for (const [key, until] of this.used) if (until < now) this.used.delete(key);
    if (this.used.has(id)) return false;
    this.used.set(id, expiresAt);
    return true;
  }
}
