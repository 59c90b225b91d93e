import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests spawn the built binary, some dozens of times (the index faults); a
    // loaded 2-core machine took 20 to 54 s for some of them. Speed is the benchmark's
    // business, not a test's: the limit only stops a hang.
    testTimeout: 60_000,
  },
});
