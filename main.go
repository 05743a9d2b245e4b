//go:build !nogui

// Command docattr is 公文公开属性助手: with a subcommand it is the command
// line (docattr help), without one it opens the desktop app. Built with
// -tags nogui it is the command line alone (main_nogui.go): no Fyne, no cgo,
// a static binary for servers and for docattr-cli.exe.
package main

import (
	"os"

	"github.com/docattr/docattr/app"
	"github.com/docattr/docattr/internal/cli"
	_ "github.com/docattr/docattr/internal/hugeheap"  // the start's heap in huge pages
	_ "github.com/docattr/docattr/internal/localefix" // must run before Fyne reads the locale
	"github.com/docattr/docattr/internal/winconsole"
)

func main() {
	args := os.Args[1:]
	start := cli.Route(args)
	if start.CLI {
		winconsole.Attach()
		os.Exit(cli.Run(args, os.Stdout, os.Stderr))
	}
	os.Exit(app.Run(start.Open, start.DB))
}
