import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts, whose root is the client folder.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
