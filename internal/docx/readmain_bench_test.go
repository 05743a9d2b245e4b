package docx

import (
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/benchgen"
)

// benchRealMain is the main part of make bench's real draft: a WPS notice
// padded to 300 pages (10 MB of verbose markup).
func benchRealMain(b *testing.B) []byte {
	b.Helper()
	path := filepath.Join(b.TempDir(), "real.docx")
	if err := benchgen.Pad(filepath.Join(corpusDir, "real", "rail_notice_qinfang.docx"), path, 300); err != nil {
		b.Skip("no real draft:", err)
	}
	d, err := Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer d.Close()
	return d.Main()
}

// BenchmarkReadMain reads the real draft's main part as marking does:
// checked, with its text and its page estimate's blocks, on two cores.
func BenchmarkReadMain(b *testing.B) { benchReadMain(b, readMainPart) }

// BenchmarkReadMainOnce is BenchmarkReadMain on one core: the work the
// two share.
func BenchmarkReadMainOnce(b *testing.B) { benchReadMain(b, readMainOnce) }

func benchReadMain(b *testing.B, read func([]byte, string) (mainRead, error)) {
	data := benchRealMain(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := read(data, "word/document.xml"); err != nil {
			b.Fatal(err)
		}
	}
}
