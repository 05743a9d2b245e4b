#!/usr/bin/env bash
# The audit-log section of `make bench` (issue 16): a log of 1,000,000 events
# from internal/auditgen (the generator the window's benchmarks use too),
# built once and cached outside the repository, and the time of
#   - docattr audit verify, CSV export, XLSX export, stats --year;
#   - the same at 100,000 events, for how time grows (linear: 10x);
# with the peak heap of stats (GODEBUG=gctrace: the largest heap at the
# start of a GC cycle, which is where the heap peaks) and the bytes per event
# on disk; and the app's reads of the log while a batch of 10,000 drafts
# marks in another process (BENCH_BATCH_FILES). Wall times are the best and median of BENCH_AUDIT_RUNS runs
# (default 3) after one warm-up run; CPU is the least user+system time of a
# run. Exits 1 when a target fails.
#
# usage: scripts/bench_audit.sh   (env: BENCH_AUDIT_RUNS=3,
#          BENCH_AUDIT_CACHE=DIR, default ${XDG_CACHE_HOME:-~/.cache}/docattr-bench)
set -euo pipefail

runs=${BENCH_AUDIT_RUNS:-3}
cd "$(dirname "$0")/.."
GO=${GO:-go}
cache=${BENCH_AUDIT_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/docattr-bench}
mkdir -p "$cache"
[ -x /usr/bin/time ] || { echo "bench_audit: /usr/bin/time is missing (Debian package time)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/docattr-bench-audit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export DOCATTR_HOME=$tmp/home

echo "== build (audit section)" >&2
"$GO" build -o "$tmp/docattr" .
"$GO" build -o "$tmp/auditgen" ./internal/auditgen/cmd/auditgen

# The cached logs are named after what shapes their bytes: the generator,
# the record encoding and the pages' fill factors. A change to any of them
# builds the logs anew.
key=$({
	cat internal/auditgen/auditgen.go internal/audit/chain.go internal/audit/event.go
	grep -h 'FillPercent\|fillAppendOnly\|fillMostlyTail\|fillRandom' internal/audit/index.go internal/audit/log.go
} | sha256sum | cut -c1-12)
log_for() { # log_for N → path of the cached log of N events, built if missing
	local n=$1 path="$cache/audit-$1-$key.db"
	if [ ! -f "$path" ]; then
		echo "== generate $n events into $path (once)" >&2
		rm -f "$path.tmp"
		"$tmp/auditgen" -n "$n" "$path.tmp"
		mv "$path.tmp" "$path"
	fi
	echo "$path"
}
big=$(log_for 1000000)
small=$(log_for 100000)
bytes_per_event=$(awk "BEGIN { printf \"%.0f\", $(stat -c %s "$big") / 1000000 }")
# Exports record an export event: time copies, never the cache.
cp "$big" "$tmp/big.db"
cp "$small" "$tmp/small.db"

# timeit NAME CMD...: best and median wall ms and least CPU ms into
# best_NAME, median_NAME, cpu_NAME.
timeit() {
	local name=$1 i start end cpu walls=() cpus=()
	shift
	echo "== time $name" >&2
	for i in $(seq 0 "$runs"); do
		start=$(date +%s%N)
		/usr/bin/time -f '%U %S' -o "$tmp/cpu.txt" "$@" >/dev/null 2>"$tmp/err.txt" || { cat "$tmp/err.txt" >&2; exit 1; }
		end=$(date +%s%N)
		[ "$i" = 0 ] && continue # warm-up
		walls+=($(((end - start) / 1000000)))
		cpus+=("$(awk '{ printf "%d", ($1 + $2) * 1000 }' "$tmp/cpu.txt")")
	done
	printf -v "best_$name" '%s' "$(printf '%s\n' "${walls[@]}" | sort -n | head -1)"
	printf -v "median_$name" '%s' "$(printf '%s\n' "${walls[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }')"
	printf -v "cpu_$name" '%s' "$(printf '%s\n' "${cpus[@]}" | sort -n | head -1)"
}

for size in small big; do
	db=$tmp/$size.db
	timeit "verify_$size" "$tmp/docattr" --db "$db" audit verify
	timeit "csv_$size" "$tmp/docattr" --db "$db" audit export --format csv -o "$tmp/out.csv"
	timeit "stats_$size" "$tmp/docattr" --db "$db" stats --year 2025
done
timeit xlsx_big "$tmp/docattr" --db "$tmp/big.db" audit export --format xlsx -o "$tmp/out.xlsx"

echo "== peak heap of stats" >&2
heap=0
for i in 1 2 3; do
	GODEBUG=gctrace=1 "$tmp/docattr" --db "$tmp/big.db" stats --year 2025 >/dev/null 2>"$tmp/gc.txt"
	h=$(grep -o '[0-9]*->[0-9]*->[0-9]* MB' "$tmp/gc.txt" | awk -F'->' '$1 > m { m = $1 } END { print m + 0 }')
	[ "$h" -gt "$heap" ] && heap=$h
done

# The app's reads of the log while a 10,000-file batch marks in another
# process (issue 16): internal/cli's TestLogIsUsableWhileAnotherProcessRunsABatch
# at that size. It fails unless every read succeeds, reads see the batch
# half done and all 10,000 events land; it logs the count and the longest.
echo "== a batch of ${BENCH_BATCH_FILES:-10000} files while the log is read" >&2
"$GO" test -c -o "$tmp/cli.test" ./internal/cli
batch_ok=1
(cd internal/cli && DOCATTR_BATCH_FILES=${BENCH_BATCH_FILES:-10000} TMPDIR=$tmp "$tmp/cli.test" \
	-test.run '^TestLogIsUsableWhileAnotherProcessRunsABatch$' -test.v -test.count=1 -test.timeout 30m) >"$tmp/batch.txt" 2>&1 || batch_ok=0
batch_line=$(grep -o 'batch of [0-9]* files: [0-9]* ms; reads during it: [0-9]*; longest read: [0-9]* ms' "$tmp/batch.txt" || true)
[ -n "$batch_line" ] || { batch_ok=0; tail -20 "$tmp/batch.txt" >&2; }
batch_files=$(echo "$batch_line" | awk '{print $3}')
batch_ms=$(echo "$batch_line" | awk '{print $5}')
batch_reads=$(echo "$batch_line" | awk '{print $10}' | tr -d ';')
batch_longest=$(echo "$batch_line" | awk '{print $13}')

fail=0
verdict() { # verdict EXPR → PASS/FAIL (awk boolean)
	if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi
}
ratio() { awk "BEGIN { printf \"%.1f\", $1 / $2 }"; }
echo
echo "docattr audit log benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "log: internal/auditgen, 1,000,000 and 100,000 events; wall: best and median of $runs runs; CPU: least user+system of a run"
echo
row() { printf '%-40s %10s %10s %10s\n' "$@"; }
row "what" "best ms" "median ms" "CPU ms"
row "----" "-------" "---------" "------"
for what in verify csv stats; do
	for size in small big; do
		b=best_${what}_$size m=median_${what}_$size c=cpu_${what}_$size
		n=$([ $size = big ] && echo 1M || echo 100k)
		row "$what, $n events" "${!b}" "${!m}" "${!c}"
	done
done
row "xlsx export, 1M events" "$best_xlsx_big" "$median_xlsx_big" "$cpu_xlsx_big"
echo
printf '%-40s %12s %12s  %s\n' "target at 1M events" "measured" "limit" "result"
printf '%-40s %12s %12s  %s\n' "------" "--------" "-----" "------"
check() { # check LABEL VALUE LIMIT EXPR
	local v
	v=$(verdict "$4")
	[ "$v" = PASS ] || fail=1
	printf '%-40s %12s %12s  %s\n' "$1" "$2" "$3" "$v"
}
check "audit verify (best wall)" "$best_verify_big ms" "5000 ms" "$best_verify_big <= 5000"
check "CSV export (best wall)" "$best_csv_big ms" "5000 ms" "$best_csv_big <= 5000"
check "XLSX export (best wall)" "$best_xlsx_big ms" "30000 ms" "$best_xlsx_big <= 30000"
check "stats --year (best wall)" "$best_stats_big ms" "3000 ms" "$best_stats_big <= 3000"
check "stats peak heap (gctrace)" "$heap MB" "200 MB" "$heap <= 200"
check "bytes per event on disk" "$bytes_per_event" "1100" "$bytes_per_event <= 1100"
for what in verify csv stats; do
	c1=cpu_${what}_small c2=cpu_${what}_big
	r=$(ratio "${!c2}" "${!c1}")
	check "$what CPU 1M / 100k (linear: 10)" "${r}x" "<= 12x" "$r <= 12"
done
echo
printf '%-40s %12s %12s  %s\n' "the log during a long batch" "measured" "limit" "result"
printf '%-40s %12s %12s  %s\n' "------" "--------" "-----" "------"
check "batch of ${batch_files:-?} files, another process" "${batch_ms:-?} ms" "" "$batch_ok == 1"
check "  reads (open, verify, list) during it" "${batch_reads:-0}" "> 0" "$batch_ok == 1 && ${batch_reads:-0} > 0"
check "  the longest read" "${batch_longest:-?} ms" "1000 ms" "$batch_ok == 1 && ${batch_longest:-9999} <= 1000"
exit $fail
