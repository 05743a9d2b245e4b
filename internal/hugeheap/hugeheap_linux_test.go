package hugeheap

import (
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/docattr/docattr/internal/smapstest"
)

func TestWanted(t *testing.T) {
	cases := []struct {
		mode, godebug string
		want          bool
	}{
		{"always [madvise] never\n", "", true},
		{"always [madvise] never\n", "disablethp=0", true},
		{"always [madvise] never\n", "madvdontneed=1,disablethp=1", false},
		{"[always] madvise never\n", "", false},
		{"always madvise [never]\n", "", false},
		{"", "", false},
	}
	for _, c := range cases {
		if got := wanted([]byte(c.mode), c.godebug); got != c.want {
			t.Errorf("wanted(%q, %q) = %v, want %v", c.mode, c.godebug, got, c.want)
		}
	}
}

// resident counts the resident pages of the block at b.
func resident(t *testing.T, b uintptr) int {
	t.Helper()
	n, errno := residentPages(b)
	if errno != 0 {
		t.Fatalf("mincore %#x: %v", b, errno)
	}
	return n
}

// asksHuge reports whether the mapping that holds addr asks for huge
// pages (VmFlags hg).
func asksHuge(t *testing.T, addr uintptr) bool {
	t.Helper()
	return slices.Contains(smapstest.Flags(t, addr), "hg")
}

// thpFaultFallbacks is how many faults the kernel has answered with small
// pages where a huge one was asked for (/proc/vmstat).
func thpFaultFallbacks(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/vmstat")
	if err != nil {
		t.Skip(err)
	}
	for line := range strings.Lines(string(b)) {
		if v, ok := strings.CutPrefix(line, "thp_fault_fallback "); ok {
			n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			return n
		}
	}
	return 0
}

func skipUnlessEnabled(t *testing.T) {
	if !enabled {
		t.Skip("transparent huge pages are not given on request here")
	}
}

// TestStartBacksTheFirstBlocks: the blocks the heap had begun to use when
// the package started are whole huge pages (every 4 KB page of them
// resident, not only the ones used) and ask for more.
func TestStartBacksTheFirstBlocks(t *testing.T) {
	skipUnlessEnabled(t)
	if len(report.collapse) == 0 {
		t.Fatal("no block of the heap held pages at the start")
	}
	done := 0
	for _, b := range report.collapse {
		switch b.errno {
		case 0:
			done++
			if n := resident(t, b.addr); n != BlockSize/4096 {
				t.Errorf("block %#x: %d of %d pages resident, want a whole huge page", b.addr, n, BlockSize/4096)
			}
			if !asksHuge(t, b.addr) {
				t.Errorf("block %#x does not ask for huge pages", b.addr)
			}
		default:
			// EAGAIN, ENOMEM: no huge page free; EINVAL: a kernel without
			// MADV_COLLAPSE (before 6.1), or a block that is not all one
			// mapping. The block stays as it was.
			t.Logf("block %#x not collapsed: %v", b.addr, b.errno)
		}
	}
	if done == 0 && !t.Failed() {
		t.Skip("no block could be collapsed here")
	}
	runtime.KeepAlive(report.probe)
}

// TestReserveServesTheNextAllocations: after Reserve, what is allocated
// next lands in the reserved memory, in huge pages: a few kilobytes
// written in a block make all of its 2 MB resident.
func TestReserveServesTheNextAllocations(t *testing.T) {
	skipUnlessEnabled(t)
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	Reserve(16 << 20)
	lo, hi := report.reserve.lo, report.reserve.hi
	if hi <= lo {
		t.Fatal("Reserve asked for nothing")
	}
	for b := lo; b < hi; b += BlockSize {
		if !asksHuge(t, b) {
			t.Errorf("reserved block %#x does not ask for huge pages", b)
		}
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	Reserve(16 << 20) // once per process: no second collection
	runtime.ReadMemStats(&after)
	if after.NumGC != before.NumGC {
		t.Fatal("a second Reserve collected again")
	}
	fallbacks := thpFaultFallbacks(t)
	var keep [][]byte
	landed := uintptr(0)
	for range 1 << 15 { // 32 MB of 1 KB objects at most
		b := make([]byte, 1<<10)
		keep = append(keep, b)
		if a := uintptr(unsafe.Pointer(&b[0])); lo <= a && a < hi {
			landed = a &^ (BlockSize - 1)
			break
		}
	}
	if landed == 0 {
		t.Fatalf("no allocation landed in the reserved memory %#x-%#x", lo, hi)
	}
	if n := resident(t, landed); n != BlockSize/4096 {
		if thpFaultFallbacks(t) > fallbacks {
			t.Skip("the kernel had no huge page free")
		}
		t.Errorf("reserved block %#x: %d of %d pages resident, want a whole huge page", landed, n, BlockSize/4096)
	}
	runtime.KeepAlive(keep)
}
