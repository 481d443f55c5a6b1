import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import type { Role } from '../../shared/access/permissions.ts';
import { afterAll, beforeAll, expect } from 'vitest';
import { CLIENT_DIST, launchBrowser } from './chromium.ts';
import { TEST_ORGANISER_KEY, type TestServer } from './testServer.ts';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../test-output');

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

/** A fresh browser context (its own storage and IndexedDB, like another laptop) with a page. */
export async function newUserPage(browser: Browser, height = 900): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height }, locale: 'da-DK' });
  const page = await context.newPage();
  // A locator that never matches fails after this instead of hanging the test.
  page.setDefaultTimeout(20_000);
  return page;
}

/** Signs in on /login with the organiser key, as the secretariat does; lands on the meeting list. */
export async function signInAsOrganiser(page: Page, base: string, name: string) {
  await page.goto(`${base}/login#key=${TEST_ORGANISER_KEY}`);
  await page.getByLabel('Dit navn').fill(name);
  await page.getByRole('button', { name: 'Log ind som sekretariat' }).click();
  await page.getByRole('heading', { name: 'Møder' }).waitFor();
}

/** Opens a meeting through an invite link made for `name` with `role`. */
export async function openInvite(
  browser: Browser,
  server: TestServer,
  meetingId: string,
  name: string,
  role: Role,
  options: { approver?: boolean; height?: number } = {},
): Promise<Page> {
  const { link } = await server.invite(meetingId, name, role, options.approver ?? false, {
    claim: false,
  });
  const page = await newUserPage(browser, options.height);
  await page.goto(server.base + link);
  return page;
}

/** An editor's text without the other users' caret labels (which sit inline in the text). */
export function editorText(locator: Locator): Promise<string> {
  return locator.evaluate((el) => {
    const copy = el.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('.collaboration-carets__caret').forEach((c) => c.remove());
    return copy.innerText ?? copy.textContent ?? '';
  });
}

export { CLIENT_DIST, launchBrowser };

/** How far the page scrolls sideways (0 when nothing is wider than the screen). */
const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** Elements that stick out past the right edge of the screen, for the failure message. */
const overflowing = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.right > document.documentElement.clientWidth + 1;
      })
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );

/** Fails, naming what sticks out, when the page scrolls sideways. */
export async function noSidewaysScroll(page: Page, when: string) {
  expect(await sideways(page), `${when}: ${(await overflowing(page)).join(', ')}`).toBe(0);
}

/** Elements inside `container` that stick out past its right edge (e.g. of the side panel). */
export function stickingOut(page: Page, container: string): Promise<string[]> {
  return page.locator(container).evaluate((box) => {
    const right = box.getBoundingClientRect().right;
    return [...box.querySelectorAll<HTMLElement>('*')]
      .filter(
        (el) =>
          el.getBoundingClientRect().width > 0 && el.getBoundingClientRect().right > right + 1,
      )
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}.${el.className} "${(el.innerText ?? '').slice(0, 30)}"`,
      );
  });
}
