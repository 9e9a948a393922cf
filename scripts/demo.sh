#!/usr/bin/env bash
# `pnpm demo` (which builds the bundle first): the main job.
#  - live, on the sandbox cluster (a real one-node cluster built from Go modules), when Go >= 1.26
#    is installed and we are root: an app writes files to its claim, `kubectl clone pvc` copies
#    it, a second app reads the same files through its own pod, the source changes and the clone
#    does not;
#  - offline otherwise (or with --offline): lint the shipped examples, fix a copy, plan a clone.
# The first line says which one runs and why.
set -uo pipefail
cd "$(dirname "$0")/.."
bundle=packages/kubectl-clone/dist/kubectl-clone.cjs
cli=(node "$bundle")
[ -f "$bundle" ] || { echo "demo: the CLI is not built: run 'npx -y pnpm@9.15.9 build'" >&2; exit 1; }
# bold only on a terminal (and never with NO_COLOR): a log file or a pipe gets plain text
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold="" plain=""; fi
step() { printf '\n%s$ %s%s\n' "$bold" "$*" "$plain"; }

offline() {
  step kubectl clone lint examples/
  "${cli[@]}" lint examples/
  local status=$?
  if [ "$status" -ne 1 ]; then
    echo "demo: expected exit code 1 (examples/mistakes holds errors), got $status" >&2
    exit 1
  fi
  echo "(exit code $status: errors found, as expected in examples/mistakes)"

  cp examples/mistakes/*.yaml examples/source/data-pvc.yaml "$work/"
  step kubectl clone lint --fix "$work/"
  "${cli[@]}" lint --fix "$work/"
  echo "(what --fix changed, comments kept:)"
  for file in examples/mistakes/*.yaml; do
    diff -u --label "a/$file" --label "b/$file" "$file" "$work/$(basename "$file")"
  done

  step kubectl clone pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml
  "${cli[@]}" pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml || exit 1

  step kubectl clone pvc data -f examples/source/data-pvc.yaml --size 3000Mi
  "${cli[@]}" pvc data -f examples/source/data-pvc.yaml --size 3000Mi
  echo "(exit code $?: refused before anything is written)"
}

# Prints the command, runs it, fails the demo if it fails.
run() { step "$*"; "$@" || { echo "demo: '$*' failed" >&2; exit 1; }; }

sandbox=(node_modules/.bin/tsx test/sandbox/src/cli.ts)
live() {
  if [ -z "${KUBECTL_CLONE_SANDBOX_BIN:-}" ] && ! bash test/sandbox/build.sh --check >/dev/null 2>&1; then
    echo "demo: first run on this machine: building the sandbox cluster from Go modules takes about 15-25 min"
    echo "      on 2 cores (once; cached in ~/.cache/kubectl-clone/sandbox). Build progress follows."
  fi
  # its own pointer: `down` below stops this cluster, never another checkout's
  export KUBECTL_CLONE_SANDBOX_NAME=demo
  "${sandbox[@]}" down >/dev/null 2>&1
  echo "demo: starting the sandbox cluster (etcd, kube-apiserver, controllers, CSI driver, containerd, kubelet)"
  "${sandbox[@]}" up >"$work/env" || exit 1
  trap '"${sandbox[@]}" down >/dev/null 2>&1; rm -rf "$work"' EXIT
  # shellcheck disable=SC1091
  . "$work/env"
  mkdir -p "$work/bin"
  printf '#!/bin/sh\nexec node %q "$@"\n' "$PWD/$bundle" >"$work/bin/kubectl-clone"
  chmod +x "$work/bin/kubectl-clone"
  export PATH="$work/bin:$PATH" # kubectl finds kubectl-clone: `kubectl clone ...`

  run kubectl create namespace shop
  step "kubectl apply -n shop -f -   # claim data + Deployment writer, which writes orders.txt"
  kubectl apply -n shop -f - <<'YAML' || exit 1
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 16Mi}}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: writer}
spec:
  selector: {matchLabels: {app: writer}}
  template:
    metadata: {labels: {app: writer}}
    spec:
      containers:
      - name: app
        image: kubectl-clone.local/busybox:sandbox
        imagePullPolicy: Never
        command: [sh, -c, "echo order-1 > /data/orders.txt; trap 'exit 0' TERM; while true; do sleep 1; done"]
        volumeMounts: [{name: data, mountPath: /data}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]
YAML
  run kubectl rollout status deploy/writer -n shop --timeout=180s
  run kubectl exec -n shop deploy/writer -- cat /data/orders.txt

  run kubectl clone pvc data data-copy -n shop

  step "kubectl apply -n shop -f -   # Pod reader, which mounts the clone"
  kubectl apply -n shop -f - <<'YAML' || exit 1
apiVersion: v1
kind: Pod
metadata: {name: reader}
spec:
  containers:
  - name: app
    image: kubectl-clone.local/busybox:sandbox
    imagePullPolicy: Never
    command: [sh, -c, "trap 'exit 0' TERM; while true; do sleep 1; done"]
    volumeMounts: [{name: data, mountPath: /data}]
  volumes: [{name: data, persistentVolumeClaim: {claimName: data-copy}}]
YAML
  run kubectl wait --for=condition=Ready pod/reader -n shop --timeout=180s
  run kubectl exec -n shop reader -- cat /data/orders.txt
  step "kubectl exec -n shop deploy/writer -- sh -c 'echo order-2 >> /data/orders.txt; cat /data/orders.txt'"
  kubectl exec -n shop deploy/writer -- sh -c 'echo order-2 >> /data/orders.txt; cat /data/orders.txt' || exit 1
  step "kubectl exec -n shop reader -- cat /data/orders.txt   # the clone did not change"
  local copy
  copy=$(kubectl exec -n shop reader -- cat /data/orders.txt) || exit 1
  echo "$copy"
  [ "$copy" = "order-1" ] || { echo "demo: the clone changed with its source" >&2; exit 1; }
  echo
  echo "demo: done (live, on the sandbox cluster); it is stopped now."
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mode=live
if [ "${1:-}" = "--offline" ]; then
  mode=offline why="--offline was given"
elif ! command -v go >/dev/null 2>&1; then
  mode=offline why="no Go on PATH; the sandbox cluster is built from Go modules (Go >= 1.26)"
elif [ "$(GOTOOLCHAIN=local go version | sed -nE 's/.*go1\.([0-9]+).*/\1/p')" -lt 26 ] 2>/dev/null; then
  mode=offline why="$(go version) is older than the Go 1.26 the sandbox cluster needs"
elif [ "$(id -u)" != 0 ]; then
  mode=offline why="not root; the sandbox's node mounts volumes and runs containers"
fi
if [ "$mode" = live ]; then
  echo "demo: live, on the sandbox cluster (a one-node Kubernetes built from Go modules on this machine)"
  live
else
  echo "demo: offline (lint, fix, plan; no cluster): $why"
  offline
fi
exit 0
