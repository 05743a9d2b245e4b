package prefault

import (
	"bytes"
	"os"
	"sync"
	"syscall"
	"unsafe"
)

const (
	madvHugepage   = 14 // MADV_HUGEPAGE
	madvNohugepage = 15 // MADV_NOHUGEPAGE
	hugeSize       = 2 << 20
)

// hugeOnRequest reports whether the kernel gives transparent huge pages
// only to the memory that asks for them ("madvise", as on this project's
// build machine and many desktops). With "always" the Go heap has them
// already; with "never" asking does nothing.
var hugeOnRequest = sync.OnceValue(func() bool {
	mode, err := os.ReadFile("/sys/kernel/mm/transparent_hugepage/enabled")
	return err == nil && bytes.Contains(mode, []byte("[madvise]"))
})

// hugeRange is the part of a buffer asked to be backed by huge pages.
type hugeRange struct{ start, end uintptr }

// hugeBegin asks for huge pages for the 2 MB blocks that lie wholly inside
// b, where the kernel gives them on request; the zero range when it did
// not ask.
func hugeBegin(b []byte) hugeRange {
	if !hugeOnRequest() {
		return hugeRange{}
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	r := hugeRange{(start + hugeSize - 1) &^ (hugeSize - 1), (start + uintptr(len(b))) &^ (hugeSize - 1)}
	if r.end <= r.start {
		return hugeRange{}
	}
	if _, _, errno := syscall.Syscall(syscall.SYS_MADVISE, r.start, r.end-r.start, madvHugepage); errno != 0 {
		return hugeRange{}
	}
	return r
}

// hugeEnd withdraws the request once the buffer is filled: the pages it
// has keep their size, but the Go heap's memory there, once the buffer is
// freed and reused, is not given huge pages for good (the memory growth
// that made the Go runtime stop asking for them). In "madvise" mode "no"
// is what asking nothing meant.
func hugeEnd(r hugeRange) {
	if r.end > r.start {
		syscall.Syscall(syscall.SYS_MADVISE, r.start, r.end-r.start, madvNohugepage)
	}
}
