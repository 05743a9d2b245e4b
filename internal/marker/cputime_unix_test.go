//go:build unix

package marker_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time (user and system, every thread) the test process
// used so far: on a machine shared with other work, the benchmarks report
// it beside wall time, which the others' load inflates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
