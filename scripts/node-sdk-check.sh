#!/usr/bin/env bash
# node-sdk-check.sh shows that a non-Go client reaches the containerised fake
# server from the host: it starts the image with a published port, installs
# Tencent's Node.js SMS SDK into a temporary directory (npm registry), and
# sends one SMS with it to the endpoint Docker prints, 127.0.0.1:PORT.
#
# Usage: scripts/node-sdk-check.sh [IMAGE]   (default notifier-fakeserver:dev,
#        built by scripts/build-image.sh)
#
# The Node SDK takes the signing service from the endpoint's first DNS label,
# so "127.0.0.1:PORT" signs for service "127"; the fake server accepts that.
# "sms.localhost:PORT" would be the faithful name but does not resolve on
# every machine (it does not on Debian without systemd-resolved).
set -euo pipefail

image="${1:-notifier-fakeserver:dev}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"
name="notifier-node-check-$$"
cleanup() {
  docker rm -f "$name" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

docker run -d --name "$name" -p 127.0.0.1::8080 "$image" >/dev/null
endpoint="$(docker port "$name" 8080/tcp | head -n 1)"
echo "container $name listening on $endpoint"

(cd "$work" && npm install --silent --no-audit --no-fund tencentcloud-sdk-nodejs-sms >/dev/null)
for _ in $(seq 1 50); do
  curl -fsS "http://$endpoint/_fake/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
NODE_PATH="$work/node_modules" node "$here/node-sendsms.js" "$endpoint"
echo "held by the server:"
curl -fsS "http://$endpoint/_fake/messages"
