#!/bin/sh
# deb-check.sh PACKAGE.deb [gui] — install the package with dpkg into a
# scratch root (dpkg --root: the machine's own dpkg database is not touched)
# and check what it put there: docattr on the PATH, and for a GUI package
# the menu entry 公文公开属性助手 with icon, StartupWMClass and the .docx
# association. Dependencies are not installed into the scratch root.
set -eu
deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
want_gui=${2:-}
r=$(mktemp -d)
trap 'rm -rf "$r"' EXIT
mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/usr/bin"
: >"$r/var/lib/dpkg/status"
: >"$r/var/lib/dpkg/available"
dpkg --root="$r" --force-depends --force-architecture --force-not-root --force-script-chrootless \
	--log=/dev/null -i "$deb" >"$r/dpkg.out" 2>&1 || { cat "$r/dpkg.out" >&2; exit 1; }
dpkg --root="$r" -s docattr | grep -q '^Status: install ok installed' || { echo "$deb: not installed" >&2; exit 1; }
fail() { echo "$deb: $*" >&2; exit 1; }
[ -x "$r/usr/bin/docattr" ] || fail "no executable /usr/bin/docattr"
[ -x "$r/usr/bin/docattr-cli" ] || fail "no executable /usr/bin/docattr-cli"
arch=$(dpkg-deb -f "$deb" Architecture)
if [ "$arch" = "$(dpkg --print-architecture)" ]; then
	"$r/usr/bin/docattr-cli" version | grep -q docattr || fail "docattr-cli version does not run"
fi
if [ "$want_gui" = gui ]; then
	d=$r/usr/share/applications/docattr.desktop
	[ -f "$d" ] || fail "no menu entry $d"
	for line in 'Name=公文公开属性助手' 'Exec=docattr %f' 'Icon=docattr' 'StartupWMClass=公文公开属性助手' \
		'MimeType=application/vnd.openxmlformats-officedocument.wordprocessingml.document;' 'Type=Application'; do
		grep -qxF "$line" "$d" || fail "menu entry lacks $line"
	done
	if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$d"; fi
	ls "$r"/usr/share/icons/hicolor/*/apps/docattr.png >/dev/null || fail "no icon"
fi
echo "$deb ($arch): dpkg -i in a scratch root installs $(dpkg --root="$r" -L docattr | grep -c '^/usr/bin/docattr') programs${want_gui:+ and the menu entry}"
