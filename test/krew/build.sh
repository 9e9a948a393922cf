#!/usr/bin/env bash
# Builds krew (the kubectl plugin manager, as `kubectl-krew`) and krew's manifest validator
# (`validate-krew-manifest`) from the pinned Go wrapper module in go/, for the release tests.
#
# Output: ${KUBECTL_CLONE_CACHE:-$HOME/.cache/kubectl-clone}/krew/<key>/ where <key> hashes
# go.mod, go.sum and the .go files under go/, `go version` and the build flags; a complete folder
# (marker .complete, written last) is reused without building. The last line on stdout is the folder.
# Usage: build.sh [--check]   (--check: exit 0 printing the folder if it is complete, 3 if not)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
godir="$here/go"
log() { printf '[krew build] %s\n' "$*" >&2; }
command -v go >/dev/null 2>&1 || { log "ERROR: go was not found on PATH (krew is built from its Go module; install Go >= 1.26)"; exit 127; }

export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-trimpath -buildvcs=false"
ldflags="-s -w -X sigs.k8s.io/krew/internal/version.gitTag=v0.4.3"
targets=("sigs.k8s.io/krew/cmd/krew|kubectl-krew" "sigs.k8s.io/krew/cmd/validate-krew-manifest|validate-krew-manifest")
key=$(
  {
    for f in $(cd "$godir" && find . \( -name go.mod -o -name go.sum -o -name '*.go' \) | LC_ALL=C sort); do
      printf '%s\n' "$f"; cat "$godir/$f"
    done
    printf '%s\n' "$(go version)" "$ldflags" "$GOFLAGS" "${targets[@]}"
  } | sha256sum | cut -c1-16
)
out="${KUBECTL_CLONE_CACHE:-$HOME/.cache/kubectl-clone}/krew/$key"
if [[ "${1:-}" == --check ]]; then
  if [[ -f "$out/.complete" ]]; then echo "$out"; exit 0; else exit 3; fi
fi
if [[ -f "$out/.complete" ]]; then echo "$out"; exit 0; fi

mkdir -p "$(dirname "$out")"
exec 9>"$(dirname "$out")/.build.lock"
flock 9
if [[ -f "$out/.complete" ]]; then echo "$out"; exit 0; fi
rm -rf "$out"; mkdir -p "$out"
started=$SECONDS
for t in "${targets[@]}"; do
  IFS='|' read -r pkg name <<<"$t"
  log "building $name ($pkg)"
  (cd "$godir" && go build -ldflags "$ldflags" -o "$out/$name" "$pkg") || { log "ERROR: building $name failed; see the compiler output above"; exit 1; }
done
touch "$out/.complete"
log "built in $((SECONDS - started))s into $out"
echo "$out"
