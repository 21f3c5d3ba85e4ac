#!/usr/bin/env bash
# node-fakeserver-check.sh runs scripts/node-fakeserver-check.js, Tencent's
# official Node.js SMS SDK against the fake server built from this tree: once
# against a permissive server and once against a fresh -strict one. It needs
# go, node and npm (the SDK is installed from the npm registry into a
# temporary directory; nothing is written to the repository). Not run by CI.
#
# Usage: scripts/node-fakeserver-check.sh
# Environment: NODE_SDK_VERSION (default 4.1.306).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
version="${NODE_SDK_VERSION:-4.1.306}"
work="$(mktemp -d)"
pids=()
addr=""
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && go build -o "$work/fakeserver" ./cmd/fakeserver)
(cd "$work" && npm install --silent --no-audit --no-fund "tencentcloud-sdk-nodejs-sms@$version" >/dev/null)

# start runs the fake server on a free loopback port with the given flags
# and sets addr to its HOST:PORT, read from the banner.
start() {
  local log="$work/server-${#pids[@]}.log"
  "$work/fakeserver" -addr 127.0.0.1:0 "$@" >"$log" 2>&1 &
  pids+=("$!")
  addr=""
  for _ in $(seq 1 100); do
    addr="$(sed -n 's|.*listening on http://\([0-9.]*:[0-9]*\).*|\1|p' "$log" | head -n 1)"
    if [ -n "$addr" ]; then return; fi
    sleep 0.05
  done
  echo "fake server did not start:" >&2
  cat "$log" >&2
  exit 1
}

status=0
start
echo "== permissive server on $addr"
NODE_PATH="$work/node_modules" node "$here/node-fakeserver-check.js" "$addr" || status=1
start -strict
echo "== strict server on $addr"
NODE_PATH="$work/node_modules" node "$here/node-fakeserver-check.js" "$addr" strict || status=1
exit "$status"
