#!/usr/bin/env bash
# Put the CLI on PATH as `kubectl-clone`, so `kubectl clone ...` finds it (kubectl runs any
# executable named kubectl-<name> on PATH as `kubectl <name>`). The CLI is three bundled files
# that load each other by relative path: they go into a lib folder, and the PATH entry is a
# symlink to the entry file (Node resolves the link, so the siblings are found).
# Usage: install-plugin.sh [BIN_DIR [LIB_DIR]]   (default ~/.local/bin and ~/.local/lib/kubectl-clone)
set -euo pipefail
cd "$(dirname "$0")/.."
bin_dir=${1:-${KUBECTL_PLUGIN_DIR:-$HOME/.local/bin}}
lib_dir=${2:-$(dirname "$bin_dir")/lib/kubectl-clone}
dist=packages/kubectl-clone/dist
for part in kubectl-clone.cjs clone-offline.cjs clone-cluster.cjs; do
  [ -f "$dist/$part" ] || { echo "install-plugin: $dist/$part is missing: run 'npx -y pnpm@9.15.9 build' first" >&2; exit 1; }
done
mkdir -p "$bin_dir" "$lib_dir"
install -m 0755 "$dist/kubectl-clone.cjs" "$lib_dir/kubectl-clone.cjs"
install -m 0644 "$dist/clone-offline.cjs" "$dist/clone-cluster.cjs" "$lib_dir/"
ln -sfn "$(cd "$lib_dir" && pwd)/kubectl-clone.cjs" "$bin_dir/kubectl-clone"
# kubectl's completion hook for the plugin: `kubectl clone <TAB>`
install -m 0755 scripts/kubectl_complete-clone "$bin_dir/kubectl_complete-clone"
echo "installed $bin_dir/kubectl-clone -> $lib_dir/kubectl-clone.cjs, and $bin_dir/kubectl_complete-clone"
case ":$PATH:" in
  *":$bin_dir:"*) echo "try: kubectl clone --help   (shell completion: source <(kubectl-clone completion bash))" ;;
  *) echo "add it to PATH: export PATH=\"$bin_dir:\$PATH\"   then: kubectl clone --help" ;;
esac
