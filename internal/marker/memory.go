package marker

import (
	"archive/zip"
	"os"
	"path"
	"runtime/debug"
	"strings"
	"sync"

	"github.com/docattr/docattr/internal/hugeheap"
)

// docs/benchmarks.md promises a peak of 3× document.xml + 50 MB. Marking
// holds a draft's main part about twice over at its peak: as read, and its
// parse (text, paragraphs, the page estimate's blocks); the stamped copy is
// the draft's own bytes plus a small tail, streamed out (opc.Edited). The
// garbage collector's default pacing lets the heap grow to twice what is
// live before it collects, which for a 200 MB document.xml means close to a
// gigabyte; so while a large draft is read and stamped the runtime is given
// a soft memory limit of twice the part plus some slack (never above a
// limit the user set with GOMEMLIMIT), and collects harder instead of
// growing. The third copy the promise allows is the margin: the desktop
// build maps some 20 MB more of libraries than the command-line one.

// largeMain is the main part size from which the budget is enforced:
// below it the 50 MB of slack hold everything.
const largeMain = 16 << 20

// heapSlack is the Go heap's share of the 50 MB beyond the three copies:
// the rest is the program itself (code and libraries).
const heapSlack = 20 << 20

var memBudget struct {
	sync.Mutex
	active int64 // bytes budgeted for the drafts being stamped
	prev   int64 // the limit before the first of them
	// quiet is set while QuietGC's pacing is on; prevPercent and
	// prevLimit are what its restore puts back.
	quiet       bool
	prevPercent int
	prevLimit   int64
}

// holdMemory budgets 2×size for a main part of size bytes until release
// is called; drafts stamped side by side add up.
func holdMemory(size int64) (release func()) {
	memBudget.Lock()
	defer memBudget.Unlock()
	if memBudget.quiet {
		return holdQuiet(size)
	}
	if size < largeMain {
		return func() {}
	}
	if memBudget.active == 0 {
		memBudget.prev = debug.SetMemoryLimit(-1)
	}
	memBudget.active += 2 * size
	debug.SetMemoryLimit(min(memBudget.prev, memBudget.active+heapSlack))
	return func() {
		memBudget.Lock()
		defer memBudget.Unlock()
		memBudget.active -= 2 * size
		if memBudget.active == 0 {
			debug.SetMemoryLimit(memBudget.prev)
			return
		}
		debug.SetMemoryLimit(min(memBudget.prev, memBudget.active+heapSlack))
	}
}

// mainSize is the declared size of a draft's main part, read from its zip
// directory before the draft is read, so that the budget holds while it is
// parsed too. Files too small to hold a large main part (even at XML's best
// compression ratios) are not opened twice; a file that cannot be read as a
// zip gets 0 and the read reports why.
func mainSize(file string) int64 {
	if st, err := os.Stat(file); err != nil || st.Size() < largeMain/32 {
		return 0
	}
	z, err := zip.OpenReader(file)
	if err != nil {
		return 0
	}
	defer z.Close()
	var size int64
	for _, f := range z.File {
		// The main part is named by the package's relationships; every
		// Word producer calls it …/document.xml, and a wrong guess only
		// loosens the budget.
		if strings.EqualFold(path.Base(f.Name), "document.xml") && f.UncompressedSize64 < 1<<40 {
			size = max(size, int64(f.UncompressedSize64))
		}
	}
	return size
}

// holdQuiet is holdMemory under QuietGC (memBudget locked): the collector
// stays off, and its limit grows to the whole budget the promise allows
// (three times the part and the slack), so a draft of a few megabytes of
// XML in a small file is read and stamped without a cycle (a 10 MB part
// took two, some 20 ms of both cores, under the 40 MiB limit).
func holdQuiet(size int64) (release func()) {
	if size < quietMain {
		return func() {}
	}
	memBudget.active += quietShare(size)
	debug.SetMemoryLimit(max(quietLimit, memBudget.active+heapSlack))
	// Released, the limit stays: lowering it under the heap the draft
	// left would start a cycle for garbage the process is about to drop,
	// and the next draft of a batch is held within the same promise.
	return func() {
		memBudget.Lock()
		defer memBudget.Unlock()
		memBudget.active -= quietShare(size)
	}
}

// quietShare is a draft's budget under QuietGC: the promise's whole three
// copies for a part of a few megabytes, twice the part from largeMain on,
// where the promise's third copy is kept as the margin it is for paced
// drafts (a 192 MB part peaked at 603 MB against 627 with three).
func quietShare(size int64) int64 {
	if size >= largeMain {
		return 2 * size
	}
	return 3 * size
}

// A small draft's mark allocates a few megabytes, all of it garbage by the
// end of the process; with the default pacing the collector starts at a
// 4 MB heap and runs several cycles, which in a one-shot command process
// costs more CPU and wall time than the mark itself (background workers
// and assists on both cores, then sweeping). QuietGC turns collection off
// and leaves it to a soft memory limit of quietLimit instead: a batch of
// small drafts collects when its garbage reaches that, cheaply, since
// little of it is live. A draft whose main part reaches quietMain raises
// the limit to its own budget while it is read and stamped (holdQuiet), so
// the promised peak memory holds for it too.
const (
	// quietMaxInput: inputs larger than this keep the default pacing.
	quietMaxInput = 64 << 20
	// quietLimit is well inside the 50 MB of slack docs/benchmarks.md
	// allows beside the drafts.
	quietLimit = 40 << 20
	// quietMain: from this main part size on, a draft's own budget
	// (quietShare and the slack) raises the limit when it is larger.
	quietMain = 4 << 20
	// reserveFrom: from this input size on, the mark is likely to fill
	// more of the heap than its first chunk, and the heap it grows into
	// is asked for huge pages first (hugeheap.Reserve: a collection,
	// about a millisecond, against some 12 µs a fresh 4 KB page costs on
	// a virtual machine). reserveSize is what a draft of a few megabytes
	// of XML fills (the real draft of docs/benchmarks.md, 10 MB of it,
	// peaks at 35 MB), kept under quietLimit.
	reserveFrom = 1 << 20
	reserveSize = 32 << 20
)

// QuietGC sets the command-line process's collector for marking the
// inputs at paths (see quietLimit) and returns what restores it. It does
// nothing when the user set GOGC or GOMEMLIMIT, or when an input is larger
// than quietMaxInput or cannot be read (the mark reports that).
func QuietGC(paths []string) (restore func()) {
	noop := func() {}
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return noop
	}
	var largest int64
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || st.Size() > quietMaxInput {
			return noop
		}
		largest = max(largest, st.Size())
	}
	memBudget.Lock()
	defer memBudget.Unlock()
	if memBudget.quiet || memBudget.active > 0 {
		return noop
	}
	memBudget.quiet = true
	memBudget.prevPercent = debug.SetGCPercent(-1)
	if largest >= reserveFrom {
		hugeheap.Reserve(reserveSize) // before the limit, which it would pass
	}
	memBudget.prevLimit = debug.SetMemoryLimit(quietLimit)
	return func() {
		memBudget.Lock()
		defer memBudget.Unlock()
		memBudget.quiet = false
		debug.SetGCPercent(memBudget.prevPercent)
		debug.SetMemoryLimit(memBudget.prevLimit)
	}
}
