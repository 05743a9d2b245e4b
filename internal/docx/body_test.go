package docx

import (
	"slices"
	"testing"
)

// Body is the main part's top-level paragraphs. When that is all of them it
// is the main part's own slice (no copy), with its spare room, where the
// other parts' paragraphs go, out of a caller's reach.
func TestBodyIsTheTopLevelParagraphs(t *testing.T) {
	table := `<w:tbl><w:tr><w:tc>` + para("单元格") + `</w:tc></w:tr></w:tbl>`
	for _, c := range []struct {
		name  string
		paras []string
		want  []string
	}{
		{"all top level", []string{"标题", "正文", "落款"}, []string{"标题", "正文", "落款"}},
		{"a table between", []string{"标题", table, "落款"}, []string{"标题", "落款"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": body(c.paras...)})
			if got := bodyTexts(d); !slices.Equal(got, c.want) {
				t.Fatalf("Body = %q, want %q", got, c.want)
			}
			b := d.Body()
			if cap(b) != len(b) {
				t.Fatalf("Body has spare room (len %d, cap %d): a caller's append would write into it", len(b), cap(b))
			}
			main := d.mainText.paras
			spare := main[len(main):cap(main)]
			before := slices.Clone(spare)
			_ = append(b, Paragraph{Text: "追加"})
			for i := range spare {
				if spare[i].Text != before[i].Text {
					t.Fatal("an append to Body wrote into the main part's spare room")
				}
			}
			if &d.Body()[0] != &b[0] {
				t.Error("Body is made again on each call")
			}
		})
	}
}
