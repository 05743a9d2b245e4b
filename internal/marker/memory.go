package marker

import (
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
}

// holdMemory budgets 3×size for a main part of size bytes until release
// is called; drafts stamped side by side add up.
func holdMemory(size int64) (release func()) {
	if size < largeMain {
		return func() {}
	}
	memBudget.Lock()
	defer memBudget.Unlock()
	if memBudget.active == 0 {
		memBudget.prev = debug.SetMemoryLimit(-1)
	}
	memBudget.active += 3 * size
	debug.SetMemoryLimit(min(memBudget.prev, memBudget.active+heapSlack))
	return func() {
		memBudget.Lock()
		defer memBudget.Unlock()
		memBudget.active -= 3 * size
		if memBudget.active == 0 {
			debug.SetMemoryLimit(memBudget.prev)
			return
		}
		debug.SetMemoryLimit(min(memBudget.prev, memBudget.active+heapSlack))
	}
}
