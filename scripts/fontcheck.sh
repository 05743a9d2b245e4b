#!/bin/sh
# fontcheck.sh — the secrecy mark 秘密★1年 must render from the embedded font
# alone: run app's TestSecrecyMarkRenders with every system font folder
# hidden (an empty tmpfs mounted over each, in a private mount namespace, so
# nothing outside this command sees it). Needs root or user namespaces
# (unshare -rm). The picture goes to $FONT_SHOT when set.
set -eu
cd "$(dirname "$0")/.."
go test -c -o /tmp/docattr-app.test ./app
hide='for d in /usr/share/fonts /usr/local/share/fonts /usr/X11R6/lib/X11/fonts /usr/share/texmf/fonts "$HOME/.fonts" "$HOME/.local/share/fonts"; do
	[ -d "$d" ] && mount -t tmpfs none "$d"
done
n=$(find /usr/share/fonts /usr/local/share/fonts -type f 2>/dev/null | wc -l)
[ "$n" = 0 ] || { echo "fontcheck: $n system font files still visible" >&2; exit 1; }
exec /tmp/docattr-app.test -test.run "^TestSecrecyMarkRenders$" -test.count=1 -test.v'
if [ "$(id -u)" = 0 ]; then
	(cd app && unshare -m sh -c "$hide")
else
	(cd app && unshare -rm sh -c "$hide")
fi
