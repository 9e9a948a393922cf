#!/usr/bin/env bash
# The GitHub Action's step (action.yml): fetch the release's standalone executable for the runner,
# check it against SHA256SUMS, lint, write SARIF. Inputs come as KC_* variables; RUNNER_OS,
# RUNNER_ARCH, RUNNER_TEMP and GITHUB_OUTPUT are the runner's. test/release/action.test.ts runs it.
set -euo pipefail
version=${KC_VERSION#v}
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]] || { echo "::error::kubectl-clone lint: input 'version' must be a release such as 0.1.0 (got '${KC_VERSION}'); set it when the action is not used at a release tag"; exit 2; }
case "${RUNNER_OS}/${RUNNER_ARCH}" in
  Linux/X64) platform=linux-amd64 exe=kubectl-clone ;;
  Linux/ARM64) platform=linux-arm64 exe=kubectl-clone ;;
  # Apple-silicon runners run the x86-64 executable through Rosetta 2 (see README "Install")
  macOS/X64 | macOS/ARM64) platform=darwin-amd64 exe=kubectl-clone ;;
  Windows/X64) platform=windows-amd64 exe=kubectl-clone.exe ;;
  *) echo "::error::kubectl-clone lint: no release executable for runner ${RUNNER_OS}/${RUNNER_ARCH}"; exit 2 ;;
esac
archive="kubectl-clone-v${version}-${platform}.tar.gz"
dir="${RUNNER_TEMP}/kubectl-clone-${version}"
mkdir -p "$dir"
curl -fsSL --retry 3 --max-time 300 -o "$dir/$archive" "${KC_RELEASE_URL}/v${version}/${archive}"
curl -fsSL --retry 3 --max-time 60 -o "$dir/SHA256SUMS" "${KC_RELEASE_URL}/v${version}/SHA256SUMS"
if command -v sha256sum >/dev/null; then sum=(sha256sum); else sum=(shasum -a 256); fi
(cd "$dir" && grep "  ${archive}\$" SHA256SUMS | "${sum[@]}" -c -) || { echo "::error::kubectl-clone lint: ${archive} does not match the release's SHA256SUMS"; exit 2; }
tar xzf "$dir/$archive" -C "$dir"
read -r -a paths <<<"$KC_PATHS"
status=0
"$dir/$exe" lint -o sarif "${paths[@]}" >"$KC_SARIF" || status=$?
echo "sarif=$KC_SARIF" >>"$GITHUB_OUTPUT"
# exit 1: findings (the SARIF holds them); anything else: the lint could not run
if [[ $status -ne 0 && $status -ne 1 ]]; then exit "$status"; fi
"$dir/$exe" lint "${paths[@]}" || true
if [[ $status -eq 1 && "$KC_FAIL_ON_FINDINGS" == true ]]; then exit 1; fi
exit 0
