#!/usr/bin/env bash
# The main job, offline: lint the shipped examples, fix a copy, and plan a clone from a source
# claim's manifest. Run through `pnpm demo` (which builds the bundle first).
set -uo pipefail
cd "$(dirname "$0")/.."
cli=(node packages/kubectl-clone/dist/kubectl-clone.cjs)
[ -f packages/kubectl-clone/dist/kubectl-clone.cjs ] || { echo "demo: the CLI is not built: run 'npx -y pnpm@9.15.9 build'" >&2; exit 1; }
# bold only on a terminal (and never with NO_COLOR): a log file or a pipe gets plain text
if [ -t 1 ] && [ -z "${NO_COLOR:-}" ]; then bold=$'\033[1m' plain=$'\033[0m'; else bold='' plain=''; fi
step() { printf '\n%s$ kubectl clone %s%s\n' "$bold" "$*" "$plain"; }

step lint examples/
"${cli[@]}" lint examples/
status=$?
if [ "$status" -ne 1 ]; then
  echo "demo: expected exit code 1 (examples/mistakes holds errors), got $status" >&2
  exit 1
fi
echo "(exit code $status: errors found, as expected in examples/mistakes)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp examples/mistakes/*.yaml examples/source/data-pvc.yaml "$work/"
step lint --fix "$work/"
"${cli[@]}" lint --fix "$work/"
echo "(what --fix changed, comments kept:)"
for file in examples/mistakes/*.yaml; do
  diff -u --label "a/$file" --label "b/$file" "$file" "$work/$(basename "$file")"
done

step pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml
"${cli[@]}" pvc data -f examples/source/data-pvc.yaml --dry-run=client -o yaml || exit 1

step pvc data -f examples/source/data-pvc.yaml --size 3000Mi
"${cli[@]}" pvc data -f examples/source/data-pvc.yaml --size 3000Mi
echo "(exit code $?: refused before anything is written)"
exit 0
