# docattr — see README.md. Every target works on a fresh Debian 12 machine with Go.
GO      ?= go
PKGS    := ./...

.PHONY: run deps build test test-engine fuzz bench vet lint clean package windows cli release deb

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
	gofmt -l $$(git ls-files "*.go" ":!third_party") | tee /dev/stderr | (! read -r unformatted)
	$(GO) vet $(PKGS)
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.7.0 $(PKGS)

clean:
	rm -rf docattr docattr.exe docattr.tar.xz dist

## package: a Linux desktop package (docattr.tar.xz) with icon and .desktop entry
# (fyne package bumps Build in FyneApp.toml: the file is restored so the tree stays clean)
package: deps
	mkdir -p .cache && cp FyneApp.toml .cache/FyneApp.toml.keep
	$(GO) tool fyne package -os linux --release; s=$$?; cp .cache/FyneApp.toml.keep FyneApp.toml; exit $$s

## cli: static, GUI-free command-line binaries for amd64, arm64, loong64 in dist/
cli:
	scripts/release.sh cli

## windows: dist/docattr.exe (windowed) and dist/docattr-cli.exe (console), cross-built with mingw-w64
windows:
	scripts/release.sh windows

## deb: dist/docattr_VERSION_{amd64,arm64,loong64}.deb (GUIs linked for glibc 2.28 with zig cc;
# arm64 needs the arm64 libraries, see docs/building.md)
deb:
	scripts/release.sh cli gui gui-arm64 check deb

## release: every artefact in dist/ (see docs/building.md)
release:
	scripts/release.sh all
