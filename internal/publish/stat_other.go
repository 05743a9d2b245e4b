//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package publish

import "os"

// unchanged reports whether a file kept its size and modification time.
func unchanged(a, b os.FileInfo) bool {
	return a.Size() == b.Size() && a.ModTime().Equal(b.ModTime())
}
