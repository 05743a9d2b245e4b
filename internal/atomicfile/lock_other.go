//go:build !unix

package atomicfile

import (
	"os"
	"time"
)

// lockTemp is a no-op: on Windows a file its writer holds open cannot be
// deleted by another process, which is the protection Sweep relies on.
func lockTemp(f *os.File) {}

// staleAge is how old a temporary file must be before Sweep removes it
// where there is no lock to ask: older than any marking takes.
const staleAge = 10 * time.Minute

func removeIfStale(path string) bool {
	st, err := os.Lstat(path)
	if err != nil || time.Since(st.ModTime()) < staleAge {
		return false
	}
	return os.Remove(path) == nil
}
