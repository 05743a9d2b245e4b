// Package prefault maps the pages of a large fresh buffer on the second
// core while the first fills it.
//
// A fresh page costs a fault the first time it is written: the kernel
// finds it a zeroed page and maps it. On the virtual machines offices run
// (and on the build machine) that fault can cost 15 µs or more, so filling
// a 10 MB buffer — the inflated main part of a long draft, an input read
// whole — spent three quarters of its time in faults, on one core, while
// the other waited for the result. Behind asks the kernel to map the
// buffer's pages from its end backwards on another goroutine
// (madvise MADV_POPULATE_WRITE) while the caller fills it from the start:
// the two meet in the middle, and each page is faulted once, by whichever
// gets there first. Mapping a page changes nothing a program can see (it
// reads zero either way), so the two need no other coordination, and the
// caller's bytes are never touched.
//
// Where the kernel gives transparent huge pages on request, the buffer's
// whole 2 MB blocks ask for them while it is filled (one fault, one zeroed
// 2 MB page, instead of 512 of each), and the request is withdrawn when
// Behind's stop returns, so that the Go heap's memory there is not left
// asking once the buffer is freed (decision 027; hugeheap.Ask).
package prefault

import (
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/docattr/docattr/internal/hugeheap"
)

// MinSize is the least buffer Behind works on: below it the goroutine and
// the system calls cost about what they save.
const MinSize = 1 << 20

// chunk is how much one system call maps: small enough that the helper
// stops soon after the caller is done, large enough that the calls cost
// little beside the faults.
const chunk = 256 << 10

// Behind starts mapping b's pages from its end backwards and returns a
// function that stops it and waits until it has stopped; call that when b
// is filled (or abandoned). A small buffer, a single core, or a system
// without the call make it a no-op.
func Behind(b []byte) (stop func()) {
	if len(b) < MinSize || runtime.GOMAXPROCS(0) < 2 || !supported() {
		return func() {}
	}
	huge := hugeheap.Ask(b)
	var done atomic.Bool
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for end := len(b); end > 0 && !done.Load(); end -= chunk {
			if !populate(b[max(0, end-chunk):end]) {
				return
			}
		}
	}()
	return func() {
		done.Store(true)
		wg.Wait()
		huge.Withdraw()
	}
}
