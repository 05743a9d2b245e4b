#!/usr/bin/env bash
# Installs what building docattr needs and is missing: the Debian packages for
# Fyne (cgo + OpenGL) and the Go modules. Uses sudo only when not root.
# usage: scripts/deps.sh [EXTRA-DEBIAN-PACKAGE...]
set -euo pipefail
cd "$(dirname "$0")/.."
need=(gcc pkg-config libgl1-mesa-dev xorg-dev poppler-utils "$@") # poppler-utils: pdftotext for the layout test
missing=()
for p in "${need[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	SUDO=""
	[ "$(id -u)" = 0 ] || SUDO=sudo
	echo "安装 / installing: ${missing[*]}" >&2
	$SUDO apt-get update -qq
	$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
command -v go >/dev/null || { echo "需要 Go 1.26 或更新版本 / Go 1.26 or newer is required: https://go.dev/dl/" >&2; exit 1; }
go mod download
