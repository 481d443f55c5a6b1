import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { itemBody, visibleItemIds } from '../../shared/minutes/layout.ts';
import {
  CLIENT_DIST,
  SCREENSHOT_DIR,
  launchBrowser,
  newUserPage,
  signInAsOrganiser,
} from '../helpers/browser.ts';
import { useCleanups } from '../helpers/cleanups.ts';
import { startTempServer } from '../helpers/testServer.ts';

const cleanup = useCleanups();

describe('a meeting whose stored content cannot be read', () => {
  it('opens read-only in the browser with a clear Danish message, its text readable and exportable', async () => {
    const { server, restart } = await startTempServer(cleanup, { clientDir: CLIENT_DIST });
    const id = await server.createMeeting('Beskadiget møde', 'driftsforum');
    // Content nested 300 levels deep, written straight to the log, as if stored
    // before the server checked updates.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, await server.rooms.read(id, (r) => Y.encodeStateAsUpdate(r.doc)));
    const before = Y.encodeStateVector(doc);
    doc.transact(() => {
      let parent: Y.XmlFragment = itemBody(doc, visibleItemIds(doc)[1])!;
      for (let i = 0; i < 300; i++) {
        const el = new Y.XmlElement('blockquote');
        parent.insert(parent.length, [el]);
        parent = el;
      }
      const p = new Y.XmlElement('paragraph');
      parent.insert(0, [p]);
      p.insert(0, [new Y.XmlText('dybt nede')]);
    });
    await server.storage.documents.append(id, [Y.encodeStateAsUpdate(doc, before)]);
    const again = await restart();

    const browser = await launchBrowser();
    cleanup(() => browser.close());
    const page = await newUserPage(browser);
    await signInAsOrganiser(page, again.base, 'Sekretariatet');
    await page.goto(`${again.base}/m/${id}`);
    await expect
      .poll(() => page.getByRole('alert').innerText())
      .toContain('Mødets gemte indhold kan ikke læses helt');
    const sheet = page.locator('.static-meeting');
    await expect.poll(() => sheet.innerText()).toContain('1. Godkendelse af dagsorden');
    expect(await sheet.innerText()).toContain('Det indstilles, at dagsordenen godkendes.');
    expect(await sheet.innerText()).toContain('dybt nede');
    // Nothing to type into, and no misleading save status.
    expect(await page.locator('[contenteditable=true]').count()).toBe(0);
    expect(await page.getByText('Offline – ændringer gemmes lokalt').count()).toBe(0);
    // The exports still work.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'HTML' }).first().click();
    expect((await download).suggestedFilename()).toMatch(/\.html$/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'damaged-meeting.png') });
  });
});
