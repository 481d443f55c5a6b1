import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '../../server/core/clock.ts';
import { DEFAULT_CONFIG, type Config } from '../../server/core/config.ts';
import { createServer } from '../../server/app/createServer.ts';
import { createLogger } from '../../server/core/log.ts';
import { createFileStorage } from '../../server/storage/createFileStorage.ts';
import type { Storage } from '../../server/storage/Storage.ts';
import type { Role } from '../../shared/access/permissions.ts';
import type { Invite } from '../../shared/access/workflow.ts';
import { addScratchItem } from './clients.ts';
import { TestDevice, claimRequest, inviteIdOf, tokenRequest } from './device.ts';

export async function tempDir(
  prefix = 'referat-test-',
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export const TEST_ORGANISER_KEY = 'test-organiser-key-0123456789';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    ...DEFAULT_CONFIG,
    port: 0,
    host: '127.0.0.1',
    clientDir: path.join(os.tmpdir(), 'referat-no-client'),
    logLevel: (process.env.TEST_LOG_LEVEL as Config['logLevel'] | undefined) ?? 'silent',
    tokenSecret: 'test-token-secret-0123456789',
    organiserKey: TEST_ORGANISER_KEY,
    ...overrides,
  };
}

/** A real server on a free port, in this process; `now` sets its clock (default: the real time). */
export async function startTestServer(options: {
  dataDir: string;
  storage?: Storage;
  config?: Partial<Config>;
  now?: Clock;
}) {
  const config = testConfig({ dataDir: options.dataDir, ...options.config });
  const log = createLogger(config.logLevel);
  const storage = options.storage ?? createFileStorage(config.dataDir, log);
  const server = createServer({ config, storage, log, now: options.now });
  const running = await server.listen();
  const base = `http://127.0.0.1:${running.port}`;
  // The secretariat's sign-in, as POST /api/session makes it: a credential and an access token.
  const session = await server.tokens.issueSession(
    { userId: 'organiser:sekretariatet', name: 'Sekretariatet', role: 'organiser', meetingId: '*' },
    12 * 3600,
  );
  const organiserCredential = session.token;
  const sessionCredential = await server.tokens.verifyCredential(organiserCredential);
  if (typeof sessionCredential === 'string') throw new Error('test session did not verify');
  const { token: organiserToken } = await server.tokens.issueAccess(sessionCredential, 3600);
  /** fetch on the API with a token (default: the organiser's), JSON body when given. */
  const api = (
    pathname: string,
    init: { method?: string; body?: unknown; token?: string | null } = {},
  ) => {
    const token = init.token === undefined ? organiserToken : init.token;
    return fetch(`${base}/api${pathname}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  };
  /** The device each access token's browser holds (its invitation claimed with it). */
  const devices = new Map<string, TestDevice>();
  /** The device each invitation was claimed with, by invite id. */
  const deviceOf = new Map<string, TestDevice>();
  /**
   * An access token for a credential, as a browser gets it: an invite link
   * is claimed for `device` (a new one unless given) on first use, and every
   * token proves possession of that device's key.
   */
  const accessFor = async (credential: string, device?: TestDevice): Promise<string> => {
    const payload = JSON.parse(Buffer.from(credential.split('.')[1], 'base64url').toString());
    let res: Response;
    if (payload.typ !== 'invite') {
      res = await api('/session/token', { body: { credential }, token: null });
    } else {
      const inviteId = inviteIdOf(credential);
      const own = device ?? deviceOf.get(inviteId) ?? (await TestDevice.create());
      res = await tokenRequest(api, credential, own);
      if (
        res.status === 401 &&
        ((await res.clone().json()) as { code: string }).code === 'claimRequired'
      ) {
        res = await claimRequest(api, credential, own.publicKey, own);
      }
      if (res.status === 200) deviceOf.set(inviteId, own);
      device = own;
    }
    if (res.status !== 200) throw new Error(`token: ${res.status} ${await res.text()}`);
    const token = ((await res.json()) as { token: string }).token;
    if (device) devices.set(token, device);
    return token;
  };
  /**
   * Approves as the holder of `token` (an invitee's), the approval signed by
   * that browser's device key as the client does.
   */
  const approve = async (meetingId: string, token: string, hash: string | null) => {
    const device = devices.get(token);
    const signature = device && hash ? await device.approve(meetingId, hash) : undefined;
    return api(`/meetings/${meetingId}/approvals`, { token, body: { hash, signature } });
  };
  return {
    ...server,
    storage,
    port: running.port,
    base,
    wsBase: `ws://127.0.0.1:${running.port}/collab`,
    organiserToken,
    api,
    close: () => running.close(),
    /**
     * Creates a meeting through the API; `scratch` adds an item whose text
     * the clients' `text` types into (helpers/clients.ts).
     */
    async createMeeting(
      title = 'Driftsforum test',
      template = 'blank',
      { scratch = false } = {},
    ): Promise<string> {
      const res = await api('/meetings', {
        body: { title, forum: 'Driftsforum', date: '2020-12-09', template },
      });
      if (res.status !== 201) throw new Error(`create meeting: ${res.status}`);
      const id = ((await res.json()) as { meeting: { id: string } }).meeting.id;
      if (!scratch) return id;
      // Something valid to type into: the clients' `text` (helpers/clients.ts).
      const room = await server.rooms.read(id, (r) => {
        addScratchItem(r.doc);
        return r;
      });
      await room.persistence.flush();
      return id;
    },
    organiserCredential,
    /**
     * Invites someone: the invite, its link and credential, and an access
     * token exchanged for that credential (as the invitee's browser does,
     * claiming the invitation for a device of its own).
     */
    async invite(
      meetingId: string,
      name: string,
      role: Role,
      approver = false,
      { claim = true }: { claim?: boolean } = {},
    ): Promise<{ token: string; credential: string; link: string; invite: Invite }> {
      const res = await api(`/meetings/${meetingId}/invites`, { body: { name, role, approver } });
      if (res.status !== 201) throw new Error(`invite: ${res.status} ${await res.text()}`);
      const made = (await res.json()) as { credential: string; link: string; invite: Invite };
      // `claim: false` leaves the invitation for a browser to claim (token '').
      return { ...made, token: claim ? await accessFor(made.credential) : '' };
    },
    accessFor,
    approve,
    /** The device a token's browser holds, if it claimed an invitation. */
    deviceFor: (token: string) => devices.get(token),
  };
}
export type TestServer = Awaited<ReturnType<typeof startTestServer>>;

/**
 * A test server on a fresh data directory, both torn down by `cleanup`
 * (newest first). `storage` makes the storage for that directory instead of
 * the file stores (made once, kept across restarts); `now` is the servers'
 * clock (default: the real time). `stop` closes the server,
 * e.g. to read or damage its files; `restart` closes it (unless stopped) and
 * starts another on the same files, with `config` in place of the first
 * server's when given.
 */
export async function startTempServer<S extends Storage = Storage>(
  cleanup: (fn: () => unknown) => void,
  config: Partial<Config> = {},
  options: { storage?: (dataDir: string) => S; now?: Clock } = {},
) {
  const data = await tempDir();
  cleanup(() => data.remove());
  const storage = options.storage?.(data.dir);
  const start = async (serverConfig: Partial<Config>) => {
    const server = await startTestServer({
      dataDir: data.dir,
      storage,
      config: serverConfig,
      now: options.now,
    });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await server.close();
    };
    cleanup(close);
    return { server, close };
  };
  let current = await start(config);
  return {
    server: current.server,
    dataDir: data.dir,
    /** The first server's storage (the one `options.storage` made, when given). */
    storage: current.server.storage as S,
    stop: () => current.close(),
    async restart(again: Partial<Config> = config) {
      await current.close();
      current = await start(again);
      return current.server;
    },
  };
}
