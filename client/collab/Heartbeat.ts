import type { WebsocketProvider } from 'y-websocket';
import { encodePing } from '../../shared/protocol/extraMessages.ts';
import { MESSAGE_PONG } from '../../shared/protocol/messages.ts';

/** Without a message from the server for this long, ask (ms). */
const QUIET_MS = 1500;
/** A ping unanswered for this long: the connection is gone (ms). */
const PONG_TIMEOUT_MS = 2500;
const CHECK_MS = 250;
/**
 * Checks further apart than this mean the page was busy or throttled (a
 * background tab): the answer may be waiting in the queue, so that check
 * only looks again later instead of calling the connection dead.
 */
const STALLED_MS = 1500;

/**
 * Notices a dead connection within about 4.3 s (quiet + timeout + one check). When the network drops, no
 * close arrives; the stock y-websocket provider waits for 30 s of silence,
 * and until then the status said "Gemmer…". This pings the server (message
 * 106, shared/protocol/messages.ts) after 1.5 s without hearing from it;
 * when no answer comes within 2.5 s it closes the socket and starts
 * reconnecting, so the status shows offline at once, and everything typed
 * meanwhile (kept in the document and the offline cache) is sent when the
 * connection is back. The timeout is generous enough that a server busy for
 * a couple of seconds (a cold load of a very large meeting) is not taken
 * for a dead one.
 */
export class Heartbeat {
  private readonly timer: ReturnType<typeof setInterval>;
  /** When the unanswered ping went out (0: none outstanding). */
  private pingSentAt = 0;
  private lastCheck = Date.now();

  constructor(private readonly provider: WebsocketProvider) {
    // The provider notes the time of every message it receives; the pong needs nothing more.
    provider.messageHandlers[MESSAGE_PONG] = () => {};
    this.timer = setInterval(this.check, CHECK_MS);
  }

  private check = () => {
    const now = Date.now();
    const stalled = now - this.lastCheck > STALLED_MS;
    this.lastCheck = now;
    const provider = this.provider;
    const ws = provider.ws;
    if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) {
      this.pingSentAt = 0;
      return;
    }
    const heard = provider.wsLastMessageReceived;
    if (this.pingSentAt && heard >= this.pingSentAt) this.pingSentAt = 0;
    if (this.pingSentAt) {
      if (!stalled && now - this.pingSentAt > PONG_TIMEOUT_MS) {
        this.pingSentAt = 0;
        // Close this socket and open a new one: the provider reports
        // "disconnected" now and keeps trying with its usual backoff.
        provider.disconnect();
        provider.connect();
      }
      return;
    }
    if (now - heard > QUIET_MS) {
      this.pingSentAt = now;
      ws.send(encodePing());
    }
  };

  destroy() {
    clearInterval(this.timer);
  }
}
