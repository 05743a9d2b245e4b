#!/usr/bin/env bash
# The benchmark table of issue 2 (`make bench`), in one run:
#   - a ~300-page draft with a 15 MB picture: plain cp vs docattr mark vs a
#     python-docx script doing the same edit;
#   - 20 drafts: one `docattr mark --out-dir` vs one python-docx process each;
#   - peak memory of docattr marking the big draft;
#   - then the Go benchmarks of internal/docx, internal/marker, internal/xmltok
#     and of the window (./app: issue 6's open, log scrolling and startup).
# Times are the best of BENCH_RUNS runs (default 5) after one warm-up run,
# on the monotonic clock. Exits 1 when a target fails. See docs/benchmarks.md.
#
# usage: scripts/bench.sh            (env: BENCH_RUNS=5, BENCH_CORPUS=DIR,
#                                          BENCH_GO=0 to skip the Go benchmarks)
set -euo pipefail

runs=${BENCH_RUNS:-5}
cd "$(dirname "$0")/.."
root=$PWD
corpus=${BENCH_CORPUS:-$root/../shared/corpus/gongwen}
py=/usr/bin/python3 # not a pyenv/venv python that may shadow it
GO=${GO:-go}

# --- Debian packages: python3-docx (the baseline) and time (peak memory) ---
missing=""
[ -x "$py" ] && "$py" -c 'import docx' 2>/dev/null || missing="$missing python3-docx"
[ -x /usr/bin/time ] || missing="$missing time"
if [ -n "$missing" ]; then
	echo "installing$missing ..." >&2
	SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
	$SUDO apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >&2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/docattr-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export DOCATTR_HOME=$tmp/home # settings and data of this run only
db=$tmp/audit.db

echo "== build" >&2
"$GO" build -o "$tmp/docattr" .
"$GO" build -o "$tmp/benchgen" ./internal/benchgen/cmd/benchgen
bg=$tmp/benchgen

echo "== generate drafts" >&2
big=$tmp/big.docx
"$bg" gen -big "$big" -pages 300 -picture 15 -batch "$tmp/batch" -n 20 -corpus "$corpus" >&2
batch=("$tmp"/batch/*.docx)
for i in $(seq 0 "$runs"); do mkdir -p "$tmp/outb/$i" "$tmp/pyb/$i"; done
mkdir -p "$tmp/cp" "$tmp/out" "$tmp/py"

# timeit NAME CMD...: best and median wall ms and least CPU ms into
# best_NAME, median_NAME, cpu_NAME.
timeit() {
	local name=$1
	shift
	sync # start every row with no dirty pages of the previous one
	echo "== time $name" >&2
	local best median cpu
	read -r best median cpu < <("$bg" time -n "$runs" -warmup 1 -- "$@")
	[ -n "$cpu" ] || { echo "timing $name failed" >&2; exit 1; }
	printf -v "best_$name" '%s' "$best"
	printf -v "median_$name" '%s' "$median"
	printf -v "cpu_$name" '%s' "$cpu"
}

timeit cp cp "$big" "$tmp/cp/big-{i}.docx"
timeit cpsync sh -c 'cp "$1" "$2" && sync "$2"' sh "$big" "$tmp/cp/sync-{i}.docx"
rm -f "$tmp"/cp/*
timeit mark "$tmp/docattr" --db "$db" mark "$big" --attr public -o "$tmp/out/big-{i}.docx"
rm -f "$tmp"/out/*
timeit py "$py" scripts/bench_pydocx.py "$big" "$tmp/py/big-{i}.docx"
rm -f "$tmp"/py/*
timeit batch "$tmp/docattr" --db "$db" mark "${batch[@]}" --attr public --out-dir "$tmp/outb/{i}"
timeit pybatch sh -c 'py=$1 out=$2; shift 2; for f; do "$py" scripts/bench_pydocx.py "$f" "$out/${f##*/}" || exit 1; done' \
	sh "$py" "$tmp/pyb/{i}" "${batch[@]}"

echo "== peak memory" >&2
rss=0
for i in 1 2 3; do
	/usr/bin/time -v -o "$tmp/time.txt" "$tmp/docattr" --db "$db" mark "$big" --attr public -o "$tmp/out/rss.docx" >/dev/null 2>"$tmp/rss.err" || { cat "$tmp/rss.err" >&2; exit 1; }
	r=$(awk -F': *' '/Maximum resident set size/ {print $2}' "$tmp/time.txt")
	[ "$r" -gt "$rss" ] && rss=$r
done
xml=$("$bg" partsize "$big" word/document.xml)

# --- the table ---
size=$(stat -c %s "$big")
fail=0
verdict() { # verdict EXPR → PASS/FAIL (awk boolean)
	if awk "BEGIN { exit !($1) }"; then echo PASS; else echo FAIL; fi
}
ratio() { awk "BEGIN { printf \"%.1f\", $1 / $2 }"; }
r_copy=$(ratio "$best_mark" "$best_cp")
r_py=$(ratio "$best_py" "$best_mark")
r_batch=$(ratio "$best_pybatch" "$best_batch")
v_copy=$(verdict "$best_mark <= 10 * $best_cp")
v_py=$(verdict "$best_py >= 10 * $best_mark")
v_batch=$(verdict "$best_pybatch >= 20 * $best_batch")
limit_kb=$(awk "BEGIN { printf \"%d\", (3 * $xml + 50 * 1048576) / 1024 }")
v_mem=$(verdict "$rss < $limit_kb")
case "$v_copy $v_py $v_batch $v_mem" in *FAIL*) fail=1 ;; esac
batch_size=$(du -cb "${batch[@]}" | tail -1 | cut -f1)

mb() { awk "BEGIN { printf \"%.1f MB\", $1 / 1048576 }"; }
echo
echo "docattr benchmark — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $("$GO" version | cut -d' ' -f3); python-docx $("$py" -c 'import docx, sys; sys.stdout.write(getattr(docx, "__version__", "?"))')"
echo "big draft: $(mb "$size") .docx, word/document.xml $(mb "$xml"), 300 pages, 15 MB picture; batch: ${#batch[@]} drafts ($(mb "$batch_size"))"
echo "wall times: best and median of $runs runs; CPU: least user+system time of a run"
echo
row() { printf '%-46s %10s %10s %10s\n' "$@"; }
row "what" "best ms" "median ms" "CPU ms"
row "----" "-------" "---------" "------"
row "cp big draft" "$best_cp" "$median_cp" "$cpu_cp"
row "cp big draft + fsync (reference only)" "$best_cpsync" "$median_cpsync" "$cpu_cpsync"
row "docattr mark big draft" "$best_mark" "$median_mark" "$cpu_mark"
row "python-docx, same edit, big draft" "$best_py" "$median_py" "$cpu_py"
row "docattr mark 20 drafts, one process" "$best_batch" "$median_batch" "$cpu_batch"
row "python-docx, 20 processes" "$best_pybatch" "$median_pybatch" "$cpu_pybatch"
echo
printf '%-46s %10s %10s  %s\n' "target (wall, best of $runs)" "measured" "limit" "result"
printf '%-46s %10s %10s  %s\n' "------" "--------" "-----" "------"
printf '%-46s %9sx %10s  %s\n' "docattr mark / cp (big draft)" "$r_copy" "<= 10x" "$v_copy"
printf '%-46s %9sx %10s  %s\n' "python-docx / docattr (big draft)" "$r_py" ">= 10x" "$v_py"
printf '%-46s %9sx %10s  %s\n' "20 python-docx / docattr batch of 20" "$r_batch" ">= 20x" "$v_batch"
printf '%-46s %7s MB %7s MB  %s\n' "peak RSS marking big draft (3× xml + 50 MB)" \
	"$(awk "BEGIN { printf \"%.1f\", $rss / 1024 }")" "$(awk "BEGIN { printf \"%.1f\", $limit_kb / 1024 }")" "$v_mem"
echo

if [ "${BENCH_GO:-1}" != 0 ]; then
	echo "== go test -bench (engine only: no process start, no fsync; ./app: the window on Fyne's test driver)"
	"$GO" test -run '^$' -bench . -benchmem ./internal/docx ./internal/marker ./internal/xmltok ./app || fail=1
fi
scripts/bench_office.sh || fail=1 # issue 17: the office database at scale
exit $fail
