//go:build unix

package atomicfile

import (
	"os"

	"golang.org/x/sys/unix"
)

// lockTemp holds an advisory lock on a temporary file for as long as its
// writer has it open: the kernel drops it when the process dies, which is
// how Sweep tells a crashed writer's file from a live one.
func lockTemp(f *os.File) { _ = unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) }

func removeIfStale(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	if unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB) != nil {
		return false // its writer is alive
	}
	held, err1 := f.Stat()
	named, err2 := os.Lstat(path)
	if err1 != nil || err2 != nil || !os.SameFile(held, named) {
		return false // renamed into place or replaced meanwhile
	}
	return os.Remove(path) == nil
}
