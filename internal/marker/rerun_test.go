package marker

import (
	"fmt"
	"maps"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
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
