#!/bin/sh
# font.sh — regenerate assets/NotoSansSC-docattr.otf, the CJK font the app
# embeds: a subset of Noto Sans CJK SC Regular (SIL Open Font License 1.1,
# Debian package fonts-noto-cjk) made with fontTools' subsetter (Debian
# package python3-fonttools). Run it after adding UI text with a character
# the font lacks (app's TestFontCoversUI names the missing ones).
#
#   sudo apt-get install fonts-noto-cjk python3-fonttools
#   scripts/font.sh
#
# The subset holds:
#   - GB 18030-2022 implementation level 1, as far as Noto Sans CJK SC has
#     glyphs: every character of the two-byte region (GBK's 21 886 minus the
#     user-defined areas, with the 2022 mappings of A6D9–A6F3 to the
#     vertical forms U+FE10–FE19 and of A8BC to U+1E3F), CJK Unified
#     Ideographs U+4E00–U+9FFF and Extension A U+3400–U+4DBF. Noto 2.004
#     lacks 27 of them: U+2252 ≒, U+4DB6–4DBF and U+9FF0–9FFF (Unicode 13+);
#     those and rarer 汉字 (Extension B and later) fall back to a system
#     font where one is installed;
#   - ASCII, Latin-1, general punctuation, arrows, ①…⑳ and the other
#     enclosed numbers, ★ ☆, CJK symbols and punctuation (〔〕【】《》), kana,
#     full-width and half-width forms;
#   - every non-ASCII character in the program's own Go sources (UI strings,
#     finding labels, mark texts, messages), so nothing docattr prints is
#     missing even when it is outside the sets above.
# Hinting is dropped (Fyne does not use it) and no OpenType layout features
# are kept (Fyne lays out Chinese without them); the result is ~6.7 MB.
# assets' TestFontCoversGB18030Level1 checks the result with another
# decoder (golang.org/x/text) than the one used here (Python's gb18030).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
src=${NOTO:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
py=/usr/bin/python3 # Debian's, which has fontTools (not a pyenv shim)
[ -x "$py" ] || py=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Face 2 of the collection is SC (0 JP, 1 KR, 2 SC, 3 TC, 4 HK).
"$py" - "$src" <<'PY'
import sys
from fontTools.ttLib import TTCollection
name = TTCollection(sys.argv[1]).fonts[2]["name"].getDebugName(4)
if name != "Noto Sans CJK SC":
    sys.exit(f"{sys.argv[1]}: face 2 is {name!r}, not Noto Sans CJK SC")
PY

"$py" - "$root" >"$tmp/chars.txt" <<'PY'
import os, re, sys
root = sys.argv[1]
chars = set()
# GB 18030's two-byte region; its user-defined areas decode to the Private
# Use Area, which no font should claim.
for b1 in range(0x81, 0xFF):
    for b2 in range(0x40, 0xFF):
        if b2 == 0x7F:
            continue
        try:
            c = bytes([b1, b2]).decode("gb18030")
        except UnicodeDecodeError:
            continue
        if not 0xE000 <= ord(c) <= 0xF8FF:
            chars.add(c)
for d in ("app", "internal"):
    for dirpath, _, files in os.walk(os.path.join(root, d)):
        for f in files:
            if f.endswith(".go") and not f.endswith("_test.go"):
                with open(os.path.join(dirpath, f), encoding="utf-8") as fh:
                    chars.update(c for c in fh.read() if ord(c) > 0x7F)
sys.stdout.write("".join(sorted(chars)))
PY

"$py" -m fontTools.subset "$src" --font-number=2 \
	--text-file="$tmp/chars.txt" \
	--unicodes=20-7E,A0-17F,1E3F,2000-206F,2100-21FF,2460-24FF,2500-257F,25A0-25FF,2605-2606,3000-30FF,3400-4DBF,4E00-9FFF,FE10-FE19,FF00-FFEF \
	--layout-features='' --no-hinting --name-IDs='*' --name-legacy --name-languages='*' \
	--output-file="$tmp/font.otf"
mv "$tmp/font.otf" "$root/assets/NotoSansSC-docattr.otf"
ls -l "$root/assets/NotoSansSC-docattr.otf"
