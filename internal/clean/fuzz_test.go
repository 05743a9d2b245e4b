package clean

import (
	"io"
	"testing"

	"github.com/docattr/docattr/internal/xmltok"
)

func wellFormed(data []byte) bool {
	s := xmltok.New(data)
	for {
		_, err := s.Next()
		if err == io.EOF {
			return s.Depth() == 0
		}
		if err != nil {
			return false
		}
	}
}

// FuzzCleanStory: cleaning never panics, and well-formed input stays
// well-formed (splices fall on element boundaries).
func FuzzCleanStory(f *testing.F) {
	d := messyDraft()
	f.Add([]byte(`<w:document xmlns:w="` + nsW + `"><w:body>` + d.Body + `</w:body></w:document>`))
	f.Add([]byte(`<w:hdr xmlns:w="` + nsW + `">` + d.Header + `</w:hdr>`))
	f.Add([]byte(`<w:body xmlns:w="` + nsW + `"><w:p><w:pPr><w:rPr><w:del/></w:rPr></w:pPr></w:p><w:p></w:p><w:p/></w:body>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var res Result
		out, err := cleanStory(data, All(), &res)
		if err != nil {
			return
		}
		if wellFormed(data) && !wellFormed(out) {
			t.Fatalf("cleaning broke the XML:\nin  %q\nout %q", data, out)
		}
	})
}
