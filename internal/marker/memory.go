package marker

import (
	"os"
	"runtime/debug"
	"sync"
)

// Marking holds a draft's main part about three times over at its peak
// (as read, its parse, and the stamped copy), and docs/benchmarks.md
// promises a peak of 3× document.xml + 50 MB. The garbage collector's
// default pacing lets the heap grow to twice what is live before it
// collects, which for a 200 MB document.xml means well over a gigabyte;
// so while a large draft is stamped the runtime is given a soft memory
// limit of that budget (never above a limit the user set with GOMEMLIMIT),
// and collects harder instead of growing.

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
	// prevLimit are what a large draft gets back meanwhile.
	quiet       bool
	prevPercent int
	prevLimit   int64
}

// holdMemory budgets 3×size for a main part of size bytes until release
// is called; drafts stamped side by side add up.
func holdMemory(size int64) (release func()) {
	memBudget.Lock()
	defer memBudget.Unlock()
	if size < largeMain && (!memBudget.quiet || size < quietMain) {
		return func() {}
	}
	if memBudget.active == 0 {
		memBudget.prev = debug.SetMemoryLimit(-1)
		if memBudget.quiet { // the usual pacing under the budget below
			debug.SetGCPercent(memBudget.prevPercent)
			memBudget.prev = memBudget.prevLimit
		}
	}
	memBudget.active += 3 * size
	debug.SetMemoryLimit(min(memBudget.prev, memBudget.active+heapSlack))
	return func() {
		memBudget.Lock()
		defer memBudget.Unlock()
		memBudget.active -= 3 * size
		if memBudget.active == 0 {
			if memBudget.quiet {
				debug.SetGCPercent(-1)
				debug.SetMemoryLimit(quietLimit)
				return
			}
			debug.SetMemoryLimit(memBudget.prev)
			return
		}
		debug.SetMemoryLimit(min(memBudget.prev, memBudget.active+heapSlack))
	}
}

// A small draft's mark allocates a few megabytes, all of it garbage by the
// end of the process; with the default pacing the collector starts at a
// 4 MB heap and runs several cycles, which in a one-shot command process
// costs more CPU and wall time than the mark itself (background workers
// and assists on both cores, then sweeping). QuietGC turns collection off
// and leaves it to a soft memory limit of quietLimit instead: a batch of
// small drafts collects when its garbage reaches that, cheaply, since
// little of it is live. A draft whose main part reaches quietMain gets the
// default pacing back under its own budget while it is stamped
// (holdMemory), so the promised peak memory holds for large drafts too.
const (
	// quietMaxInput: inputs larger than this keep the default pacing.
	quietMaxInput = 4 << 20
	// quietLimit is well inside the 50 MB of slack docs/benchmarks.md
	// allows beside the drafts.
	quietLimit = 40 << 20
	// quietMain: from this main part size on, a draft's three copies
	// would crowd quietLimit, so it is paced as a large one.
	quietMain = 4 << 20
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
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || st.Size() > quietMaxInput {
			return noop
		}
	}
	memBudget.Lock()
	defer memBudget.Unlock()
	if memBudget.quiet || memBudget.active > 0 {
		return noop
	}
	memBudget.quiet = true
	memBudget.prevPercent = debug.SetGCPercent(-1)
	memBudget.prevLimit = debug.SetMemoryLimit(quietLimit)
	return func() {
		memBudget.Lock()
		defer memBudget.Unlock()
		memBudget.quiet = false
		debug.SetGCPercent(memBudget.prevPercent)
		debug.SetMemoryLimit(memBudget.prevLimit)
	}
}
