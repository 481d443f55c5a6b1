import { readConfig } from './core/config.ts';
import { createServer } from './app/createServer.ts';
import { resolveSecrets } from './app/resolveSecrets.ts';
import { createLogger } from './core/log.ts';
import { createFileStorage } from './storage/createFileStorage.ts';
import { ensurePrivateDir } from './storage/fsUtil.ts';
import { installProcessPolicy } from './app/processPolicy.ts';

const initial = readConfig();
await ensurePrivateDir(initial.dataDir);
const log = createLogger(initial.logLevel);
const storage = createFileStorage(initial.dataDir, log.child('storage'));
const config = await resolveSecrets(initial, storage.secrets);
const app = createServer({ config, storage, log });
const server = await app.listen();
app.processFaults = installProcessPolicy(process, log.child('process'), () => server.close());

// Tests and scripts read the chosen port from this line.
process.stdout.write(JSON.stringify({ listening: server.port }) + '\n');
if (!initial.organiserKey) {
  // The generated key is on disk (data/secrets/organiser-key); say how to use it.
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  process.stderr.write(
    `\nReferat is running. Organiser sign-in (keep this link private):\n` +
      `  http://${host}:${server.port}/login#key=${encodeURIComponent(config.organiserKey)}\n\n`,
  );
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info('shutting down: saving open meetings', { signal });
    const { failed } = await server.close();
    process.exit(failed.length === 0 ? 0 : 1);
  });
}
