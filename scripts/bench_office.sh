#!/usr/bin/env bash
# The office database at scale (issue 17), called by scripts/bench.sh:
# 500 desks × 2,000 events synced into one throw-away PostgreSQL, then
# `docattr office stats --year` and `docattr office verify` timed as an
# openness office login. Targets: office stats ≤ 10 s, office verify
# ≤ 60 s; sync throughput is printed. The server runs with fsync on.
# Exits 1 when a target fails or PostgreSQL is missing.
#
# usage: scripts/bench_office.sh   (env: OFFICE_DESKS=500, OFFICE_EVENTS=2000, OFFICE_PARALLEL=8)
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
	echo "installing postgresql ..." >&2
	SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/docattr-bench-office.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$GO" build -o "$tmp/docattr" .
"$GO" build -o "$tmp/officebench" ./internal/officedb/cmd/officebench
echo "== office database: ${OFFICE_DESKS:-500} desks × ${OFFICE_EVENTS:-2000} events" >&2
PGTEST_FSYNC=on "$tmp/officebench" -docattr "$tmp/docattr" -desks "${OFFICE_DESKS:-500}" \
	-events "${OFFICE_EVENTS:-2000}" -parallel "${OFFICE_PARALLEL:-8}"
