import path from 'node:path';
import { defineConfig } from 'vite';

// Built by bench/client.ts into bench/plain-tiptap/dist (not committed).
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  build: { outDir: path.join(import.meta.dirname, 'dist'), emptyOutDir: true, target: 'es2022' },
});
