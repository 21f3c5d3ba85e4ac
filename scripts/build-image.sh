#!/usr/bin/env bash
# build-image.sh builds the fake server's static binary on the host and then the
# FROM scratch image around it, without pulling anything from a registry.
#
# Usage: scripts/build-image.sh [IMAGE_REPO]   (default notifier-fakeserver)
#
# It tags the image IMAGE_REPO:dev and IMAGE_REPO:bin-<first 12 hex digits of
# the binary's SHA-256>. The binary is reproducible (-trimpath, no cgo), so the
# content tag changes only when the server's code or the Go toolchain does.
# GOARCH follows the Docker daemon's architecture; set GOARCH to override.
# The tag nethttpomithttp2 drops net/http's bundled HTTP/2, which a plain
# HTTP/1.1 server never negotiates (about 0.55 MB of the binary).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image_repo="${1:-notifier-fakeserver}"
cd "$repo_root"

if [[ -z "${GOARCH:-}" ]]; then
  GOARCH="$(docker version --format '{{.Server.Arch}}' 2>/dev/null || true)"
  GOARCH="${GOARCH:-$(go env GOARCH)}"
fi

echo "building dist/fakeserver (linux/${GOARCH}, static)"
mkdir -p dist
CGO_ENABLED=0 GOOS=linux GOARCH="$GOARCH" \
  go build -trimpath -tags nethttpomithttp2 -ldflags '-s -w' -o dist/fakeserver ./cmd/fakeserver

hash="$(sha256sum dist/fakeserver | cut -c1-12)"
echo "building image ${image_repo}:dev and ${image_repo}:bin-${hash}"
docker build --quiet -t "${image_repo}:dev" -t "${image_repo}:bin-${hash}" . >/dev/null

docker image ls "${image_repo}"
