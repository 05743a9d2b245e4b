package audit_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/auditgen"
)

// BenchmarkInputLookup finds the document id of a draft's latest mark by
// the draft's SHA-256 in a log of DOCATTR_BENCH_INPUT_EVENTS events (default
// 100,000, from internal/auditgen): through the input index (index), and as
// internal/marker did before it, by reading every mark (scan).
func BenchmarkInputLookup(b *testing.B) {
	n := 100_000
	if s := os.Getenv("DOCATTR_BENCH_INPUT_EVENTS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			b.Fatal(err)
		}
	}
	path := filepath.Join(b.TempDir(), "audit.db")
	if err := auditgen.Build(path, n); err != nil {
		b.Fatal(err)
	}
	l, err := audit.Open(path, audit.Options{ReadOnly: true})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	// Marks spread over the log, the last one among them.
	var inputs []string
	for at := n - 1; at >= 0 && len(inputs) < 64; at -= max(n/50, 1) {
		for i := at; i >= 0 && i > at-10; i-- {
			if e := auditgen.Event(i); e.Type == audit.TypeMark {
				inputs = append(inputs, e.InputSHA256)
				break
			}
		}
	}
	b.Run("index", func(b *testing.B) {
		i := 0
		for b.Loop() {
			var id string
			err := l.ByInput(inputs[i%len(inputs)], func(e audit.Event) bool {
				if e.Type == audit.TypeMark && e.DocID != "" {
					id = e.DocID
					return false
				}
				return true
			})
			if err != nil || id == "" {
				b.Fatalf("ByInput: %q, %v", id, err)
			}
			i++
		}
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			byIn := map[string]string{}
			err := l.List(audit.Filter{Type: audit.TypeMark}, func(e audit.Event) error {
				if e.InputSHA256 != "" && e.DocID != "" {
					byIn[e.InputSHA256] = e.DocID
				}
				return nil
			})
			if err != nil || byIn[inputs[0]] == "" {
				b.Fatal(err)
			}
		}
	})
}
