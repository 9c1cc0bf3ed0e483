import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', include: ['tests/unit/**/*.test.ts', 'tests/diff/**/*.test.ts'] },
      },
      {
        // Playwright in Debian's Chromium against the built site: the global setup builds dist/
        // once and serves it (only when these tests are part of the run).
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/global-setup.ts'],
          hookTimeout: 180_000,
          // The page answers in milliseconds; the margin is for a loaded machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
})
