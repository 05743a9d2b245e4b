#!/usr/bin/env bash
# Runs every fuzz target in the repository for a short time each.
# usage: scripts/fuzz.sh [AMOUNT]   (default 10s; a count such as 3000x
# runs that many inputs and has no deadline, which CI uses: a time limit
# that expires while the fuzzer minimises an input makes go test report
# "context deadline exceeded" although nothing failed)
set -euo pipefail
dur=${1:-10s}
cd "$(dirname "$0")/.."
for pkg in $(go list ./internal/...); do
	dir=$(go list -f '{{.Dir}}' "$pkg")
	for fn in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/func //'); do
		echo "== $pkg $fn ($dur)"
		go test -run '^$' -fuzz "^${fn}\$" -fuzztime "$dur" -fuzzminimizetime 200x "$pkg"
	done
done
