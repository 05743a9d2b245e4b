package marker

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/usertext"
)

func TestMarkRefusesHostileTypedTextBeforeAnything(t *testing.T) {
	base := Request{Decision: attr.Decision{Attribute: attr.Withheld, Basis: "条例第十四条", Reason: "涉密"}, Actor: actor}
	cases := []struct {
		name string
		edit func(*Request)
		kind error
	}{
		{"reason U+FFFF", func(r *Request) { r.Decision.Reason = "涉密\uffff" }, usertext.ErrControl},
		{"period RLO", func(r *Request) { r.Decision.Secrecy, r.Decision.Period = "秘密", "1年\u202e" }, usertext.ErrControl},
		{"basis NUL", func(r *Request) { r.Decision.Basis = "条例\x00" }, usertext.ErrControl},
		{"interpretation LRI", func(r *Request) { r.Decision.Interpretation = "\u2066解读.docx" }, usertext.ErrControl},
		{"acknowledgement invalid UTF-8", func(r *Request) { r.AcceptFindings = "已同意\xff" }, usertext.ErrEncoding},
		{"actor with a newline", func(r *Request) { r.Actor.Name = "张三\n李四" }, usertext.ErrControl},
		{"actor of 40000 bytes", func(r *Request) { r.Actor.Name = strings.Repeat("x", 40000) }, usertext.ErrTooLong},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := openLog(t)
			dir := t.TempDir()
			req := base
			c.edit(&req)
			jobs := []Job{
				{Input: draft(t, "000-plain.docx"), Output: filepath.Join(dir, "a.docx")},
				{Input: draft(t, "001-plain.docx"), Output: filepath.Join(dir, "b.docx")},
			}
			for _, r := range Mark(l, jobs, req, nil) {
				if !errors.Is(r.Err, c.kind) {
					t.Errorf("%s: err %v, want %v", r.Input, r.Err, c.kind)
				}
			}
			if h, _ := l.Head(); h.Seq != 0 {
				t.Errorf("%d events recorded", h.Seq)
			}
			if ents, _ := os.ReadDir(dir); len(ents) != 0 {
				t.Errorf("files written: %v", ents)
			}
		})
	}
}
