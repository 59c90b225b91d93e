import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // End-to-end tests spawn the built binary; give slow machines room.
    testTimeout: 20_000,
  },
});
