#!/usr/bin/env bash
# Builds the sandbox cluster's binaries (etcd, kube-apiserver, kube-controller-manager,
# kubectl, kube-scheduler, kubelet, hostpathplugin, csi-provisioner, snapshot-controller,
# csi-snapshotter) from the
# pinned Go wrapper modules under test/sandbox/go/, and copies the CRDs the sandbox
# installs (snapshot.storage.k8s.io, ReferenceGrant) out of the module cache.
#
# Output: ${KUBECTL_CLONE_CACHE:-$HOME/.cache/kubectl-clone}/sandbox/<key>/{bin,crds}/
# where <key> hashes every go.mod, go.sum and .go file under go/, `go version`, the build
# flags, the target list and a layout number.
# A complete folder (marker file .complete, written last) is reused without building.
# Within a build, a binary whose own inputs (its family's go/<family> files, `go version`,
# flags, its target line) match one recorded in another complete folder (inputs/<binary>)
# is copied from there instead of linked again: a hostpath change relinks only hostpathplugin.
#
# Progress goes to stderr; the last line on stdout is the bin dir.
# Usage: build.sh [--print-key | --check]
#   --print-key  print the cache folder for the current inputs and exit
#   --check      exit 0 (printing the bin dir) if that folder is complete, 3 if not
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
godir="$here/go"

log() { printf '[sandbox build] %s\n' "$*" >&2; }
die() { printf '[sandbox build] ERROR: %s\n' "$*" >&2; exit 1; }

if ! command -v go >/dev/null 2>&1; then
  cat >&2 <<'EOF'
[sandbox build] ERROR: `go` was not found on PATH.
The sandbox cluster (etcd, kube-apiserver, kube-controller-manager, CSI sidecars) is built
from Go modules. Install Go 1.26 or newer (https://go.dev/dl/, or your package manager;
on Debian/Ubuntu: apt-get install golang-go if it is >= 1.26) and make sure `go version` works.
EOF
  exit 127
fi

go_version=$(GOTOOLCHAIN=local go version)
# The wrapper modules declare `go 1.26.0` (etcd 3.6.16, external-provisioner v6 and
# external-snapshotter v8 require it) and we build with GOTOOLCHAIN=local.
go_minor=$(sed -nE 's/.*go1\.([0-9]+).*/\1/p' <<<"$go_version")
if [[ -z "$go_minor" || "$go_minor" -lt 26 ]]; then
  die "found '$go_version'; the sandbox needs Go >= 1.26 (install a newer Go from https://go.dev/dl/)."
fi

k8s_version=$(sed -nE 's/^require k8s\.io\/kubernetes (v[0-9.]+)$/\1/p' "$godir/kubernetes/go.mod")
[[ -n "$k8s_version" ]] || die "cannot read the k8s.io/kubernetes version from $godir/kubernetes/go.mod"
k8s_minor=$(cut -d. -f2 <<<"$k8s_version")

ldflags="-s -w"
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $p.gitVersion=$k8s_version -X $p.gitMajor=1 -X $p.gitMinor=$k8s_minor"
  ldflags+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
done
export CGO_ENABLED=0 GOTOOLCHAIN=local GOFLAGS="-trimpath -buildvcs=false"

# Bump when the output layout changes (the key covers inputs and flags, not this script's text).
layout=1
# family|package|binary  (one wrapper module per tool family: their dependency versions clash)
targets=(
  "etcd|go.etcd.io/etcd/server/v3|etcd"
  "kubernetes|k8s.io/kubernetes/cmd/kube-apiserver|kube-apiserver"
  "kubernetes|k8s.io/kubernetes/cmd/kube-controller-manager|kube-controller-manager"
  "kubernetes|k8s.io/kubernetes/cmd/kubectl|kubectl"
  "kubernetes|k8s.io/kubernetes/cmd/kube-scheduler|kube-scheduler"
  "kubernetes|k8s.io/kubernetes/cmd/kubelet|kubelet"
  "hostpath|./cmd/hostpathplugin|hostpathplugin"
  "provisioner|github.com/kubernetes-csi/external-provisioner/v6/cmd/csi-provisioner|csi-provisioner"
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/v8/cmd/snapshot-controller|snapshot-controller"
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/v8/cmd/csi-snapshotter|csi-snapshotter"
)
# family|module|path inside the module (CRDs the sandbox installs)
crds=(
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/client/v8|config/crd/snapshot.storage.k8s.io_volumesnapshotclasses.yaml"
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/client/v8|config/crd/snapshot.storage.k8s.io_volumesnapshotcontents.yaml"
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/client/v8|config/crd/snapshot.storage.k8s.io_volumesnapshots.yaml"
  # snapshot-controller v8.7 waits for the v1 group-snapshot CRDs at start (VolumeGroupSnapshot is on by default)
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/client/v8|config/crd/groupsnapshot.storage.k8s.io_volumegroupsnapshotclasses.yaml"
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/client/v8|config/crd/groupsnapshot.storage.k8s.io_volumegroupsnapshotcontents.yaml"
  "snapshotter|github.com/kubernetes-csi/external-snapshotter/client/v8|config/crd/groupsnapshot.storage.k8s.io_volumegroupsnapshots.yaml"
  "provisioner|sigs.k8s.io/gateway-api|config/crd/standard/gateway.networking.k8s.io_referencegrants.yaml"
)

key=$(
  {
    for f in $(cd "$godir" && find . \( -name go.mod -o -name go.sum -o -name '*.go' \) | LC_ALL=C sort); do
      printf '%s\n' "$f"; cat "$godir/$f"
    done
    printf '%s\n' "layout=$layout" "$go_version" "$ldflags" "$GOFLAGS" "$CGO_ENABLED" "${targets[@]}" "${crds[@]}"
  } | sha256sum | cut -c1-16
)
cache_root="${KUBECTL_CLONE_CACHE:-$HOME/.cache/kubectl-clone}/sandbox"
out="$cache_root/$key"
bin="$out/bin"

case "${1:-}" in
  --print-key) echo "$out"; exit 0 ;;
  --check) if [[ -f "$out/.complete" ]]; then echo "$bin"; exit 0; else exit 3; fi ;;
  "") ;;
  *) die "unknown argument '$1' (use --print-key or --check)" ;;
esac

if [[ -f "$out/.complete" ]]; then
  log "binaries are up to date (key $key)"
  echo "$bin"
  exit 0
fi

mkdir -p "$cache_root"
# One build at a time per cache (a vitest globalSetup and `pnpm sandbox up` may race).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$cache_root/.build.lock"
  if ! flock -n 9; then
    beat=${KUBECTL_CLONE_BUILD_HEARTBEAT:-30}
    log "another build holds $cache_root/.build.lock; waiting for it (a heartbeat every $beat s)"
    wait_start=$SECONDS
    until flock -w "$beat" 9; do
      log "  ... still waiting for the other build to finish: $((SECONDS - wait_start))s"
    done
  fi
fi
if [[ -f "$out/.complete" ]]; then
  log "binaries were built by another process (key $key)"
  echo "$bin"
  exit 0
fi

rm -rf "$out"
mkdir -p "$bin" "$out/crds"
log "building into $out with $go_version"
log "GOMODCACHE=$(go env GOMODCACHE) GOCACHE=$(go env GOCACHE)"
log "a cold build downloads 1-2 GB of Go modules (first time only) and takes 15-25 min on 2 cores; a heartbeat line is printed every 30 s"

# target_inputs FAMILY TARGET: hash of what one binary is built from.
target_inputs() {
  {
    for f in $(cd "$godir/$1" && find . \( -name go.mod -o -name go.sum -o -name '*.go' \) | LC_ALL=C sort); do
      printf '%s\n' "$f"; cat "$godir/$1/$f"
    done
    printf '%s\n' "layout=$layout" "$go_version" "$ldflags" "$GOFLAGS" "$CGO_ENABLED" "$2"
  } | sha256sum | cut -c1-64
}
# reuse NAME HASH: copy NAME from another complete key folder built from the same inputs.
reuse() {
  local rec
  for rec in "$cache_root"/*/inputs/"$1"; do
    [[ -f "$rec" && "$(cat "$rec")" == "$2" ]] || continue
    local from; from=$(dirname "$(dirname "$rec")")
    [[ "$from" != "$out" && -f "$from/.complete" && -x "$from/bin/$1" ]] || continue
    cp "$from/bin/$1" "$bin/$1.tmp" && mv "$bin/$1.tmp" "$bin/$1" && { log "  same inputs as $(basename "$from"): copied"; return 0; }
  done
  return 1
}
mkdir -p "$out/inputs"

heartbeat_pid=""
stop_heartbeat() {
  if [[ -n "$heartbeat_pid" ]]; then
    kill "$heartbeat_pid" 2>/dev/null || true
    wait "$heartbeat_pid" 2>/dev/null || true
    heartbeat_pid=""
  fi
}
trap stop_heartbeat EXIT

total_start=$SECONDS
n=0
for t in "${targets[@]}"; do
  IFS='|' read -r family pkg name <<<"$t"
  n=$((n + 1))
  step_start=$SECONDS
  log "[$n/${#targets[@]}] $name  ($pkg, module go/$family)"
  inputs=$(target_inputs "$family" "$t")
  if reuse "$name" "$inputs"; then
    echo "$inputs" >"$out/inputs/$name"
    continue
  fi
  ( sp=""
    trap 'kill $sp 2>/dev/null; exit 0' TERM
    while :; do
      sleep 30 & sp=$!
      wait "$sp"
      printf '[sandbox build]   ... still building %s: %ss (total %ss)\n' \
        "$name" $((SECONDS - step_start)) $((SECONDS - total_start)) >&2
    done ) &
  heartbeat_pid=$!
  if ! (cd "$godir/$family" && go build -ldflags "$ldflags" -o "$bin/$name" "$pkg"); then
    stop_heartbeat
    die "building $name failed (module $godir/$family); see the compiler output above"
  fi
  stop_heartbeat
  echo "$inputs" >"$out/inputs/$name"
  log "[$n/${#targets[@]}] $name done in $((SECONDS - step_start))s (total $((SECONDS - total_start))s)"
done

for c in "${crds[@]}"; do
  IFS='|' read -r family module path <<<"$c"
  dir=$(cd "$godir/$family" && go mod download -json "$module" | sed -nE 's/^[[:space:]]*"Dir": "(.*)",?$/\1/p')
  [[ -n "$dir" && -f "$dir/$path" ]] || die "CRD $path not found in module $module (dir '$dir')"
  cp "$dir/$path" "$out/crds/$(basename "$path")"
done
chmod u+w "$out/crds"/*.yaml

{
  echo "key=$key"
  echo "go=$go_version"
  echo "kubernetes=$k8s_version"
  echo "built_seconds=$((SECONDS - total_start))"
  echo "built_at=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} >"$out/build-info"
touch "$out/.complete"
log "all ${#targets[@]} binaries built in $((SECONDS - total_start))s"
echo "$bin"
