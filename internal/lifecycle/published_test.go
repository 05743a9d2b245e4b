package lifecycle

import (
	"errors"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/settings"
)

func TestRecordPublished(t *testing.T) {
	l := openLog(t)
	pub := published(t, l, "000-plain.docx")
	d := date("2026-03-20")
	ev, err := RecordPublished(l, PublishedRequest{Input: pub, Date: d, URL: "https://www.example.gov.cn/a.html", Actor: clerk})
	if err != nil || ev.Details["state"] != StatePublished || ev.Details["date"] != "2026-03-20" || ev.DocID == "" || ev.Details["url"] == "" {
		t.Fatalf("%v %+v", err, ev)
	}
	ev, err = RecordPublished(l, PublishedRequest{Input: pub, Date: d, Interpretation: true, Actor: clerk})
	if err != nil || ev.Details["state"] != StateInterpPublished {
		t.Fatalf("%v %+v", err, ev)
	}

	withheld := filepath.Join(t.TempDir(), "w.docx")
	r := marker.Mark(l, []marker.Job{{Input: corpus(t, "000-process.docx"), Output: withheld}}, marker.Request{
		Decision: attr.Decision{Attribute: attr.Withheld, Basis: "条例第十六条第二款", Reason: "过程稿"}, Style: settings.StyleNote, Actor: clerk}, nil)
	if r[0].Err != nil {
		t.Fatal(r[0].Err)
	}
	for _, c := range []struct {
		name string
		req  PublishedRequest
		want error
	}{
		{"withheld document", PublishedRequest{Input: withheld, Date: d}, ErrNotPublic},
		{"unmarked draft", PublishedRequest{Input: corpus(t, "001-plain.docx"), Date: d}, ErrNoRecord},
		{"script URL", PublishedRequest{Input: pub, Date: d, URL: "javascript:alert(1)"}, ErrURL},
		{"URL with a newline", PublishedRequest{Input: pub, Date: d, URL: "https://a.cn/\nx"}, ErrURL},
		{"no date", PublishedRequest{Input: pub}, ErrDate},
	} {
		if _, err := RecordPublished(l, c.req); !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.want)
		}
	}
}
