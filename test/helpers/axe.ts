import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AxeResults, Result } from 'axe-core';
import type { Page } from 'playwright-core';

/** What WCAG 2.1 AA asks of a page, as axe-core tags its rules. */
export const WCAG_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * axe files the page-structure rules (one main landmark, one banner, unique
 * landmark labels, content inside landmarks, heading order, empty table
 * headers) under `best-practice`, not under a WCAG tag; they are how a
 * screen-reader user finds their way (WCAG 1.3.1, 2.4.1), so they run too.
 */
export const AXE_TAGS = [...WCAG_AA_TAGS, 'best-practice'];

let source: Promise<string> | undefined;

/** axe-core's browser bundle, read once from the package (no network, no CDN). */
function axeSource(): Promise<string> {
  source ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return source;
}

/**
 * Runs axe-core on the page as it stands, with the WCAG 2.0/2.1 A and AA
 * rules (and the structure rules above) and nothing excluded, and returns
 * its violations. The script is
 * injected into the page itself (not an isolated world), so axe sees the
 * same DOM, styles and ARIA the reader's assistive technology does.
 */
export async function axeViolations(page: Page, tags = AXE_TAGS): Promise<Result[]> {
  const script = await axeSource();
  await page.evaluate(script);
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(o: unknown): Promise<AxeResults> } }).axe.run({
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      }),
    tags,
  );
  return results.violations;
}

/** One entry per violated rule: its id, impact, how many nodes and their selectors. */
export function describeViolations(violations: Result[]): string[] {
  return violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}, ${v.nodes.length}): ${v.help}\n` +
      v.nodes
        .slice(0, 8)
        .map((n) => `    ${n.target.join(' ')}${n.failureSummary ? ` – ${firstLine(n)}` : ''}`)
        .join('\n'),
  );
}

const firstLine = (node: Result['nodes'][number]) =>
  (node.failureSummary ?? '').split('\n').slice(1, 2).join('').trim();
