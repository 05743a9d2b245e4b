package docx

import (
	"testing"
)

// BenchmarkReadSheet reads the styles part of a Word template (350 KB,
// mostly table styles) the way marking does, once for the recognisers and
// the page estimate together.
func BenchmarkReadSheet(b *testing.B) {
	d, err := Open("../../../shared/corpus/gongwen/000-plain.docx")
	if err != nil {
		b.Skip(err)
	}
	defer d.Close()
	data := d.stylesPart()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		readSheet(data)
	}
}
