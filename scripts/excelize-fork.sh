#!/usr/bin/env bash
# third_party/excelize is upstream excelize at the version go.mod requires
# (its non-test sources, LICENSE, go.mod and go.sum) with
# third_party/excelize.patch applied: regular expressions and two large
# tables built at first use instead of at start (decision 026).
#
# usage: scripts/excelize-fork.sh          rebuild third_party/excelize
#        scripts/excelize-fork.sh --check  fail when the tree in the repo is
#                                          not upstream plus the patch
# To move to a new upstream version: change the version in go.mod's require
# line, run this script, fix the patch where it no longer applies
# (regenerate it with diff -ruN from upstream's tree), run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
mod=github.com/xuri/excelize/v2
ver=$(go list -m -f '{{.Version}}' "$mod")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/excelize-fork.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Outside any module, so go.mod's replace does not redirect the download.
src=$(cd "$tmp" && GOFLAGS=-mod=mod GO111MODULE=on go mod download -json "$mod@$ver" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
[ -d "$src" ] || { echo "excelize $ver: download failed" >&2; exit 1; }
mkdir "$tmp/tree"
cp "$src/LICENSE" "$src/go.mod" "$src/go.sum" "$tmp/tree/"
for f in "$src"/*.go; do
	case $f in *_test.go) ;; *) cp "$f" "$tmp/tree/" ;; esac
done
chmod -R u+w "$tmp/tree"
(cd "$tmp/tree" && git apply -p1 "$root/third_party/excelize.patch")
if [ "${1:-}" = --check ]; then
	if ! diff -r "$tmp/tree" third_party/excelize >&2; then
		echo "third_party/excelize is not excelize $ver with third_party/excelize.patch: run scripts/excelize-fork.sh" >&2
		exit 1
	fi
	echo "third_party/excelize: excelize $ver with third_party/excelize.patch"
	exit 0
fi
rm -rf third_party/excelize
cp -r "$tmp/tree" third_party/excelize
echo "third_party/excelize: excelize $ver with third_party/excelize.patch"
