#!/bin/sh
# wine-check.sh LINUX-CLI WINDOWS-CLI.exe [N] — the Windows console CLI, run
# under Wine, must do what the Linux CLI does on the gongwen corpus: mark the
# first N drafts of each kind (--out-dir with a *.docx wildcard, which
# docattr expands itself on Windows) and produce a byte-identical
# word/document.xml; inspect them; verify and export the audit log; and a
# two-installation review (张三 submits, 李四 approves with 张三's key).
# Every step must exit 0. Needs wine (Debian's wine64), gcc-mingw-w64-x86-64
# and unzip.
set -eu
lin=$(realpath "$1") win=$(realpath "$2") n=${3:-2}
root=$(cd "$(dirname "$0")/.." && pwd)
corpus=$root/../shared/corpus/gongwen
t=$(mktemp -d)
trap 'WINEPREFIX=$WINEPREFIX wineserver -k 2>/dev/null; rm -rf "$t"' EXIT
export WINEDEBUG=-all WINEPREFIX=${WINEPREFIX:-$t/wineprefix} LANG=C.UTF-8
# Go needs bcryptprimitives.dll (Windows 10+); Wine 8 has none: add the
# test-only stand-in of scripts/windows/bcryptprimitives.c to the prefix.
wineboot -i >/dev/null 2>&1 || true
sys32=$WINEPREFIX/drive_c/windows/system32
if [ ! -f "$sys32/bcryptprimitives.dll" ]; then
	x86_64-w64-mingw32-gcc -O2 -shared -o "$sys32/bcryptprimitives.dll" \
		"$root/scripts/windows/bcryptprimitives.c" -lbcrypt
fi
winp() { printf 'Z:%s' "$1" | tr / '\\'; }
w() { # run the Windows CLI with a Windows data folder
	home=$1; shift
	DOCATTR_HOME=$(winp "$home") wine "$win" "$@"
}
mkdir -p "$t/in" "$t/insec" "$t/lin/home" "$t/lin/out" "$t/win/home" "$t/win/out"
for kind in plain pii process secret; do
	dest=$t/in
	[ "$kind" = secret ] && dest=$t/insec # a classified draft can only be withheld as a state secret
	ls "$corpus"/*-"$kind".docx | grep -v '/lo-' | head -n "$n" | while read -r f; do cp "$f" "$dest/"; done
done
markboth() { # FOLDER ARGS...: mark FOLDER/*.docx on Linux and, by a wildcard, under Wine
	dir=$1; shift
	DOCATTR_HOME=$t/lin/home "$lin" mark "$dir"/*.docx "$@" --out-dir "$t/lin/out" >/dev/null
	w "$t/win/home" mark "$(winp "$dir")\\*.docx" "$@" --out-dir "$(winp "$t/win/out")" >/dev/null
}
markboth "$t/in" --attr on-request --basis 条例第十五条 --reason 含个人信息 --actor 张三 --accept-findings 已核对
markboth "$t/insec" --attr withheld --basis 条例第十四条 --reason 依法确定为国家秘密 --actor 张三 --accept-findings 已核对
count=0
for f in "$t"/lin/out/*.docx; do
	b=$(basename "$f")
	[ -f "$t/win/out/$b" ] || { echo "wine-check: Windows CLI wrote no $b" >&2; exit 1; }
	unzip -p "$f" word/document.xml >"$t/a.xml"
	unzip -p "$t/win/out/$b" word/document.xml >"$t/b.xml"
	cmp -s "$t/a.xml" "$t/b.xml" || { echo "wine-check: word/document.xml of $b differs between Linux and Windows" >&2; exit 1; }
	count=$((count + 1))
done
[ "$count" -gt 0 ] || { echo "wine-check: nothing marked" >&2; exit 1; }
echo "wine-check: $count drafts marked, document.xml byte-identical to Linux"
for f in "$t"/win/out/*.docx; do
	w "$t/win/home" inspect "$(winp "$f")" >/dev/null
done
w "$t/win/home" audit verify >/dev/null
w "$t/win/home" audit export --format xlsx -o "$(winp "$t/win/audit.xlsx")" >/dev/null
[ -s "$t/win/audit.xlsx" ] || { echo "wine-check: no audit export" >&2; exit 1; }
echo "wine-check: inspect, audit verify, audit export ok"

# Two installations on Windows: 张三 drafts and submits, 李四 (保密审查)
# approves with 张三's public key in the keyring.
z=$t/win/zhang l=$t/win/lisi r=$t/win/review
mkdir -p "$z" "$l" "$r"
printf '{"name": "张三", "roles": ["drafter"], "style": "note", "print": ["public", "on-request", "withheld"], "language": "zh"}\n' >"$z/settings.json"
printf '{"name": "李四", "unit": "办公室", "roles": ["drafter", "secrecy"], "style": "note", "print": ["public", "on-request", "withheld"], "language": "zh"}\n' >"$l/settings.json"
plain=$(ls "$t"/in/*-plain.docx | head -n1)
w "$z" mark "$(winp "$plain")" --attr public -o "$(winp "$r/通知.docx")" >/dev/null
w "$z" review submit "$(winp "$r/通知.docx")" >/dev/null
w "$l" review keyring add 张三 "$(winp "$z/installation.pub")" >/dev/null
w "$l" review approve "$(winp "$r/通知-送审.docx")" --role secrecy --checklist ok >/dev/null
w "$l" review status "$(winp "$r/通知-保密审查.docx")" >"$t/status.txt"
[ "$(grep -c '签名有效' "$t/status.txt")" = 2 ] || { cat "$t/status.txt" >&2; echo "wine-check: review trail signatures not both valid" >&2; exit 1; }
echo "wine-check: two-installation review ok (submit by 张三, secrecy approval by 李四, both signatures valid)"
