#!/usr/bin/env bash
# Put the bundled CLI on PATH as `kubectl-clone`, so `kubectl clone ...` finds it (kubectl runs
# any executable named kubectl-<name> on PATH as `kubectl <name>`).
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-${KUBECTL_PLUGIN_DIR:-$HOME/.local/bin}}
bundle=packages/kubectl-clone/dist/kubectl-clone.cjs
[ -f "$bundle" ] || { echo "install-plugin: $bundle is missing: run 'npx -y pnpm@9.15.9 build' first" >&2; exit 1; }
mkdir -p "$bin_dir"
install -m 0755 "$bundle" "$bin_dir/kubectl-clone"
echo "installed $bin_dir/kubectl-clone"
case ":$PATH:" in
  *":$bin_dir:"*) echo "try: kubectl clone --help" ;;
  *) echo "add it to PATH: export PATH=\"$bin_dir:\$PATH\"   then: kubectl clone --help" ;;
esac
