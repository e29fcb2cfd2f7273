import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // SQLite files and the shared PostgreSQL database are per-test-file; forks keep native handles apart.
    pool: 'forks',
  },
});
