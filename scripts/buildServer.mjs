// @ts-check
/**
 * Builds the server into plain JavaScript that `node` runs without tsx:
 *
 *   node scripts/buildServer.mjs [outdir]      (default dist/server; `npm run build:server`)
 *
 * esbuild bundles server/main.ts and the CPU pool's worker
 * (server/resources/jobs/worker.ts) side by side into `outdir` as main.js and
 * worker.js, with the code they share and what they load lazily (the PDF and
 * Word renderers) in chunks beside them. The compiled CpuPool starts its
 * workers from `./worker.js` next to itself, so every output file stays in
 * one folder.
 *
 * The packages are bundled too: Node's ESM loader resolving, reading and
 * linking several hundred files of node_modules one by one was the larger
 * part of the start-up (modules ready after about 560 ms, against 340 ms
 * bundled; bench/README.md, "Restart to synced"). Not bundled are packages that read their own
 * files at run time (pdfkit's font metrics) and ws's optional native
 * add-ons; they, and the DejaVu fonts the PDF export resolves through their
 * package, come from node_modules as installed, so `outdir` must lie where
 * node_modules is found (inside the repo).
 */
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const outdir = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'server'));

await rm(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { main: 'server/main.ts', worker: 'server/resources/jobs/worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['pdfkit', 'bufferutil', 'utf-8-validate'],
  // Bundled CommonJS packages (nodemailer, ws) call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Stack traces point at the TypeScript with `node --enable-source-maps`.
  sourcemap: 'linked',
  logLevel: 'warning',
});
