#!/usr/bin/env bash
# scripts/test.sh — the repository's one test command: gofmt over the tree,
# then `go vet ./...` and `go test -race -count=1 ./...` in every Go module
# (each committed go.mod, the core first), run from the module's directory so
# that each module builds on its own, as its users build it. -count=1 because
# a cached "skipping: Docker is not usable" is not a result. Without
# arguments it then runs every benchmark once (-benchtime 1x), so that they
# keep working; arguments are passed to every go test instead, e.g.
# scripts/test.sh -run Contract -v.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# modules prints the directory of every Go module, "." first. Committed
# go.mod files decide, so a scratch module in the tree is not tested; outside
# a git checkout (an unpacked archive) every go.mod counts.
modules() {
  local files
  if files="$(git ls-files -- go.mod '*/go.mod' 2>/dev/null)" && [[ -n "$files" ]]; then
    :
  else
    files="$(find . -name go.mod -not -path '*/.*' -not -path '*/testdata/*' | sed 's|^\./||')"
  fi
  printf '%s\n' "$files" | xargs -n1 dirname | sort -u | awk '$0 == "." { print; next } { rest = rest $0 "\n" } END { printf "%s", rest }'
}

printf '==== gofmt -l .\n'
unformatted="$(gofmt -l .)"
if [[ -n "$unformatted" ]]; then
  printf 'these files need gofmt -w:\n%s\n' "$unformatted"
  exit 1
fi

# Every module runs even when an earlier one fails, so that one run shows
# every failure; the exit status says whether any failed.
mapfile -t mods < <(modules)
failed=()
for m in "${mods[@]}"; do
  printf '\n==== module %s: go vet ./...\n' "$m"
  if ! (cd "$m" && go vet ./...); then
    failed+=("$m (vet)")
    continue
  fi
  printf '==== module %s: go test -race -count=1 ./... %s\n' "$m" "$*"
  (cd "$m" && go test -race -count=1 "$@" ./...) || failed+=("$m (test)")
  # Every benchmark once, without timing it, so that a benchmark the code
  # has moved away from fails here, not on the day someone measures.
  if (($# == 0)); then
    printf '==== module %s: go test -count=1 -run ^$ -bench . -benchtime 1x ./...\n' "$m"
    if ! out="$(cd "$m" && go test -count=1 -run '^$' -bench . -benchtime 1x ./... 2>&1)"; then
      printf '%s\n' "$out" | grep -v -E '^(Benchmark|goos:|goarch:|pkg:|cpu:|PASS$|ok )' || true
      failed+=("$m (benchmarks)")
    fi
  fi
done
if ((${#failed[@]} > 0)); then
  printf '\nFAILED in %d of %d modules: %s\n' "${#failed[@]}" "${#mods[@]}" "${failed[*]}"
  exit 1
fi
printf '\nall %d modules passed: %s\n' "${#mods[@]}" "${mods[*]}"
