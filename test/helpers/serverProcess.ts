import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The real server as a child process (`node --import tsx server/main.ts`, one
 * process, so SIGKILL hits the server itself). Resolves once it listens.
 */
export async function spawnServer(options: {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      REFERAT_DATA_DIR: options.dataDir,
      REFERAT_CLIENT_DIR: path.join(options.dataDir, 'no-client'),
      REFERAT_LOG_LEVEL: 'error',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { listening?: number };
        if (msg.listening) resolve(msg.listening);
      } catch {
        // not our line
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited early with ${code}`)));
  });
  return { child, port, exited };
}
