import type { Logger } from '../core/log.ts';

import type { ProcessFaults } from '../resources/health/healthRoutes.ts';

export type { ProcessFaults };

/** How long a crashing process may spend saving open meetings before it exits anyway. */
const EXIT_FLUSH_MS = 10_000;

/**
 * The process-level policy for faults no meeting caught (each meeting's
 * timers, watchers and promises are guarded by its Room and only mark that
 * meeting failing):
 *
 * - An unhandled promise rejection is a bug, but it leaves no half-run code
 *   behind: it is logged with its stack and counted, and the server carries
 *   on (Node's default would end the process, taking every meeting down).
 * - An uncaught exception may have stopped code half-way, with state in an
 *   unknown shape: it is logged, every open meeting is flushed to disk
 *   (acknowledged edits are already there), and the process exits with 1
 *   for its supervisor to restart it.
 */
export function installProcessPolicy(
  proc: NodeJS.Process,
  log: Logger,
  close: () => Promise<unknown>,
): ProcessFaults {
  const faults: ProcessFaults = { unhandledRejections: 0, uncaughtExceptions: 0 };
  proc.on('unhandledRejection', (reason) => {
    faults.unhandledRejections++;
    log.error('unhandled promise rejection; carrying on', { error: describe(reason) });
  });
  let exiting = false;
  proc.on('uncaughtException', (err) => {
    faults.uncaughtExceptions++;
    log.error('uncaught exception; saving open meetings and exiting', { error: describe(err) });
    if (exiting) return;
    exiting = true;
    const timer = setTimeout(() => proc.exit(1), EXIT_FLUSH_MS);
    timer.unref();
    void close()
      .catch((closeError) => log.error('shutdown after a fault failed', { error: closeError }))
      .finally(() => proc.exit(1));
  });
  return faults;
}

function describe(value: unknown) {
  return value instanceof Error
    ? { name: value.name, message: value.message, stack: value.stack }
    : { value: String(value) };
}
