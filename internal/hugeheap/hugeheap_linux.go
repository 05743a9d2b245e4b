package hugeheap

import (
	"runtime"
	"sync/atomic"
	"syscall"
	"unsafe"
)

const (
	madvHugepage   = 14 // MADV_HUGEPAGE
	madvNohugepage = 15 // MADV_NOHUGEPAGE
	madvCollapse   = 25 // MADV_COLLAPSE (Linux 6.1)
	// The blocks asked at the start lie around the first object this
	// package allocates: the heap starts up to a block below it, and the
	// runtime maps its first chunk 4 MB at a time. It maps later chunks
	// afresh, without the request, so the start's request reaches no
	// further than the memory a start uses.
	startBelow = 1 * BlockSize
	startAbove = 2 * BlockSize
)

// enabled: the kernel gives huge pages on request, pages are 4 KB (with
// larger ones a huge page is not 2 MB), and nobody said no.
var enabled bool

// reserved: Reserve ran (once per process).
var reserved atomic.Bool

// report is what was done, for the tests.
var report struct {
	probe    *[64]byte // the start's first object: where the heap is
	collapse []block   // the start's blocks that held pages, and what collapsing them gave
	reserve  Range     // the blocks Reserve asked for
}

// block is a 2 MB block and the error of putting it in a huge page
// (0: done).
type block struct {
	addr  uintptr
	errno syscall.Errno
}

// Enabled reports whether huge pages are given here only on request, and
// asking for them is allowed (see wanted).
func Enabled() bool { return enabled }

func init() {
	enabled = syscall.Getpagesize() == 4096 && wanted(readMode(), godebug())
	if enabled {
		start()
	}
}

// wanted reports whether to ask: the kernel's mode (the text of
// /sys/kernel/mm/transparent_hugepage/enabled) gives huge pages only on
// request, and GODEBUG does not turn them off for the Go heap
// (disablethp=1). With "always" the heap has them already; with "never"
// the administrator said no.
func wanted(mode []byte, godebug string) bool {
	return contains(string(mode), "[madvise]") && !contains(godebug, "disablethp=1")
}

// start asks for huge pages on the heap's first blocks. A block that
// already holds pages keeps its small ones when asked; collapsing it
// copies them into one huge page (about 0.3 ms), so the rest of the block
// costs no more faults. A block not yet used gets its huge page at its
// first fault.
func start() {
	report.probe = new([64]byte)
	at := uintptr(unsafe.Pointer(report.probe)) &^ (BlockSize - 1)
	lo, hi := at-startBelow, at+startAbove
	if !advise(lo, hi) {
		return
	}
	for b := lo; b < hi; b += BlockSize {
		if inUse(b) {
			_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, b, BlockSize, madvCollapse)
			report.collapse = append(report.collapse, block{b, errno})
		}
	}
}

// Reserve makes the next n bytes of heap growth come from memory that
// asks for huge pages. The runtime maps new heap memory without the
// request, so Reserve has it map n bytes now: it allocates them (fresh
// memory is zero already, so nothing is written), asks for huge pages on
// their whole blocks, drops them and collects, and what is allocated next
// reuses that memory. The collection costs about a millisecond, so it is
// for a command about to fill tens of megabytes, whose caller has turned
// the collector's pacing off (the allocation would start a collection of
// its own) and not yet set a memory limit below n. Once per process; the
// desktop app does not call it (decision 027: a heap asking for good grows).
func Reserve(n int) {
	if !enabled || n < 2*BlockSize || !reserved.CompareAndSwap(false, true) {
		return
	}
	b := make([]byte, n)
	report.reserve = Ask(b)
	runtime.KeepAlive(b)
	runtime.GC()
}

// Ask asks for huge pages on the whole blocks inside b, where they are
// given on request; it returns what it asked for.
func Ask(b []byte) Range {
	if !enabled {
		return Range{}
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	r := Range{(start + BlockSize - 1) &^ (BlockSize - 1), (start + uintptr(len(b))) &^ (BlockSize - 1)}
	if r.hi <= r.lo || !advise(r.lo, r.hi) {
		return Range{}
	}
	return r
}

// Withdraw takes back what Ask asked: the pages the range has keep their
// size, but the Go heap's memory there, once freed and reused, is not
// given huge pages for good (the memory growth that made the Go runtime
// stop asking for them, decision 027). With huge pages given on request,
// "no" is what asking nothing meant.
func (r Range) Withdraw() {
	if r.hi > r.lo {
		syscall.Syscall(syscall.SYS_MADVISE, r.lo, r.hi-r.lo, madvNohugepage)
	}
}

// advise asks for huge pages on [lo, hi); ENOMEM means part of the range
// is not mapped, and the rest has asked.
func advise(lo, hi uintptr) bool {
	_, _, errno := syscall.Syscall(syscall.SYS_MADVISE, lo, hi-lo, madvHugepage)
	return errno == 0 || errno == syscall.ENOMEM
}

// inUse reports whether any page of the block at b is resident.
func inUse(b uintptr) bool {
	n, errno := residentPages(b)
	return errno == 0 && n > 0 // an error: not mapped, or not all of it
}

// residentPages counts the resident 4 KB pages of the block at b
// (mincore).
func residentPages(b uintptr) (int, syscall.Errno) {
	var vec [BlockSize / 4096]byte
	if _, _, errno := syscall.Syscall(syscall.SYS_MINCORE, b, BlockSize, uintptr(unsafe.Pointer(&vec[0]))); errno != 0 {
		return 0, errno
	}
	n := 0
	for _, v := range vec {
		n += int(v & 1)
	}
	return n, 0
}

// readMode returns the kernel's transparent huge page mode, or nothing.
func readMode() []byte {
	fd, err := syscall.Open("/sys/kernel/mm/transparent_hugepage/enabled", syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil
	}
	defer syscall.Close(fd)
	var buf [128]byte
	n, err := syscall.Read(fd, buf[:])
	if err != nil || n <= 0 {
		return nil
	}
	return buf[:n]
}

func godebug() string {
	v, _ := syscall.Getenv("GODEBUG")
	return v
}

// contains is strings.Contains, which this package does not import: the
// strings package's imports would delay its initialisation.
func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
