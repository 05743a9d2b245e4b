//go:build nogui

package main

import (
	"os"

	"github.com/docattr/docattr/internal/cli"
	_ "github.com/docattr/docattr/internal/hugeheap" // the start's heap in huge pages
)

// main is the GUI-free build: every argument list goes to the command line,
// an empty one prints the help (there is no window to open).
func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		args = []string{"help"}
	}
	os.Exit(cli.Run(args, os.Stdout, os.Stderr))
}
