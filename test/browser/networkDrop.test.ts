import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page, WebSocketRoute } from 'playwright-core';
import { MESSAGE_PONG } from '../../shared/protocol/messages.ts';
import {
  SCREENSHOT_DIR,
  editorText,
  newUserPage,
  openInvite,
  useBrowserEnv,
} from '../helpers/browser.ts';

const env = useBrowserEnv();

const saveState = (page: Page) => page.locator('.save-status').getAttribute('data-state');
const saveText = (page: Page) => page.locator('.save-status').innerText();

/**
 * Between Anne's browser and the server, a network that can drop: while
 * `dropped`, the open connection carries nothing either way and no close
 * arrives (as when a laptop leaves the wifi), and new connections fail.
 */
async function droppableNetwork(page: Page) {
  const state = { dropped: false, connections: 0, pongs: 0 };
  await page.routeWebSocket(/\/collab\//, (ws: WebSocketRoute) => {
    if (state.dropped) return void ws.close();
    state.connections++;
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (!state.dropped) server.send(message);
    });
    server.onMessage((message) => {
      if (state.dropped) return;
      if (typeof message !== 'string' && message[0] === MESSAGE_PONG) state.pongs++;
      ws.send(message);
    });
  });
  return state;
}

/**
 * Records what the page's live regions would say from now on: the text of
 * every region (aria-live other than "off", role status or alert) whose
 * content changes, as a screen reader would queue it.
 */
async function recordAnnouncements(page: Page) {
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    const live =
      '[aria-live]:not([aria-live="off"]), [role="status"]:not([aria-live="off"]), [role="alert"]';
    new MutationObserver((records) => {
      for (const r of records) {
        const node = r.target instanceof Element ? r.target : r.target.parentElement;
        const region = node?.closest(live);
        if (region) said.push((region.textContent ?? '').trim());
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { said: string[] }).said);
}

describe('losing the network', () => {
  it('shows offline within 5 s, keeps the edits, and saves them once the network is back', async () => {
    const id = await env.server.createMeeting('Netværksmødet', 'driftsforum');
    const { link } = await env.server.invite(id, 'Anne Jensen', 'minuteTaker', false, {
      claim: false,
    });
    const anne = await newUserPage(env.browser);
    const network = await droppableNetwork(anne);
    await anne.goto(env.server.base + link);
    const bo = await openInvite(env.browser, env.server, id, 'Bo Nielsen', 'minuteTaker');

    const annesItem = anne.locator('.item-body').first();
    const bosItem = bo.locator('.item-body').first();
    await annesItem.click();
    await anne.keyboard.press('Control+End');
    await anne.keyboard.type(' Før afbrydelsen.');
    await expect.poll(() => saveState(anne)).toBe('saved');
    await expect.poll(() => editorText(bosItem)).toContain('Før afbrydelsen.');
    // A screen reader is not told "Gemmer… Gemt" after every keystroke.
    const announced = await recordAnnouncements(anne);
    await anne.keyboard.type(' Mens alt går godt.', { delay: 20 });
    await expect.poll(() => saveState(anne)).toBe('saved');
    expect(await announced()).toEqual([]);

    // The network drops: nothing arrives, and nothing says so.
    network.dropped = true;
    const droppedAt = Date.now();
    await anne.keyboard.type(' Under afbrydelsen.');
    await expect.poll(() => saveState(anne), { timeout: 5_000, interval: 100 }).toBe('offline');
    const noticedAfter = Date.now() - droppedAt;
    console.log(`offline shown ${noticedAfter} ms after the network dropped`);
    expect(noticedAfter).toBeLessThan(5_000);
    expect(await saveText(anne)).toBe('Offline – ændringer gemmes lokalt');
    // Going offline is said, once.
    await expect.poll(announced).toEqual(['Offline – ændringer gemmes lokalt']);
    await anne.screenshot({ path: path.join(SCREENSHOT_DIR, 'network-dropped.png') });
    // It stays offline while the network is down (new connections fail), and typing goes on.
    await anne.keyboard.type(' Stadig offline.');
    expect(await saveState(anne)).toBe('offline');
    expect(await editorText(annesItem)).toMatch(/Under afbrydelsen\. Stadig offline\./);
    expect(await editorText(bosItem)).not.toContain('Under afbrydelsen.');

    // The network is back: everything typed meanwhile arrives, and it says "Gemt".
    const connectionsBefore = network.connections;
    network.dropped = false;
    await expect
      .poll(() => editorText(bosItem), { timeout: 15_000 })
      .toMatch(/Før afbrydelsen\. Mens alt går godt\. Under afbrydelsen\. Stadig offline\./);
    await expect.poll(() => saveText(anne), { timeout: 15_000 }).toBe('Gemt');
    expect(network.connections).toBeGreaterThan(connectionsBefore);
    // And being back: the writer hears "Gemt" after the offline notice.
    await expect.poll(async () => (await announced()).at(-1)).toBe('Gemt');
    expect((await announced()).filter((s) => s.startsWith('Gemmer'))).toEqual([]);

    // And it goes on as before.
    await anne.keyboard.type(' Efter.');
    await expect.poll(() => editorText(bosItem)).toContain('Stadig offline. Efter.');
    await expect.poll(() => saveState(anne)).toBe('saved');
  });

  it('an idle connection that stays up is kept alive, never taken for a dropped one', async () => {
    const id = await env.server.createMeeting('Stille møde', 'driftsforum');
    const { link } = await env.server.invite(id, 'Cecilie Holm', 'minuteTaker', false, {
      claim: false,
    });
    const page = await newUserPage(env.browser);
    const network = await droppableNetwork(page);
    await page.goto(env.server.base + link);
    await expect.poll(() => saveState(page)).toBe('saved');
    // Nobody types: the client asks whether the connection still carries
    // anything, the server answers, and the one connection stays, saved.
    const states = new Set<string | null>();
    await expect
      .poll(
        async () => {
          states.add(await saveState(page));
          return network.pongs;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBeGreaterThanOrEqual(4);
    expect([...states]).toEqual(['saved']);
    expect(network.connections).toBe(1);
  });
});
