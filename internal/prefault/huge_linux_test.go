package prefault

import (
	"runtime"
	"slices"
	"testing"
	"unsafe"

	"github.com/docattr/docattr/internal/hugeheap"
	"github.com/docattr/docattr/internal/smapstest"
)

// TestHugePagesOnlyWhileFilling: where huge pages are given on request,
// a buffer's whole 2 MB blocks ask for them while Behind runs, and no
// longer once its stop returned; the bytes are what was written.
func TestHugePagesOnlyWhileFilling(t *testing.T) {
	if !hugeheap.Enabled() || runtime.GOMAXPROCS(0) < 2 {
		t.Skip("transparent huge pages are not given on request here, or one core")
	}
	b := make([]byte, 8<<20)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	inside := (start + hugeheap.BlockSize - 1) &^ (hugeheap.BlockSize - 1)
	stop := Behind(b)
	if f := smapstest.Flags(t, inside); !slices.Contains(f, "hg") {
		t.Errorf("while filling: VmFlags %v, want hg", f)
	}
	for i := range b {
		b[i] = byte(i)
	}
	stop()
	if f := smapstest.Flags(t, inside); slices.Contains(f, "hg") || !slices.Contains(f, "nh") {
		t.Errorf("after stop: VmFlags %v, want nh and no hg", f)
	}
	for i := range b {
		if b[i] != byte(i) {
			t.Fatalf("byte %d is %d", i, b[i])
		}
	}
	runtime.KeepAlive(b)
}
