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
# Both programs are built for the package's architecture; in a GUI package
# /usr/bin/docattr is the window binary, not a second copy of the CLI.
case $arch in amd64) elf=x86-64 ;; arm64) elf=aarch64 ;; loong64) elf=LoongArch ;; *) elf=$arch ;; esac
for p in docattr docattr-cli; do
	file -L "$r/usr/bin/$p" | grep -q "$elf" || fail "/usr/bin/$p is not a $arch program: $(file -L "$r/usr/bin/$p")"
done
if [ "$want_gui" = gui ] && cmp -s "$r/usr/bin/docattr" "$r/usr/bin/docattr-cli"; then
	fail "/usr/bin/docattr is the command line, not the window"
fi
# The programs start: natively, or arm64 under qemu-user when it is there;
# an arm64 window binary only where the arm64 libraries it links are.
case $arch in
"$(dpkg --print-architecture)") run="" ;;
arm64) if command -v qemu-aarch64 >/dev/null; then run=qemu-aarch64; else run=none; fi ;;
*) run=none ;;
esac
if [ "$run" != none ]; then
	$run "$r/usr/bin/docattr-cli" version | grep -q docattr || fail "docattr-cli version does not run"
	if [ "$want_gui" != gui ] || [ -z "$run" ] || [ -e /usr/lib/aarch64-linux-gnu/libGL.so.1 ]; then
		$run "$r/usr/bin/docattr" version | grep -q docattr || fail "docattr version does not run"
	fi
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
