package stats

import (
	"io"
	"os"
	"testing"

	"github.com/docattr/docattr/internal/audit"
)

// BenchmarkYearOfLog counts a year of the log DOCATTR_BENCH_AUDIT_LOG
// names (scripts/bench_audit.sh caches a 1,000,000-event one in
// ~/.cache/docattr-bench): what `docattr stats --year` does, minus the
// process start.
func BenchmarkYearOfLog(b *testing.B) {
	path := os.Getenv("DOCATTR_BENCH_AUDIT_LOG")
	if path == "" {
		b.Skip("DOCATTR_BENCH_AUDIT_LOG is not set")
	}
	l, err := audit.Open(path, audit.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for b.Loop() {
		sb := NewBuilder(2025)
		if err := sb.AddLog(l, LocalSource); err != nil {
			b.Fatal(err)
		}
		if err := WriteText(io.Discard, sb.Report()); err != nil {
			b.Fatal(err)
		}
	}
}
