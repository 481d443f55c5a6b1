import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TEST_ORGANISER_KEY } from './testServer.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Signs in with the organiser key, as a person would on /login; returns the token. */
export async function organiserSignIn(base: string, name = 'Sekretariatet'): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: TEST_ORGANISER_KEY, name }),
  });
  if (res.status !== 201) throw new Error(`sign-in: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/**
 * The real server as a child process (`node --import tsx server/main.ts`, one
 * process, so SIGKILL hits the server itself), or the compiled one
 * (`compiled`: plain `node <dir>/main.js`, as `npm run serve` runs it).
 * Resolves once it listens.
 */
export async function spawnServer(options: {
  dataDir: string;
  port?: number;
  env?: Record<string, string>;
  /** Run the server as this user (a root test runner, to meet real permission errors). */
  uid?: number;
  /** A module loaded before the server (e.g. helpers/faultInjector.ts). */
  preload?: string;
  /** A folder built by scripts/buildServer.mjs: run its main.js with plain node, from that folder. */
  compiled?: string;
}): Promise<{ child: ChildProcess; port: number; exited: Promise<number | null> }> {
  const preload = options.preload ? ['--import', options.preload] : [];
  const args = options.compiled
    ? [...preload, path.join(options.compiled, 'main.js')]
    : ['--import', 'tsx', ...preload, 'server/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: options.compiled ?? ROOT,
    env: {
      ...process.env,
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      REFERAT_DATA_DIR: options.dataDir,
      REFERAT_CLIENT_DIR: path.join(options.dataDir, 'no-client'),
      REFERAT_LOG_LEVEL: 'error',
      REFERAT_ORGANISER_KEY: TEST_ORGANISER_KEY,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
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

/** Creates a meeting through the API of a server process; returns its id. */
export async function createMeetingAt(
  base: string,
  token: string,
  title: string,
  template = 'driftsforum',
): Promise<string> {
  const res = await fetch(`${base}/api/meetings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ title, template }),
  });
  if (res.status !== 201) throw new Error(`create meeting: ${res.status}`);
  return ((await res.json()) as { meeting: { id: string } }).meeting.id;
}
