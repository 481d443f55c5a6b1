import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR, editorText, openInvite, useBrowserEnv } from '../helpers/browser.ts';

const env = useBrowserEnv();

/**
 * Number of updates y-indexeddb has stored for the meeting in this page's
 * browser profile (0 while the database does not exist yet). Never hangs: any
 * failure rejects.
 */
function storedUpdates(page: Page, meetingId: string): Promise<number> {
  return page.evaluate(
    (db) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(db);
        open.onupgradeneeded = () => {
          // Not created by y-indexeddb yet: do not create it here.
          open.transaction?.abort();
          resolve(0);
        };
        open.onerror = () => resolve(0);
        open.onsuccess = () => {
          try {
            const req = open.result.transaction('updates').objectStore('updates').count();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result);
            };
            req.onerror = () => reject(req.error);
          } catch (err) {
            open.result.close();
            reject(err);
          }
        };
      }),
    `referat-${meetingId}`,
  );
}

describe('offline editing', () => {
  it('keeps edits made while disconnected across a reload and syncs them on reconnect', async () => {
    const id = await env.server.createMeeting('Offline-mødet', 'driftsforum');
    const anne = await openInvite(env.browser, env.server, id, 'Anne Jensen', 'minuteTaker');
    const bo = await openInvite(env.browser, env.server, id, 'Bo Nielsen', 'minuteTaker');
    const status = (p: Page) => p.locator('.save-status').innerText();

    await anne.locator('.item-body').first().click();
    await anne.keyboard.type('Skrevet online.');
    await expect.poll(() => status(anne)).toBe('Gemt');

    // Cut Anne off from the server: every websocket she opens is closed at once.
    let blocked = true;
    await anne.routeWebSocket(/\/collab\//, (ws) => {
      if (blocked) ws.close();
      else ws.connectToServer();
    });
    await anne.reload();
    await expect.poll(() => status(anne)).toBe('Offline – ændringer gemmes lokalt');
    await expect
      .poll(() => editorText(anne.locator('.item-body').first()))
      .toContain('Skrevet online.');

    const before = await storedUpdates(anne, id);
    await anne.locator('.item-body').first().click();
    await anne.keyboard.press('Control+End');
    await anne.keyboard.type(' Skrevet offline.');
    await expect.poll(() => storedUpdates(anne, id)).toBeGreaterThan(before);
    await anne.reload();
    await expect
      .poll(() => editorText(anne.locator('.item-body').first()))
      .toMatch(/Skrevet online.[\s\S]*Skrevet offline./);
    await expect.poll(() => status(anne)).toBe('Offline – ændringer gemmes lokalt');
    await anne.screenshot({ path: path.join(SCREENSHOT_DIR, 'offline.png') });
    expect(await editorText(bo.locator('.item-body').first())).not.toContain('Skrevet offline.');

    blocked = false;
    await expect
      .poll(() => editorText(bo.locator('.item-body').first()), { timeout: 15_000 })
      .toMatch(/Skrevet online.[\s\S]*Skrevet offline./);
    await expect.poll(() => status(anne), { timeout: 15_000 }).toBe('Gemt');
  });
});
