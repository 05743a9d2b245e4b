//go:build !linux

package prefault

import "testing"

func resident(t *testing.T, b []byte) (in, all int) {
	t.Skip("mincore: Linux only")
	return 0, 0
}
