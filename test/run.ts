/**
 * The whole test suite, as `npm test` runs it:
 *   format check -> type check -> import rules -> client build -> vitest (unit, integration, browser)
 *   -> the benchmarks' own dependencies and type check -> each benchmark in smoke mode
 * and a closing line `N passed, N failed` (each check step and each smoke run counts as one).
 * Skipped tests count as failures: a browser suite that silently skips is not green.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BENCHMARKS } from '../bench/lib/benchmarks.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'test-output');
let passed = 0;
let failed = 0;

function run(name: string, command: string, args: string[]): boolean {
  process.stdout.write(`\n=== ${name}: ${command} ${args.join(' ')}\n`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', env: process.env });
  return result.status === 0;
}

function step(name: string, command: string, args: string[]) {
  if (run(name, command, args)) passed++;
  else {
    failed++;
    process.stdout.write(`--- ${name} FAILED\n`);
  }
}

/**
 * System tools the tests use: Debian's Chromium (browser tests) and
 * poppler-utils (pdftotext, pdftoppm for the PDF export). Installed here when
 * missing and we may (root + apt); otherwise those tests fail loudly.
 */
function ensureSystemTools() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
  const missing = [
    ...(existsSync(chromium) ? [] : ['chromium']),
    ...(has('pdftotext') && has('pdftoppm') ? [] : ['poppler-utils']),
  ];
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    run(`install ${missing.join(' ')}`, 'bash', [
      '-c',
      `apt-get update -qq && apt-get install -y -qq ${missing.join(' ')}`,
    ]);
  }
  if (!existsSync(chromium) || !has('pdftotext')) {
    process.stdout.write(
      `Missing ${missing.join(', ')}; the browser / PDF tests will fail (apt-get install ${missing.join(' ')}).\n`,
    );
  }
}

mkdirSync(OUT, { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
step('format', npx, ['prettier', '--check', '.']);
step('typecheck', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']);
step('import rules', process.execPath, ['--import', 'tsx', 'test/tools/importRules.ts']);
step('build client', npx, ['vite', 'build', '--logLevel', 'warn']);
ensureSystemTools();

const report = path.join(OUT, 'vitest.json');
run('tests', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${report}`,
]);
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: unknown[] }[];
  };
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  skipped = json.numPendingTests + json.numTodoTests;
  // A file that failed to load has no test results but must count.
  failed += json.testResults.filter(
    (f) => f.status === 'failed' && f.assertionResults.length === 0,
  ).length;
} catch {
  failed++;
  process.stdout.write('--- could not read the vitest report\n');
}
if (skipped > 0) {
  process.stdout.write(`--- ${skipped} tests skipped; skipped tests count as failed\n`);
  failed += skipped;
}

// The benchmarks, so that one that rotted fails here: each runs end to end at
// tiny sizes for a few seconds and fails when it measured nothing. Their
// figures go to bench/results/smoke/, never over the real ones.
step('bench install', npm, ['run', '--silent', 'bench:install']);
step('bench typecheck', npx, ['tsc', '--noEmit', '-p', 'bench']);
for (const { name, script } of BENCHMARKS) {
  step(`bench smoke: ${name}`, process.execPath, ['--import', 'tsx', script, '--smoke']);
}

process.stdout.write(`\n${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
