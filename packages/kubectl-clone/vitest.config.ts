import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the CLI tests run the built bundle, as a user would
    globalSetup: ['./test/build-bundle.ts'],
    testTimeout: 20_000,
  },
});
