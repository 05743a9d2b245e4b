package prefault

import (
	"os"
	"runtime"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// madvPopulateWrite is MADV_POPULATE_WRITE (Linux 5.14): map the range's
// pages writable, as writing them would, without writing them.
const madvPopulateWrite = 23

// pageSize is the system's: 4 KB on most machines, 16 or 64 KB on some
// ARM ones, where a range rounded to 4 KB would be refused.
var pageSize = os.Getpagesize()

// unsupported is set once the kernel refused the call (older than 5.14).
var unsupported atomic.Bool

func supported() bool { return !unsupported.Load() }

// populate maps the whole pages inside b; false stops the caller. Only
// whole pages: the ones at b's ends may hold other objects, and, though
// mapping them would change nothing either, the range stays b's own.
func populate(b []byte) bool {
	page := uintptr(pageSize)
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	end := start + uintptr(len(b))
	start = (start + page - 1) &^ (page - 1)
	end &^= page - 1
	if end <= start {
		return true
	}
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, start, end-start, madvPopulateWrite)
	runtime.KeepAlive(b)
	switch errno {
	case 0:
		return true
	case syscall.EINVAL: // a kernel without MADV_POPULATE_WRITE
		unsupported.Store(true)
	}
	return false
}
