package marker

import (
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan"
)

// TestPreviewMatchesStamp: the preview predicts the marks Mark then prints,
// in the paragraphs where it prints them.
func TestPreviewMatchesStamp(t *testing.T) {
	cases := []struct {
		name, file string
		dec        attr.Decision
	}{
		{"public note after the date", "000-plain.docx", attr.Decision{Attribute: attr.Public}},
		{"withheld secret line and note", "000-secret.docx", attr.Decision{Attribute: attr.Withheld, Basis: "条例第十四条", Reason: "涉及国家秘密", Secrecy: "秘密", Period: "5年"}},
		{"on request", "001-plain.docx", attr.Decision{Attribute: attr.OnRequest, Basis: "条例第十六条第一款", Reason: "内部事务信息"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := draft(t, c.file)
			d, err := docx.Open(in)
			if err != nil {
				t.Fatal(err)
			}
			a, paras := d.Analyze(), d.Paragraphs
			req := Request{Decision: c.dec, SecrecySet: c.dec.Secrecy != "", Actor: actor}
			v := Precheck(Draft{Analysis: a, Record: d.Record(), Report: scan.Check(d)}, req)
			d.Close()
			if v.Err != nil {
				t.Skipf("request refused: %v", v.Err)
			}
			p := PreviewMarks(a, paras, req, v)
			if p.Note == "" {
				t.Fatal("no note predicted")
			}
			res := Mark(openLog(t), []Job{{Input: in, Output: filepath.Join(t.TempDir(), "out.docx")}}, req, nil)[0]
			if res.Err != nil {
				t.Fatal(res.Err)
			}
			if res.Placement != p.Placement {
				t.Errorf("placement %s, predicted %s", res.Placement, p.Placement)
			}
			out, err := docx.Open(res.Output)
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			text := func(idx int) string {
				for _, q := range paras {
					if q.Part == p.Part && q.Index == idx {
						return q.Text
					}
				}
				return ""
			}
			var prev, secrecy string
			for _, q := range out.Paragraphs {
				if q.Where != docx.Body {
					continue
				}
				switch q.Anchor {
				case docx.AnchorNote:
					if q.Text != p.Note {
						t.Errorf("note printed %q, predicted %q", q.Text, p.Note)
					}
					if want := text(p.NoteAfter); prev != want {
						t.Errorf("note follows %q, predicted after %q", prev, want)
					}
				case docx.AnchorSecrecy:
					secrecy = q.Text
				}
				prev = q.Text
			}
			if docx.Compact(secrecy) != docx.Compact(p.SecrecyLine) {
				t.Errorf("secrecy line printed %q, predicted %q", secrecy, p.SecrecyLine)
			}
		})
	}
}
