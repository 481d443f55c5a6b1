/**
 * Client: typing latency in headless Chromium in a year-long meeting,
 * against a plain TipTap StarterKit editor holding the same text, in the
 * same run; initial load time; JS bundle size (gzipped).
 *
 *   npm run bench:client
 *
 * Latency is measured in the page from the keydown event's timestamp:
 * - "processed": until the editor has handled the key and the layout is
 *   done (a task queued at keydown, which runs after the input events and
 *   every synchronous handler: ProseMirror, Yjs, the provider, presence);
 * - "next frame": until just after the next animation frame (the frame
 *   that shows the character; it includes waiting for that frame, up to
 *   16.7 ms at 60 Hz).
 * Keys are typed by playwright (CDP key events) at a human 60 ms apart into
 * a paragraph in the middle of the meeting.
 *
 *   npm run bench:client
 *   npm run bench:client -- --smoke     (20 keys, 2,000 edits of history; results/smoke/)
 */
import { spawnSync } from 'node:child_process';
import { readFile, readdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { CLIENT_DIST, launchBrowser } from '../test/helpers/chromium.ts';
import { largeMeeting, storeLargeMeeting } from './lib/largeMeeting.ts';
import { knob, machine, mustHaveMeasured, writeResults } from './lib/results.ts';
import { BENCH_KEY, buildReferat, ROOT, startServer } from './lib/servers.ts';
import { percentiles, round1 } from './lib/stats.ts';

const KEYS = knob('KEYS', 300, 20);
const EDITS = knob('EDITS', 100_000, 2_000);
const PLAIN = path.join(import.meta.dirname, 'plain-tiptap');
const SCREENSHOT = path.join(ROOT, 'test-output', 'bench-client-large-meeting.png');

function build(args: string[]) {
  const run = spawnSync('npx', ['vite', 'build', ...args], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) throw new Error(`vite build ${args.join(' ')} failed`);
}
// The profile is readable with BENCH_CPU_PROFILE (names kept); sizes are of the minified build.
build(['--logLevel', 'warn', ...(process.env.BENCH_CPU_PROFILE ? ['--minify', 'false'] : [])]);
build(['--config', path.join(PLAIN, 'vite.config.ts')]);
buildReferat();

async function gzippedJS(dir: string) {
  const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.js'));
  let raw = 0;
  let gz = 0;
  for (const f of files) {
    const bytes = await readFile(path.join(dir, f));
    raw += bytes.byteLength;
    gz += gzipSync(bytes, { level: 9 }).byteLength;
  }
  return { files: files.length, rawKB: Math.round(raw / 1024), gzipKB: Math.round(gz / 1024) };
}

/** Injected before any page script: records per-key latencies. */
const MEASURE = () => {
  const w = window as unknown as { __typing: { processed: number[]; frame: number[] } };
  w.__typing = { processed: [], frame: [] };
  addEventListener(
    'keydown',
    (e) => {
      if (e.key.length !== 1) return;
      const start = e.timeStamp;
      setTimeout(() => {
        void document.body.offsetHeight; // the layout the key caused
        w.__typing.processed.push(performance.now() - start);
      }, 0);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => w.__typing.frame.push(performance.now() - start);
        channel.port2.postMessage(0);
      });
    },
    true,
  );
};

/** Clicks at the end of the paragraph with `text` (or the middle long one) and types KEYS characters. */
async function typeInto(page: Page, selector: string, text: string | null) {
  const target = await page.evaluate(
    ({ selector, text }) => {
      const ps = [...document.querySelectorAll<HTMLElement>(selector)];
      const long = ps.filter((p) => (p.textContent ?? '').length > 60);
      // The same paragraph as in Referat when its text is found as is, else the middle one.
      const same = text ? ps.find((el) => el.textContent === text) : undefined;
      const p = same ?? long[Math.floor(long.length / 2)];
      if (!p) return null;
      p.scrollIntoView({ block: 'center' });
      // TipTap keeps its editor on the editor's element: put the caret at
      // the paragraph's end (a click could land on a neighbour after scrolling).
      const root = p.closest('.ProseMirror') as (HTMLElement & { editor?: any }) | null;
      const editor = root?.editor;
      if (!editor) return null;
      const end = editor.view.posAtDOM(p, p.childNodes.length);
      editor.chain().focus().setTextSelection(end).run();
      return { text: p.textContent ?? '', same: !!same };
    },
    { selector, text },
  );
  if (!target) throw new Error(`no paragraph to type into (${selector})`);
  await page.evaluate(() => {
    const w = window as unknown as { __typing: { processed: number[]; frame: number[] } };
    w.__typing.processed.length = 0;
    w.__typing.frame.length = 0;
  });
  // ASCII: playwright types other characters (ø) as text input, without key events to time.
  const sentence = 'Driftsforum tog sagen til efterretning og aftalte en ny status i marts. ';
  for (let i = 0; i < KEYS; i++) {
    await page.keyboard.type(sentence[i % sentence.length]);
    // A typist's pace (the bench measures the page, not this wait).
    await new Promise((r) => setTimeout(r, 60));
  }
  await page.waitForFunction(
    (n) => (window as unknown as { __typing: { frame: number[] } }).__typing.frame.length >= n,
    KEYS,
  );
  const measured = await page.evaluate(
    () => (window as unknown as { __typing: { processed: number[]; frame: number[] } }).__typing,
  );
  return {
    text: target.text,
    sameParagraph: target.same,
    processed: percentiles(measured.processed),
    frame: percentiles(measured.frame),
  };
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const meeting = largeMeeting({ edits: EDITS });
say(`meeting built: ${meeting.items} items, ${meeting.history.length} edits`);
const stored = await storeLargeMeeting(meeting);
const server = await startServer('referat', {
  dataDir: stored.dataDir,
  env: { REFERAT_CLIENT_DIR: CLIENT_DIST },
});
const base = `http://127.0.0.1:${server.port}`;

// The same minutes as HTML for the plain editor: Referat's own export.
const exported = await (
  await fetch(`${base}/api/meetings/${stored.id}/export?format=html`, {
    headers: { authorization: `Bearer ${stored.token}` },
  })
).text();
const body = /<body[^>]*>([\s\S]*)<\/body>/.exec(exported)?.[1] ?? '';
await writeFile(path.join(PLAIN, 'dist', 'content.html'), body);
const statics = http.createServer(async (req, res) => {
  const file = path.join(PLAIN, 'dist', path.normalize(new URL(req.url!, 'http://x').pathname));
  if (!file.startsWith(path.join(PLAIN, 'dist'))) return void res.writeHead(403).end();
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch {
    return void res.writeHead(404).end();
  }
  const type = file.endsWith('.js')
    ? 'text/javascript'
    : file.endsWith('.html')
      ? 'text/html'
      : 'text/plain';
  res.writeHead(200, { 'content-type': `${type}; charset=utf-8` }).end(content);
});
await new Promise<void>((resolve) => statics.listen(0, '127.0.0.1', resolve));
const plainBase = `http://127.0.0.1:${(statics.address() as { port: number }).port}`;

let browser: Browser | null = null;
try {
  browser = await launchBrowser();
  const referat = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK' })
  ).newPage();
  await referat.addInitScript(MEASURE);
  await referat.goto(`${base}/login#key=${BENCH_KEY}`);
  await referat.getByLabel('Dit navn').fill('Referent');
  await referat.getByRole('button', { name: 'Log ind som sekretariat' }).click();
  await referat.getByRole('heading', { name: 'Møder' }).waitFor();
  const loaded = async () => {
    const t = performance.now();
    await referat.goto(`${base}/m/${stored.id}`);
    await referat.waitForFunction(
      (n) => {
        const bodies = document.querySelectorAll('.item-body.ProseMirror');
        return bodies.length >= n && (bodies[n - 1].textContent ?? '').length > 0;
      },
      meeting.items,
      { timeout: 120_000 },
    );
    return performance.now() - t;
  };
  say('signed in; opening the meeting');
  const coldLoadMs = await loaded(); // first visit: nothing cached in the browser
  say(`first load ${Math.round(coldLoadMs)} ms`);
  const warmLoadMs = await loaded(); // second visit: the offline cache (IndexedDB) has it
  say(`cached load ${Math.round(warmLoadMs)} ms; typing`);
  // BENCH_CPU_PROFILE=file.cpuprofile: a Chrome DevTools profile of the typing in Referat.
  const cdp = process.env.BENCH_CPU_PROFILE ? await referat.context().newCDPSession(referat) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const referatTyping = await typeInto(referat, '.item-body.ProseMirror p', null);
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    await writeFile(process.env.BENCH_CPU_PROFILE!, JSON.stringify(profile));
  }
  await referat.screenshot({ path: SCREENSHOT });

  const plain = await (
    await browser.newContext({ viewport: { width: 1280, height: 900 } })
  ).newPage();
  await plain.addInitScript(MEASURE);
  const t = performance.now();
  await plain.goto(`${plainBase}/index.html`);
  await plain.waitForFunction(() => document.body.dataset.ready === 'true', null, {
    timeout: 120_000,
  });
  const plainLoadMs = performance.now() - t;
  const plainTyping = await typeInto(plain, '.ProseMirror p', referatTyping.text);

  mustHaveMeasured(
    [referatTyping, plainTyping].every((t) => t.processed.count >= KEYS && t.frame.count >= KEYS) &&
      coldLoadMs > 0 &&
      plainLoadMs > 0,
    'typing latency of every key in both editors, and their load times',
  );
  const referatBundle = await gzippedJS(path.join(CLIENT_DIST, 'assets'));
  const plainBundle = await gzippedJS(path.join(PLAIN, 'dist', 'assets'));
  const result = {
    machine: machine(),
    meeting: { items: meeting.items, characters: meeting.chars, edits: meeting.history.length },
    keys: KEYS,
    referat: {
      coldLoadMs: round1(coldLoadMs),
      warmLoadMs: round1(warmLoadMs),
      typing: referatTyping,
      bundle: referatBundle,
    },
    plainTipTap: { loadMs: round1(plainLoadMs), typing: plainTyping, bundle: plainBundle },
  };
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  await writeResults('client', result, [
    '# Client: typing in a large meeting, load time, bundle size',
    '',
    machine(),
    '',
    `Headless Chromium (Debian, --disable-gpu). Meeting: ${meeting.items} agenda items, ${meeting.chars} characters, ${meeting.history.length} edits of history.`,
    `${KEYS} keys typed 60 ms apart into a paragraph in the middle. "processed" = keydown until the editor has handled it and laid out; "next frame" = until just after the next animation frame (includes waiting for it, up to 16.7 ms).`,
    '',
    '| editor | processed p50 / p95 / max (ms) | next frame p50 / p95 / max (ms) | load (ms) | JS gzipped |',
    '| --- | --- | --- | --- | --- |',
    `| Referat (${meeting.items} item editors, Yjs, presence, offline cache) | ${referatTyping.processed.p50} / ${referatTyping.processed.p95} / ${referatTyping.processed.max} | ${referatTyping.frame.p50} / ${referatTyping.frame.p95} / ${referatTyping.frame.max} | ${round1(coldLoadMs)} first visit, ${round1(warmLoadMs)} cached | ${referatBundle.gzipKB} KB (${referatBundle.rawKB} KB raw) |`,
    `| plain TipTap StarterKit, same text | ${plainTyping.processed.p50} / ${plainTyping.processed.p95} / ${plainTyping.processed.max} | ${plainTyping.frame.p50} / ${plainTyping.frame.p95} / ${plainTyping.frame.max} | ${round1(plainLoadMs)} | ${plainBundle.gzipKB} KB |`,
    '',
    `Ratios Referat / plain: processed p95 ${ratio(referatTyping.processed.p95, plainTyping.processed.p95)}, next frame p95 ${ratio(referatTyping.frame.p95, plainTyping.frame.p95)}.`,
    `Both typed into ${plainTyping.sameParagraph ? 'the same paragraph' : 'a paragraph in the middle (the same text was not found as is in the plain editor)'}. Screenshot: test-output/bench-client-large-meeting.png`,
  ]);
} finally {
  await browser?.close();
  statics.close();
  await server.stop();
  await rm(stored.base, { recursive: true, force: true });
}
process.exit(0);
