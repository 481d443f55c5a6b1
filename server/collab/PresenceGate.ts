import { CLOSE_TOO_MANY } from '../../shared/protocol/closeCodes.ts';
import { RateLimit } from '../core/limits/RateLimit.ts';
import { ProtocolError } from './ProtocolError.ts';

/** Presence updates: a burst of 40, then 20 a second; beyond that they are coalesced. */
const PRESENCE_BURST = 40;
const PRESENCE_PER_SECOND = 20;
/** Presence updates in one second that count as a flood (4429); people make a few dozen. */
const MAX_PRESENCE_PER_SECOND = 200;

/**
 * One connection's presence (awareness) updates, paced. Beyond the rate
 * limit they are not dropped but coalesced: the latest waits and is passed
 * on when the budget allows, so the others always end up seeing where this
 * person really is. A flood (far more than a human makes) closes the
 * connection (ProtocolError 4429).
 */
export class PresenceGate {
  private windowStart = 0;
  private inWindow = 0;
  private pending: Uint8Array | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly limit = new RateLimit(PRESENCE_BURST, PRESENCE_PER_SECOND);

  /** `apply` gets each update that may go through now (or later, if coalesced). */
  constructor(private readonly apply: (update: Uint8Array) => void) {}

  receive(update: Uint8Array) {
    const now = performance.now();
    if (now - this.windowStart > 1000) {
      this.windowStart = now;
      this.inWindow = 0;
    }
    if (++this.inWindow > MAX_PRESENCE_PER_SECOND) {
      throw new ProtocolError(CLOSE_TOO_MANY, 'presence flood');
    }
    if (this.timer || !this.limit.take()) {
      this.pending = update;
      this.timer ??= setTimeout(() => {
        this.timer = null;
        const pending = this.pending;
        this.pending = null;
        if (pending) this.apply(pending);
      }, 1000 / PRESENCE_PER_SECOND);
      return;
    }
    this.apply(update);
  }

  /** The connection closed: nothing waiting is applied any more. */
  stop() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }
}
