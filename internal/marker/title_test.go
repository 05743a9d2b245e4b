package marker

import (
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/attr"
)

// TestMarkEventCarriesTheTitle: the exports' 标题 column reads the title
// the mark event records.
func TestMarkEventCarriesTheTitle(t *testing.T) {
	l := openLog(t)
	res := Mark(l, []Job{{Input: draft(t, "000-plain.docx"), Output: filepath.Join(t.TempDir(), "out.docx")}},
		Request{Decision: attr.Decision{Attribute: attr.Public}}, nil)[0]
	if res.Err != nil {
		t.Fatal(res.Err)
	}
	if res.Event.Details["title"] == "" {
		t.Errorf("mark event has no title: %+v", res.Event.Details)
	}
}
