import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useCleanups } from '../helpers/cleanups.ts';
import {
  CLIENT_DIST,
  SCREENSHOT_DIR,
  editorText,
  launchBrowser,
  newUserPage,
} from '../helpers/browser.ts';
import { startTempServer } from '../helpers/testServer.ts';

const cleanup = useCleanups();

describe('access tokens in the browser', () => {
  it('an access token that expires mid-meeting is renewed without losing typed text; the app and API carry the security headers', async () => {
    // Tokens live 3 s here, so the server closes the editor's socket (4401) several times.
    const { server } = await startTempServer(cleanup, {
      clientDir: CLIENT_DIST,
      accessTtlSeconds: 3,
    });
    const browser = await launchBrowser();
    cleanup(() => browser.close());
    const id = await server.createMeeting('Fornyelse', 'driftsforum');
    const open = async (name: string) => {
      const { link } = await server.invite(id, name, 'minuteTaker', false, { claim: false });
      const page = await newUserPage(browser);
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      const response = await page.goto(server.base + link);
      return { page, sockets, response };
    };
    const anne = await open('Anne Jensen');
    const bo = await open('Bo Nielsen');
    const status = (p: Page) => p.getByRole('status').first().innerText();
    await expect.poll(() => status(anne.page)).toBe('Gemt');

    // The page itself: the policy headers, and no token in any websocket URL.
    const headers = anne.response!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    const api = await anne.page.request.get(`${server.base}/api/health`);
    expect(api.headers()['content-security-policy']).toContain("default-src 'self'");

    // Anne types across several token lifetimes; each expiry closes her socket.
    const item = anne.page.locator('.item-body').first();
    await item.locator('p').first().click();
    await anne.page.keyboard.press('End');
    const words = ['første', 'anden', 'tredje', 'fjerde'];
    for (const [i, word] of words.entries()) {
      await anne.page.keyboard.type(` ${word}`);
      // Wait for the next reconnect (a renewed token) before typing on.
      const seen = anne.sockets.length;
      if (i < words.length - 1) await expect.poll(() => anne.sockets.length).toBeGreaterThan(seen);
    }
    expect(anne.sockets.length).toBeGreaterThanOrEqual(4);
    for (const url of [...anne.sockets, ...bo.sockets])
      expect(url).not.toMatch(/token|invite|ey[A-Za-z0-9_-]{20}/);

    // Presence survives the reconnects: each still sees the other (a re-announce
    // with the old clock would be ignored by the server until the next heartbeat).
    const present = (p: Page) => p.locator('[data-testid=present-user]').allInnerTexts();
    await expect.poll(async () => (await present(bo.page)).join(' ')).toContain('Anne Jensen');
    await expect.poll(async () => (await present(anne.page)).join(' ')).toContain('Bo Nielsen');

    // Nothing lost: saved on the server and seen by Bo.
    await expect.poll(() => status(anne.page)).toBe('Gemt');
    const boItem = bo.page.locator('.item-body').first();
    await expect.poll(() => editorText(boItem)).toContain('første anden tredje fjerde');
    const stored = (await (await server.api(`/meetings/${id}/document`)).json()) as {
      document: unknown;
    };
    expect(JSON.stringify(stored.document)).toContain('første anden tredje fjerde');
    // REST keeps working with renewed tokens too (the approvals panel, comments, exports).
    await anne.page.reload();
    await expect.poll(() => status(anne.page)).toBe('Gemt');
    await anne.page.screenshot({ path: path.join(SCREENSHOT_DIR, 'token-renewal.png') });
  });
});
