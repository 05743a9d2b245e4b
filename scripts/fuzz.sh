#!/usr/bin/env bash
# Runs every fuzz target in the repository for a short time each.
# usage: scripts/fuzz.sh [DURATION]   (default 10s)
set -euo pipefail
dur=${1:-10s}
cd "$(dirname "$0")/.."
for pkg in $(go list ./internal/...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for fn in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/func //'); do
		echo "== $pkg $fn ($dur)"
		go test -run '^$' -fuzz "^${fn}\$" -fuzztime "$dur" "$pkg"
	done
done
