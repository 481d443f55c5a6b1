import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export type ServerKind = 'referat' | 'y-websocket' | 'hocuspocus';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The organiser key the bench starts Referat with (it signs in with it for tokens). */
export const BENCH_KEY = 'bench-organiser-key-0123456789';

export interface StartedServer {
  kind: ServerKind;
  child: ChildProcess;
  port: number;
  dataDir?: string;
  stop(): Promise<void>;
}

/**
 * Starts a server as its own process and waits for its `{"listening":port}`
 * line. Referat runs as `npm start` runs it (without the client build), with
 * a fresh data directory unless one is given.
 */
export async function startServer(
  kind: ServerKind,
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<StartedServer> {
  let child: ChildProcess;
  let dataDir = options.dataDir;
  const ownDir = kind === 'referat' && !dataDir;
  if (kind === 'referat') {
    dataDir ??= await mkdtemp(path.join(os.tmpdir(), 'referat-bench-'));
    // e.g. BENCH_REFERAT_NODE_ARGS=--cpu-prof to profile the server under load
    const nodeArgs = (process.env.BENCH_REFERAT_NODE_ARGS ?? '').split(' ').filter(Boolean);
    child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        REFERAT_DATA_DIR: dataDir,
        REFERAT_CLIENT_DIR: path.join(dataDir, 'no-client'),
        REFERAT_LOG_LEVEL: 'error',
        REFERAT_ORGANISER_KEY: BENCH_KEY,
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  } else {
    const script = kind === 'hocuspocus' ? 'hocuspocus.mjs' : 'ywebsocket.mjs';
    child = spawn(process.execPath, [path.join(import.meta.dirname, '..', 'servers', script)], {
      env: { ...process.env, PORT: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        const msg = JSON.parse(line) as { listening?: number };
        if (msg.listening) resolve(msg.listening);
      } catch {
        // other output
      }
    });
    child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
  });
  return {
    kind,
    child,
    port,
    dataDir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // A clean stop (Referat saves its meetings), killed if it takes long.
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      if (ownDir && dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An organiser token for a Referat server started by `startServer`. */
export async function organiserToken(port: number): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ key: BENCH_KEY, name: 'Bench' }),
  });
  if (res.status !== 201) throw new Error(`sign-in: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}

/** Creates `count` meetings on Referat and returns their ids. */
export async function createMeetings(port: number, token: string, count: number) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`http://127.0.0.1:${port}/api/meetings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ title: `Bench ${i + 1}` }),
    });
    if (res.status !== 201) throw new Error(`create meeting: ${res.status}`);
    ids.push(((await res.json()) as { meeting: { id: string } }).meeting.id);
  }
  return ids;
}
