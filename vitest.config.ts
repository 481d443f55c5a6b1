import { defineConfig } from 'vitest/config';

const shared = {
  testTimeout: 60_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  // Conditions across browsers and servers settle at machine speed; a loaded
  // CI runner needs more than the 1 s default. Still a wait on a condition.
  expect: { poll: { timeout: 10_000 } },
};

// Separate from vite.config.ts, whose root is the client folder. Three speeds
// (docs/design.md, practice 12; docs/testing.md): `unit` is pure modules, no
// server and no browser (`npm run test:unit`, seconds); `integration` starts
// real servers in process or as child processes; `browser` drives Chromium.
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: {
          ...shared,
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/reliability/**/*.test.ts'],
        },
      },
      { test: { ...shared, name: 'browser', include: ['test/browser/**/*.test.ts'] } },
    ],
  },
});
