//go:build !linux

package atomicfile

import (
	"errors"
	"os"
)

func startWriteback(f *os.File, off, n int64) {}

// errDirectUnsupported is setDirect's answer where direct writes do not exist.
var errDirectUnsupported = errors.New("direct writes not supported")

func setDirect(f *os.File, on bool) error {
	if on {
		return errDirectUnsupported
	}
	return nil
}

func openUnnamed(dir string) *os.File { return nil }

func link(f *os.File, path string) error { return errors.New("unnamed files are Linux only") }
