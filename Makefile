# docattr — see README.md. Every target works on a fresh Debian 12 machine with Go.
GO      ?= go
PKGS    := ./...

.PHONY: run deps build test test-engine fuzz bench vet lint clean package windows

## deps: install the Debian packages a Fyne build needs (skipped when present)
deps:
	scripts/deps.sh

## build: the one binary, GUI and CLI
build: deps
	$(GO) build -o docattr .

## run: build and start the desktop app
run:
	scripts/run.sh

## test: every test (engine, CLI, app), with the race detector
test:
	scripts/test.sh

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
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.7.0 $(PKGS)

clean:
	rm -f docattr docattr.exe docattr.tar.xz

## package: a Linux desktop package (docattr.tar.xz) with icon and .desktop entry
package: deps
	$(GO) tool fyne package -os linux --release

## windows: cross-compile docattr.exe with mingw-w64 (apt-get install gcc-mingw-w64-x86-64)
# (the fyne tool itself is built for this machine first: GOOS must not reach it)
windows:
	$(GO) build -o .fyne-tool fyne.io/tools/cmd/fyne
	CGO_ENABLED=1 GOARCH=amd64 CC=x86_64-w64-mingw32-gcc ./.fyne-tool package -os windows --release
	rm -f .fyne-tool
