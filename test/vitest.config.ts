import { defineConfig } from "vitest/config";

// Each project starts ONE sandbox cluster in its globalSetup and shares it between its test
// files; each test works in its own namespace. Starting a plane takes ~10-30 s (plus a one-time
// build of the binaries, see sandbox/README.md), so hooks get long timeouts.
//   sandbox                 default profile: every e2e/**/*.test.ts outside e2e/cross-namespace/, and
//                           release/**/*.sandbox.test.ts (a clone through the krew-installed release)
//   sandbox-cross-namespace CrossNamespaceVolumeDataSource on: e2e/cross-namespace/**/*.test.ts
//   sandbox-faults          e2e/faults/**/*.test.ts: each file starts its OWN sandbox in the test
//                           process (it kills, restarts and pauses processes), no globalSetup
//   sandbox-node            e2e/node/**/*.test.ts: a sandbox with a node (containerd, kubelet,
//                           scheduler): pods run and mount clones; needs root
//   sandbox-node-faults     e2e/node-faults/**/*.test.ts: each file starts its OWN node sandbox
//                           (it restarts the kubelet, stops containerd); needs root
//   sandbox-cli             e2e/sandbox-cli/**/*.test.ts: the sandbox's own CLI and build script
//                           (pointers, hints, lock heartbeat), no cluster
//   robustness              robustness/**/*.test.ts: the built CLI on hostile inputs, no cluster
//   release                 release/**/*.test.ts: what `pnpm release` wrote, installed with the real
//                           krew, npm, pre-commit and code-server; its globalSetup makes the release
//                           if stale and builds krew (test/krew/build.sh)
// `vitest run --project sandbox` runs only the first (and starts only its cluster).
export default defineConfig({
  test: {
    hookTimeout: 180_000,
    testTimeout: 180_000,
    teardownTimeout: 60_000,
    // Tests share a cluster; files run one after another to keep a 2-core CI machine calm.
    fileParallelism: false,
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "sandbox",
          include: ["e2e/**/*.test.ts", "release/**/*.sandbox.test.ts"],
          exclude: ["e2e/cross-namespace/**", "e2e/faults/**", "e2e/node/**", "e2e/node-faults/**", "e2e/sandbox-cli/**"],
          globalSetup: ["./e2e/support/global-setup.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sandbox-cross-namespace",
          include: ["e2e/cross-namespace/**/*.test.ts"],
          globalSetup: ["./e2e/support/global-setup-cross-namespace.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sandbox-faults",
          include: ["e2e/faults/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sandbox-node",
          include: ["e2e/node/**/*.test.ts"],
          globalSetup: ["./e2e/support/global-setup-node.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sandbox-node-faults",
          include: ["e2e/node-faults/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "sandbox-cli",
          include: ["e2e/sandbox-cli/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "robustness",
          include: ["robustness/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "release",
          include: ["release/**/*.test.ts"],
          exclude: ["release/**/*.sandbox.test.ts"],
          globalSetup: ["./release/global-setup.ts"],
        },
      },

    ],
  },
});
