package marker

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/auditgen"
)

// Re-running a batch on the same original drafts keeps each document's id
// (the drafts carry no record; the log knows their bytes); a different
// draft gets its own id. The mark event carries the 成文日期.
func TestRerunKeepsDocID(t *testing.T) {
	l := openLog(t)
	a, b := draft(t, "000-plain.docx"), draft(t, "001-plain.docx")
	req := Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}
	run := func(dir string) []Result {
		res := Mark(l, []Job{{Input: a, Output: filepath.Join(dir, "a.docx")}, {Input: b, Output: filepath.Join(dir, "b.docx")}}, req, nil)
		for _, r := range res {
			if r.Err != nil {
				t.Fatal(r.Err)
			}
		}
		return res
	}
	first, second := run(t.TempDir()), run(t.TempDir())
	if first[0].Record.DocID != second[0].Record.DocID || first[1].Record.DocID != second[1].Record.DocID {
		t.Errorf("re-run gave new ids: %s→%s, %s→%s", first[0].Record.DocID, second[0].Record.DocID, first[1].Record.DocID, second[1].Record.DocID)
	}
	if first[0].Record.DocID == first[1].Record.DocID {
		t.Error("two different drafts share an id")
	}
	if second[0].Event.DocID != first[0].Record.DocID {
		t.Errorf("event id %s, want %s", second[0].Event.DocID, first[0].Record.DocID)
	}
	if d := first[0].Event.Details["issue_date"]; len(d) != len("2006-01-02") {
		t.Errorf("issue_date = %q, want the draft's 成文日期", d)
	}
}

// readInputIDs picks the input hash and document id out of the stored
// records; it must agree with decoding every event, whatever else the
// events hold: findings, details (one even keyed input_sha256 or doc_id),
// quotes and escapes in their text, other event types with hashes.
func TestReadInputIDsAgreesWithList(t *testing.T) {
	l := openLog(t)
	sum := func(c byte) string { return strings.Repeat(string(c), 64) }
	events := []audit.Event{
		{Type: audit.TypeMark, DocID: "d1", File: `a".docx`, InputSHA256: sum('a'), OutputSHA256: sum('b')},
		{Type: audit.TypeMark, DocID: "d2", InputSHA256: sum('c'), OutputSHA256: sum('d'),
			Reason:   `"input_sha256":"` + sum('e') + `"`,
			Findings: []audit.FindingRef{{Kind: "id_card", Severity: "block", Excerpt: `,"doc_id":"x"`}},
			Details:  map[string]string{"input_sha256": sum('f'), "doc_id": "not-this", "title": `标题"\`}},
		{Type: audit.TypeMark, InputSHA256: sum('g'), OutputSHA256: sum('h')}, // no doc id: not known
		{Type: audit.TypeMark, DocID: "d4", Details: map[string]string{"input_sha256": sum('i')}},
		{Type: "clean", DocID: "d5", InputSHA256: sum('j'), OutputSHA256: sum('k')},
		{Type: audit.TypeMark, DocID: "d6", InputSHA256: sum('a'), OutputSHA256: sum('m')}, // the latest wins
		{Type: audit.TypeMark, DocID: `d"7`, InputSHA256: sum('n'), OutputSHA256: sum('o')},
	}
	for _, e := range events {
		if _, err := l.Append(e); err != nil {
			t.Fatal(err)
		}
	}
	want := map[string]string{}
	err := l.List(audit.Filter{Type: audit.TypeMark}, func(e audit.Event) error {
		if e.InputSHA256 != "" && e.DocID != "" {
			want[e.InputSHA256] = e.DocID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	delete(want, sum('n')) // an escaped id is left out: that draft gets a fresh one
	got := map[string]string{}
	if err := readInputIDs(l, got); err != nil {
		t.Fatal(err)
	}
	if !maps.Equal(got, want) {
		t.Errorf("readInputIDs = %v\nwant %v", got, want)
	}
}

// BenchmarkReadInputIDs reads the input ids of a log of 5,000 marks, what
// a mark of a draft without a record does first.
func BenchmarkReadInputIDs(b *testing.B) {
	benchLog(b, func(l *audit.Log) {
		m := map[string]string{}
		if err := readInputIDs(l, m); err != nil || len(m) != 5000 {
			b.Fatal(err, len(m))
		}
	})
}

func benchLog(b *testing.B, read func(*audit.Log)) {
	l, err := audit.Open(filepath.Join(b.TempDir(), "audit.db"), audit.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	for i := range 5 {
		evs := make([]audit.Event, 1000)
		for j := range evs {
			s := fmt.Sprintf("%064x", i*1000+j)
			evs[j] = audit.Event{Type: audit.TypeMark, DocID: NewDocID(), File: "通知.docx", InputSHA256: s, OutputSHA256: s,
				Attribute: "public", Details: map[string]string{"output": "/tmp/x.docx", "placement": "after_date", "title": "关于开展检查的通知"}}
		}
		if _, err := l.Append(evs...); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		read(l)
	}
}

// appendGenerated appends n events like the ones docattr writes
// (internal/auditgen: mostly marks of other drafts) to l.
func appendGenerated(t *testing.T, l *audit.Log, from, n int) {
	t.Helper()
	var batch []audit.Event
	for i := from; i < from+n; i++ {
		batch = append(batch, auditgen.Event(i))
		if len(batch) == auditgen.Batch || i == from+n-1 {
			if _, err := l.Append(batch...); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

func sumOf(t *testing.T, path string) string {
	t.Helper()
	sum, err := HashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// In a log of many events, a re-mark of a draft that carries no record
// finds the id its bytes were given through the log's input index: the
// marks are not read.
func TestRemarkFindsTheIDThroughTheInputIndex(t *testing.T) {
	l := openLog(t)
	appendGenerated(t, l, 0, 20_000)
	a := draft(t, "000-plain.docx")
	req := Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}
	first := Mark(l, []Job{{Input: a, Output: filepath.Join(t.TempDir(), "a.docx")}}, req, nil)
	if first[0].Err != nil {
		t.Fatal(first[0].Err)
	}
	appendGenerated(t, l, 20_000, 5_000)
	k := &inputIDs{use: func(_ bool, fn func(*audit.Log) error) error { return fn(l) }}
	if id := k.lookup(sumOf(t, a)); id != first[0].Record.DocID || k.all != nil {
		t.Errorf("lookup: %q (marks read whole: %v), want %q", id, k.all != nil, first[0].Record.DocID)
	}
	second := Mark(l, []Job{{Input: a, Output: filepath.Join(t.TempDir(), "a.docx")}}, req, nil)
	if second[0].Err != nil || second[0].Record.DocID != first[0].Record.DocID {
		t.Errorf("re-mark: id %q, %v; want %q", second[0].Record.DocID, second[0].Err, first[0].Record.DocID)
	}
}

// A log whose input index an older docattr did not build (no idx_input)
// still gives a re-mark its id, read from the marks, when the batch reads
// the log read-only; the mark's own write builds the index.
func TestRemarkOfALogWithoutTheInputIndex(t *testing.T) {
	l := openLog(t)
	a := draft(t, "000-plain.docx")
	req := Request{Decision: attr.Decision{Attribute: attr.Public}, Actor: actor}
	first := Mark(l, []Job{{Input: a, Output: filepath.Join(t.TempDir(), "a.docx")}}, req, nil)
	if first[0].Err != nil {
		t.Fatal(first[0].Err)
	}
	appendGenerated(t, l, 0, 2_000)
	path := l.Path()
	l.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte("idx_input")); err != nil {
			return err
		}
		return tx.Bucket([]byte("meta")).Delete([]byte("input_indexed"))
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	open := func(readOnly bool) (*audit.Log, error) { return audit.Open(path, audit.Options{ReadOnly: readOnly}) }
	second := MarkOpening(path, open, []Job{{Input: a, Output: filepath.Join(t.TempDir(), "a.docx")}}, req, nil)
	if second[0].Err != nil || second[0].Record.DocID != first[0].Record.DocID {
		t.Errorf("re-mark: id %q, %v; want %q", second[0].Record.DocID, second[0].Err, first[0].Record.DocID)
	}
	ro, err := open(true)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	found := ""
	if err := ro.ByInput(sumOf(t, a), func(e audit.Event) bool { found = e.DocID; return false }); err != nil || found != first[0].Record.DocID {
		t.Errorf("after the mark the index answers %q, %v", found, err)
	}
	if r, err := ro.Verify(); err != nil || !r.OK {
		t.Errorf("verify: %+v, %v", r, err)
	}
}

// TestLaterIDLooksUpOnce holds the lookup of a draft's id to one run,
// whether its goroutine or the draft that waits for it gets there first.
func TestLaterIDLooksUpOnce(t *testing.T) {
	for _, tc := range []struct {
		name       string
		runFirst   bool
		concurrent bool
	}{
		{"wait before the goroutine", false, false},
		{"goroutine before the wait", true, false},
		{"both at once", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var calls atomic.Int32
			l := &laterID{lookup: func() string { calls.Add(1); return "DOC-1" }}
			if tc.runFirst {
				l.run()
			}
			var wg sync.WaitGroup
			if tc.concurrent {
				for range 8 {
					wg.Add(1)
					go func() { defer wg.Done(); l.run() }()
				}
			}
			got := make(chan string, 1)
			go func() { got <- l.wait() }()
			select {
			case id := <-got:
				if id != "DOC-1" {
					t.Fatalf("wait = %q, want DOC-1", id)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("wait blocks on a lookup nobody runs")
			}
			wg.Wait()
			l.run() // the goroutine, late
			if got := l.wait(); got != "DOC-1" || calls.Load() != 1 {
				t.Fatalf("second wait = %q after %d lookups, want DOC-1 after 1", got, calls.Load())
			}
		})
	}
	if got := (&laterID{id: "KNOWN"}).wait(); got != "KNOWN" {
		t.Fatalf("a known id waits for nothing: got %q", got)
	}
}
