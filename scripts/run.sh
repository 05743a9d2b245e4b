#!/usr/bin/env bash
# Sets up (Debian packages, Go modules), builds the docattr binary and starts
# the desktop app; arguments are passed on (a draft to open, or a command).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
go build -o docattr .
exec ./docattr "$@"
