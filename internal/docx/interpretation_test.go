package docx

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestEmbeddedInterpretation: the material travels as its own part, comes
// out byte for byte, counts in the content digest, and is refused when it
// is not the one the record's SHA-256 names.
func TestEmbeddedInterpretation(t *testing.T) {
	src := filepath.Join(corpusDir, "gongwen", "000-plain.docx")
	if _, err := os.Stat(src); err != nil {
		t.Skip("corpus absent")
	}
	d, err := Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if d.HasInterpretation() {
		t.Fatal("a plain draft carries an interpretation")
	}
	data := append([]byte("解读\x00"), bytes.Repeat([]byte{0xfe}, 3000)...)
	sum := sha256.Sum256(data)
	rec := Record{Attribute: "public", DocID: "x", FormatVersion: "1", Interpretation: `C:\用户\张三\解读.pdf`, InterpSHA256: hex.EncodeToString(sum[:])}
	dir := t.TempDir()
	digests := map[string]bool{}
	for i, payload := range [][]byte{data, append([]byte("X"), data[1:]...)} {
		out, _ := stampTo(t, d, dir, "out"+string(rune('a'+i))+".docx", StampOptions{Record: rec, Interpretation: payload})
		o, err := Open(out)
		if err != nil {
			t.Fatal(err)
		}
		dg, err := o.ContentDigest()
		if err != nil {
			t.Fatal(err)
		}
		digests[dg] = true
		got, err := o.SaveInterpretation(t.TempDir())
		switch i {
		case 0:
			b, rerr := os.ReadFile(got)
			if err != nil || rerr != nil || !bytes.Equal(b, data) || filepath.Base(got) != "解读.pdf" {
				t.Errorf("extracted %q: %v %v", got, err, rerr)
			}
		case 1:
			if !errors.Is(err, ErrInterpretationChanged) {
				t.Errorf("a swapped material opened: %v", err)
			}
		}
		o.Close()
	}
	if len(digests) != 2 {
		t.Error("the content digest does not cover the embedded material")
	}
	if _, err := d.SaveInterpretation(t.TempDir()); !errors.Is(err, ErrNoInterpretation) {
		t.Errorf("no material: %v", err)
	}
}
