# docattr — see README.md. Every target works on a fresh Debian 12 machine with Go.
GO      ?= go
PKGS    := ./...
DEBS    := gcc pkg-config libgl1-mesa-dev xorg-dev

.PHONY: run deps build test test-engine fuzz bench vet lint clean package windows

## deps: install the Debian packages a Fyne build needs (skipped when present)
deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && $$SUDO DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
	$(GO) mod download

## build: the one binary, GUI and CLI
build: deps
	$(GO) build -o docattr .

## run: build and start the desktop app
run: build
	./docattr

## test: every test (engine, CLI, app), with the race detector
test: deps
	$(GO) vet $(PKGS)
	$(GO) test -race -count=1 $(PKGS)

## test-engine: the engine tests only (no cgo, no Fyne)
test-engine:
	CGO_ENABLED=0 $(GO) test -count=1 ./internal/...

## fuzz: run every fuzz target briefly
fuzz:
	./scripts/fuzz.sh 10s

## bench: Go benchmarks and the side-by-side comparison table
bench:
	./scripts/bench.sh

lint:
	gofmt -l . | tee /dev/stderr | (! read)
	$(GO) vet $(PKGS)
	$(GO) run honnef.co/go/tools/cmd/staticcheck@2025.1.1 $(PKGS)

clean:
	rm -f docattr docattr.exe docattr.tar.xz

## package: a Linux desktop package (docattr.tar.xz) with icon and .desktop entry
package: deps
	$(GO) tool fyne package -os linux --release

## windows: cross-compile docattr.exe with mingw-w64 (apt-get install gcc-mingw-w64-x86-64)
windows:
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		$(GO) tool fyne package -os windows --release
