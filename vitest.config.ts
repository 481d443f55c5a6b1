import { defineConfig } from 'vitest/config';

// Separate from vite.config.ts, whose root is the client folder.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Conditions across browsers and servers settle at machine speed; a loaded
    // CI runner needs more than the 1 s default. Still a wait on a condition.
    expect: { poll: { timeout: 10_000 } },
  },
});
