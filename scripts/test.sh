#!/usr/bin/env bash
# Runs every test: go vet, then all packages (engine, CLI, desktop app) with
# the race detector. Installs what is missing first, like scripts/run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
scripts/excelize-fork.sh --check # third_party/excelize is upstream plus our patch
go vet ./...
go test -race -count=1 ./...
