// Command auditgen writes a synthetic audit log for scripts/bench_audit.sh:
//
//	auditgen -n 1000000 PATH
//
// PATH must not exist yet (the generator appends to whatever is there).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/docattr/docattr/internal/auditgen"
)

func main() {
	n := flag.Int("n", 1_000_000, "number of events")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: auditgen -n N PATH")
		os.Exit(2)
	}
	path := flag.Arg(0)
	if _, err := os.Stat(path); err == nil {
		fmt.Fprintln(os.Stderr, "auditgen: "+path+" exists")
		os.Exit(2)
	}
	if err := auditgen.Build(path, *n); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
