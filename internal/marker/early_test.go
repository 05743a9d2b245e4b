package marker

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
)

// A run that opens the log itself (MarkOpening) reads the head and the
// rerun ids while the drafts are read, and opens the log for the commit
// while the last output syncs: never for writing while one of its own
// reads holds the log (bbolt's lock would refuse it, here after a
// timeout), one write per chunk, every event committed, and the log let go
// at the end, also when every draft was refused.
func TestMarkOpeningOpensInOrder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	l, err := audit.Open(path, audit.Options{}) // the log exists before a read-only open
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	var mu sync.Mutex
	var opens []bool // readOnly of each open, in order
	open := func(readOnly bool) (*audit.Log, error) {
		mu.Lock()
		opens = append(opens, readOnly)
		mu.Unlock()
		return audit.Open(path, audit.Options{ReadOnly: readOnly, Timeout: 2 * time.Second})
	}
	dir := t.TempDir()
	var jobs []Job
	for i, name := range []string{"000-plain.docx", "001-plain.docx", "002-plain.docx"} {
		jobs = append(jobs, Job{Input: draft(t, name), Output: filepath.Join(dir, string(rune('a'+i))+".docx")})
	}
	req := Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}
	for _, r := range MarkOpening(path, open, jobs, req, nil) {
		if r.Err != nil || r.Event.Seq == 0 {
			t.Errorf("%s: %v, event %d", r.Input, r.Err, r.Event.Seq)
		}
	}
	mu.Lock()
	if n := len(opens); n < 2 || opens[n-1] || count(opens, false) != 1 {
		t.Errorf("opens (read-only?) %v: want reads, then the one write last", opens)
	}
	opens = nil
	mu.Unlock()
	// Every draft refused (依申请公开 without a reason): nothing to commit.
	refused := Request{Decision: attr.Decision{Attribute: attr.OnRequest}, Actor: actor}
	for _, r := range MarkOpening(path, open, jobs, refused, nil) {
		if r.Err == nil {
			t.Errorf("%s marked without a reason", r.Input)
		}
	}
	w, err := audit.Open(path, audit.Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatalf("the log is still held after the runs: %v", err)
	}
	defer w.Close()
	if rep, err := w.Verify(); err != nil || !rep.OK || rep.Events != len(jobs) {
		t.Errorf("log: %+v, %v; want %d events", rep, err, len(jobs))
	}
}

func count(xs []bool, v bool) int {
	n := 0
	for _, x := range xs {
		if x == v {
			n++
		}
	}
	return n
}
