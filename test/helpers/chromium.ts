import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** The built client (npm run build). */
export const CLIENT_DIST = path.resolve(import.meta.dirname, '../../dist/client');

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
