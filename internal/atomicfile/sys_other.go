//go:build !linux

package atomicfile

import (
	"errors"
	"os"
)

func startWriteback(f *os.File, off, n int64) {}

func openUnnamed(dir string) *os.File { return nil }

func link(f *os.File, path string) error { return errors.New("unnamed files are Linux only") }
