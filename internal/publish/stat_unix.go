//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package publish

import (
	"os"
	"syscall"
)

// unchanged reports whether a file kept its size, modification time and
// (where the system has one) change time, which no user can set back.
func unchanged(a, b os.FileInfo) bool {
	if a.Size() != b.Size() || !a.ModTime().Equal(b.ModTime()) {
		return false
	}
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return !ok1 || !ok2 || ctime(sa) == ctime(sb)
}
