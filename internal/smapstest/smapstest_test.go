package smapstest

import (
	"errors"
	"slices"
	"testing"
	"unsafe"
)

// TestVmFlags: a heap object's mapping is readable and writable (rd wr),
// and an address nothing maps has no mapping.
func TestVmFlags(t *testing.T) {
	b := make([]byte, 1<<20)
	f, err := VmFlags(uintptr(unsafe.Pointer(&b[0])))
	if errors.Is(err, ErrNoSmaps) {
		t.Skip(err)
	}
	if err != nil || !slices.Contains(f, "rd") || !slices.Contains(f, "wr") {
		t.Errorf("VmFlags of the heap = %v, %v; want rd and wr", f, err)
	}
	if f, err := VmFlags(8); err == nil {
		t.Errorf("VmFlags(8) = %v, want an error", f)
	}
}
