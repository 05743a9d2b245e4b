#!/bin/sh
# arm64-gui-check.sh BINARY [SHOT.png] — start the arm64 window under
# qemu-user on a virtual X server (Xvfb, Mesa's software OpenGL for arm64)
# with a corpus draft, wait for the window 公文公开属性助手 to be mapped and
# fail when it does not appear within 60 s or the screen stays blank. A smoke
# test that the cross-linked binary, its glibc 2.28 link and the arm64
# X11/OpenGL libraries work together; the screens themselves are checked on
# amd64 (scripts/screenshot.sh).
#
# Needs qemu-user, xvfb, xdotool, imagemagick and the arm64 libraries the
# binary was linked against (libgl1:arm64 and libx11-6:arm64 pull in the rest).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
shot=${2:-}
home=$(mktemp -d)
# The window may still be writing its settings as it closes: try again
# rather than fail the check on a race with its last write.
trap 'rm -rf "$home" 2>/dev/null || { sleep 2; rm -rf "$home"; } || true' EXIT
[ -n "$shot" ] || shot=$home/arm64.png
draft=$root/../shared/corpus/gongwen/000-pii.docx
export DOCATTR_HOME="$home/data" XDG_CONFIG_HOME="$home/config" LANG=C.UTF-8
mkdir -p "$DOCATTR_HOME"
xvfb-run -a -s "-screen 0 1366x768x24" sh -c '
	start=$(date +%s)
	qemu-aarch64 "$1" "$2" >"$4/app.log" 2>&1 &
	pid=$!
	until xdotool search --onlyvisible --name "公文公开属性助手" >/dev/null 2>&1; do
		if [ $(($(date +%s) - start)) -gt 60 ] || ! kill -0 $pid 2>/dev/null; then
			echo "arm64 window: not mapped within 60 s" >&2
			cat "$4/app.log" >&2
			kill $pid 2>/dev/null
			exit 1
		fi
		sleep 0.2
	done
	echo "arm64 window mapped $(($(date +%s) - start)) s after launch under qemu-aarch64"
	sleep 15 # software OpenGL under emulation draws the first frames slowly
	import -window root "$3"
	kill $pid
	# Let it finish closing before the folder goes, but not forever: under
	# emulation the app once ignored the TERM and the step hung for good.
	n=0
	while kill -0 $pid 2>/dev/null && [ $n -lt 50 ]; do sleep 0.2; n=$((n + 1)); done
	kill -9 $pid 2>/dev/null || true
	wait $pid 2>/dev/null || true
' sh "$bin" "$draft" "$shot" "$home"
# A blank or single-colour screen has almost no variance.
sd=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "$shot: grey standard deviation $sd"
awk -v sd="$sd" 'BEGIN { exit !(sd >= 0.02) }' || { echo "arm64 window looks blank" >&2; exit 1; }
