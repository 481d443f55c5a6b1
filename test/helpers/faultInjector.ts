/**
 * Preloaded into a server process by the process-policy test (spawnServer's
 * `preload`): SIGUSR2 leaves a promise rejection unhandled, SIGHUP throws an
 * exception nobody catches — faults from outside any meeting's guards.
 */
process.on('SIGUSR2', () => {
  void Promise.reject(new Error('injected unhandled rejection'));
});
process.on('SIGHUP', () => {
  setImmediate(() => {
    throw new Error('injected uncaught exception');
  });
});
