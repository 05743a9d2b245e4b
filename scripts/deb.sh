#!/bin/sh
# deb.sh ARCH GUI-BINARY CLI-BINARY — build dist/docattr_VERSION_ARCH.deb.
# With a GUI binary the package installs /usr/bin/docattr (window + CLI), a
# menu entry 公文公开属性助手 with icon, StartupWMClass and the .docx "open
# with" association; without one (loong64) /usr/bin/docattr is the static
# CLI and there is no menu entry. Needs dpkg-deb only (no root: the files
# are owned by root through --root-owner-group).
set -eu
arch=$1 gui=$2 cli=$3
root=$(cd "$(dirname "$0")/.." && pwd)
dist=${DIST:-$root/dist}
version=$(sed -n 's/^Version = "\(.*\)"/\1/p' "$root/FyneApp.toml")
pkg=$(mktemp -d)
chmod 0755 "$pkg"
trap 'rm -rf "$pkg"' EXIT

install -d "$pkg/DEBIAN" "$pkg/usr/bin" "$pkg/usr/share/doc/docattr"
if [ -n "$gui" ]; then
	install -m 0755 "$gui" "$pkg/usr/bin/docattr"
	install -D -m 0644 "$root/assets/icon.png" "$pkg/usr/share/icons/hicolor/256x256/apps/docattr.png"
	install -d "$pkg/usr/share/applications"
	# StartupWMClass: GLFW (under Fyne) sets the X11 window class to the
	# window title (xprop WM_CLASS shows 公文公开属性助手 twice); docks use it
	# to group the window with this entry.
	cat >"$pkg/usr/share/applications/docattr.desktop" <<'DESKTOP'
[Desktop Entry]
Type=Application
Name=公文公开属性助手
Name[zh_CN]=公文公开属性助手
Name[en]=docattr
GenericName=公文公开属性助手
Comment=标注公文公开属性与密级，保密审查与审计日志
Exec=docattr %f
Icon=docattr
Terminal=false
Categories=Office;
Keywords=公文;公开属性;保密审查;docx;
MimeType=application/vnd.openxmlformats-officedocument.wordprocessingml.document;
StartupWMClass=公文公开属性助手
DESKTOP
	# GLFW opens the X extension libraries with dlopen at start, so the
	# linker cannot see them: name them here or a bare desktop lacks them.
	depends="libc6 (>= 2.28), libgl1, libx11-6, libxrandr2, libxcursor1, libxinerama1, libxi6, libxxf86vm1"
	desc="公文公开属性助手: disclosure attributes and secrecy marks for .docx"
else
	install -m 0755 "$cli" "$pkg/usr/bin/docattr"
	depends=""
	desc="公文公开属性助手 command line: disclosure attributes for .docx"
fi
install -m 0755 "$cli" "$pkg/usr/bin/docattr-cli"
install -m 0644 "$root/assets/OFL.txt" "$pkg/usr/share/doc/docattr/OFL.txt"
size=$(du -sk "$pkg/usr" | cut -f1)
{
	echo "Package: docattr"
	echo "Version: $version"
	echo "Architecture: $arch"
	echo "Maintainer: docattr <docattr@docattr.invalid>"
	echo "Installed-Size: $size"
	[ -z "$depends" ] || echo "Depends: $depends"
	echo "Section: misc"
	echo "Priority: optional"
	echo "Homepage: https://docattr.invalid"
	echo "Description: $desc"
	echo " Checks a .docx draft for what must not be published, stamps the"
	echo " disclosure and secrecy marks (GB/T 9704-2012) and keeps a"
	echo " tamper-evident audit log. No network access."
} >"$pkg/DEBIAN/control"
mkdir -p "$dist"
dpkg-deb --root-owner-group -Zxz --build "$pkg" "$dist/docattr_${version}_$arch.deb" >/dev/null
echo "$dist/docattr_${version}_$arch.deb"
