import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { TestServer } from './testServer.ts';

export const CLIENT_DIST = path.resolve(import.meta.dirname, '../../dist/client');
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output');

/**
 * Debian's Chromium, driven by playwright-core. A missing browser or client
 * build fails the test loudly: browser tests never skip.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium not found at ${executablePath}: apt-get install -y chromium (see .ci/run)`,
    );
  }
  if (!existsSync(path.join(CLIENT_DIST, 'index.html'))) {
    throw new Error('client not built: run `npm run build` (npm test does it first)');
  }
  return chromium.launch({
    executablePath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A server serving the built client on a free port, plus Chromium; `close` tears both down. */
export async function startBrowserEnv() {
  const { startTestServer, tempDir } = await import('./testServer.ts');
  const data = await tempDir();
  const server = await startTestServer({ dataDir: data.dir, config: { clientDir: CLIENT_DIST } });
  const browser = await launchBrowser();
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
      await data.remove();
    },
  };
}

/** Registers beforeAll/afterAll for a browser test file; the fields are set once beforeAll ran. */
export function useBrowserEnv(): { browser: Browser; server: TestServer } {
  const env = {} as { browser: Browser; server: TestServer };
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const started = await startBrowserEnv();
    Object.assign(env, { browser: started.browser, server: started.server });
    close = started.close;
  });
  afterAll(() => close?.());
  return env;
}
