package docx

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/benchgen"
)

// TestStampReusesCompressedMain: a note near the end of a real draft keeps
// the draft's compressed document.xml up to the block before it (decision
// 019), and the output reads back as the stamped text: same paragraphs plus
// the note, every part verified.
func TestStampReusesCompressedMain(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/real/*.docx")
	if len(files) == 0 {
		t.Skip("no corpus")
	}
	// Go's and Java's zip writers put a data descriptor after every entry:
	// the real notice padded and rewritten by benchgen has them.
	padded := filepath.Join(t.TempDir(), "padded.docx")
	if err := benchgen.Pad("../../../shared/corpus/real/rail_notice_qinfang.docx", padded, 40); err != nil {
		t.Fatal(err)
	}
	files = append(files, padded)
	reused := 0
	for _, in := range files {
		d, err := OpenToWrite(in)
		if err != nil {
			continue // non-公文 and refused files are other tests' business
		}
		var out bytes.Buffer
		_, err = d.Stamp(&out, StampOptions{Note: "（此件公开发布）", Record: Record{Attribute: "public"}, Modified: time.Now()})
		main := d.Pkg.Main
		d.Close()
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		before, after := rawEntry(t, readAll(t, in), main), rawEntry(t, out.Bytes(), main)
		if len(before) > 8<<10 {
			n := 0
			for n < len(before) && n < len(after) && before[n] == after[n] {
				n++
			}
			if n > len(before)/2 {
				reused++
			}
		}
		back, err := OpenReader(in+" (stamped)", bytes.NewReader(out.Bytes()), int64(out.Len()))
		if err != nil {
			t.Fatalf("%s: stamped copy does not open: %v", in, err)
		}
		if err := back.Pkg.Verify(); err != nil {
			t.Fatalf("%s: stamped copy fails verification: %v", in, err)
		}
		found := false
		for _, p := range back.Body() {
			found = found || p.Text == "（此件公开发布）"
		}
		back.Close()
		if !found {
			t.Fatalf("%s: the note is not in the stamped copy", in)
		}
	}
	if reused < 2 {
		t.Fatalf("%d large main parts kept their compressed bytes, want the corpus notice's and the padded one's", reused)
	}
}

func readAll(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// rawEntry returns the compressed bytes of part name in the zip data.
func rawEntry(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if f.Name == name {
			return raw(t, f)
		}
	}
	t.Fatalf("no %s", name)
	return nil
}
