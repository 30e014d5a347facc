import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'protocol-schema/src/**/*.test.ts',
      'packages/*/src/**/*.test.ts',
      'examples/*/src/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/dist/**', 'test/fixtures/**'],
    pool: 'forks',
    globalSetup: ['test/support/temp-root.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
