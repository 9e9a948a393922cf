import { defineConfig } from "vitest/config";

// One sandbox cluster per run (default profile), started by the globalSetup and shared by
// every test file; each test works in its own namespace. Starting the plane takes ~15-30 s
// (plus a one-time build of the binaries, see sandbox/README.md), so hooks get long timeouts.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    globalSetup: ["./e2e/support/global-setup.ts"],
    hookTimeout: 180_000,
    testTimeout: 180_000,
    teardownTimeout: 60_000,
    // Tests share one cluster; files run one after another to keep a 2-core CI machine calm.
    fileParallelism: false,
    pool: "forks",
  },
});
