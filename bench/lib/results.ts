import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const RESULTS_DIR = path.join(import.meta.dirname, '..', 'results');

/** The machine a figure was measured on, printed above every results table. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${new Date().toISOString()}, ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}`;
}

/** Writes `<name>.json` (the figures) and `<name>.md` (the table a person reads), and prints the table. */
export async function writeResults(name: string, data: unknown, markdown: string[]) {
  await mkdir(RESULTS_DIR, { recursive: true });
  await writeFile(path.join(RESULTS_DIR, `${name}.json`), JSON.stringify(data, null, 2) + '\n');
  await writeFile(path.join(RESULTS_DIR, `${name}.md`), markdown.join('\n') + '\n');
  process.stdout.write('\n' + markdown.join('\n') + '\n');
  process.stdout.write(`\nwritten to bench/results/${name}.json and ${name}.md\n`);
}
