package marker

import (
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/attr"
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
