import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export type ServerKind = 'referat' | 'y-websocket' | 'hocuspocus';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
/** The organiser key the bench starts Referat with (it signs in with it for tokens). */
export const BENCH_KEY = 'bench-organiser-key-0123456789';
/** Where `buildReferat` puts the compiled server (`npm run build:server`'s folder). */
export const COMPILED = path.join(ROOT, 'dist', 'server');

/**
 * How Referat is started: `compiled` as `npm run serve` runs it (`node
 * dist/server/main.js`, built by `buildReferat`), `npm` through `npm run
 * serve` itself (npm's own start-up included), `source` as `npm run
 * dev:server` runs it (`node --import tsx server/main.ts`), or from another
 * source tree (a baseline: `{ sourceDir }`, run like `source`).
 */
export type ReferatMode = 'compiled' | 'npm' | 'source' | { sourceDir: string };

export interface StartedServer {
  kind: ServerKind;
  child: ChildProcess;
  port: number;
  dataDir?: string;
  /** performance.now() just before the process was spawned, and when it said it listens. */
  spawnedAt: number;
  listeningAt: number;
  /** The server's stderr lines so far (Referat logs one JSON object per line there). */
  stderr: string[];
  stop(): Promise<void>;
}

/** Builds the compiled server into dist/server (scripts/buildServer.mjs; about a second). */
export function buildReferat() {
  const run = spawnSync(process.execPath, ['scripts/buildServer.mjs'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (run.status !== 0) throw new Error('the server build (scripts/buildServer.mjs) failed');
}

/**
 * Starts a server as its own process (its own process group, so that
 * `npm run serve` stops with the server under it) and waits for its
 * `{"listening":port}` line. Referat runs compiled, as `npm start` runs it
 * (call `buildReferat` first), unless `referat` says otherwise, with a fresh
 * data directory unless one is given. The peers keep their documents in
 * memory unless `env` turns their persistence on (see servers/).
 */
export async function startServer(
  kind: ServerKind,
  options: {
    dataDir?: string;
    env?: Record<string, string>;
    referat?: ReferatMode;
    /** Give up (and kill the process) when it does not listen within this long. */
    timeoutMs?: number;
  } = {},
): Promise<StartedServer> {
  let child: ChildProcess;
  let dataDir = options.dataDir;
  const ownDir = kind === 'referat' && !dataDir;
  const spawnedAt = performance.now();
  if (kind === 'referat') {
    dataDir ??= await mkdtemp(path.join(os.tmpdir(), 'referat-bench-'));
    const mode = options.referat ?? 'compiled';
    // e.g. BENCH_REFERAT_NODE_ARGS=--cpu-prof to profile the server
    const nodeArgs = (process.env.BENCH_REFERAT_NODE_ARGS ?? '').split(' ').filter(Boolean);
    const [command, args, cwd] =
      mode === 'npm'
        ? ['npm', ['run', '--silent', 'serve'], ROOT]
        : mode === 'compiled'
          ? [process.execPath, [...nodeArgs, path.join(COMPILED, 'main.js')], ROOT]
          : [
              process.execPath,
              [...nodeArgs, '--import', 'tsx', 'server/main.ts'],
              mode === 'source' ? ROOT : mode.sourceDir,
            ];
    // Spawned after the data directory exists, so that its making is not timed.
    child = spawn(command, args, {
      cwd,
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
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  } else {
    const script = kind === 'hocuspocus' ? 'hocuspocus.mjs' : 'ywebsocket.mjs';
    child = spawn(process.execPath, [path.join(import.meta.dirname, '..', 'servers', script)], {
      env: { ...process.env, PORT: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
  }
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    stderr.push(line);
    // Referat logs JSON lines: its info is kept for the bench; warnings, errors and anything else are shown.
    if (!/^\{.*"level":"(info|debug)"/.test(line)) process.stderr.write(`[${kind}] ${line}\n`);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const timeoutMs = options.timeoutMs ?? 60_000;
  let port: number;
  let listeningAt: number;
  try {
    [port, listeningAt] = await new Promise<[number, number]>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        try {
          const msg = JSON.parse(line) as { listening?: number };
          if (msg.listening) resolve([msg.listening, performance.now()]);
        } catch {
          // other output
        }
      });
      child.once('exit', (code) => reject(new Error(`${kind} exited with ${code}`)));
      setTimeout(
        () => reject(new Error(`${kind} did not listen within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
  } catch (err) {
    signalGroup(child, 'SIGKILL');
    throw err;
  }
  return {
    kind,
    child,
    port,
    dataDir,
    spawnedAt,
    listeningAt,
    stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        // A clean stop (Referat saves its meetings), killed if it takes long.
        signalGroup(child, 'SIGTERM');
        const killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      if (ownDir && dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signals the server's process group (npm and the node under it), which this bench started. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
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
