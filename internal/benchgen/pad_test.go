package benchgen

import (
	"archive/zip"
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/docx"
)

// Pad repeats a real document's body until its text fills the pages asked
// for, keeps the 成文日期 findable, and copies every other part raw.
func TestPadRealDocument(t *testing.T) {
	in := "../../../shared/corpus/real/wps_notice_spaces.docx"
	out := filepath.Join(t.TempDir(), "padded.docx")
	const pages = 20
	if err := Pad(in, out, pages); err != nil {
		t.Skip(err) // the shared corpus is not there
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	chars := 0
	for _, p := range d.MainParagraphs() {
		chars += len([]rune(p.Text))
	}
	if chars < pages*CharsPerPage*9/10 {
		t.Errorf("%d characters of text, want about %d", chars, pages*CharsPerPage)
	}
	if d.Analyze().Date == nil {
		t.Error("the padded document has no 成文日期")
	}
	raw := func(name string) map[string][]byte {
		z, err := zip.OpenReader(name)
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		m := map[string][]byte{}
		for _, f := range z.File {
			r, err := f.OpenRaw()
			if err != nil {
				t.Fatal(err)
			}
			m[f.Name], _ = io.ReadAll(r)
		}
		return m
	}
	a, b := raw(in), raw(out)
	if len(a) != len(b) {
		t.Fatalf("%d parts, want %d", len(b), len(a))
	}
	for name, data := range a {
		if name != "word/document.xml" && !bytes.Equal(data, b[name]) {
			t.Errorf("%s not copied raw", name)
		}
	}
}
