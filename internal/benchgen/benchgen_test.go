package benchgen

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan"
)

func TestWriteDraft(t *testing.T) {
	path := filepath.Join(t.TempDir(), "draft.docx")
	const pages, pic = 30, 1 << 20
	if err := WriteDraft(path, pages, pic); err != nil {
		t.Fatal(err)
	}
	d, err := docx.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	a := d.Analyze()
	if a.Title == nil || docx.Compact(a.Title.Text) != Title {
		t.Errorf("title = %v, want %s", a.Title, Title)
	}
	if a.Date == nil || docx.Compact(a.Date.Text) != Date || a.DatePlaceholder {
		t.Errorf("date = %v, want %s", a.Date, Date)
	}
	body := d.Body()
	if got := docx.Compact(body[len(body)-2].Text); got != Signer {
		t.Errorf("signature = %q, want %q", got, Signer)
	}
	if a.Secrecy != nil || len(a.Notes) > 0 {
		t.Errorf("fresh draft has marks: secrecy %v, notes %v", a.Secrecy, a.Notes)
	}

	// About 22 × 28 characters per page.
	chars, inTable := 0, 0
	for _, p := range d.MainParagraphs() {
		chars += utf8.RuneCountInString(p.Text)
		if p.Where == docx.TableCell {
			inTable++
		}
	}
	if lo, hi := pages*CharsPerPage*8/10, pages*CharsPerPage*12/10; chars < lo || chars > hi {
		t.Errorf("%d characters for %d pages, want %d..%d", chars, pages, lo, hi)
	}
	if inTable == 0 {
		t.Error("no table paragraphs")
	}
	if !bytes.Contains(d.Main(), []byte(`<w:drawing>`)) || !bytes.Contains(d.Main(), []byte(`r:embed="rIdImg1"`)) {
		t.Error("no drawing referencing the picture")
	}
	if !bytes.Contains(d.Main(), []byte(`w:eastAsia="仿宋_GB2312"`)) {
		t.Error("body is not in 仿宋_GB2312")
	}

	// A draft to mark, not to refuse: no blocking findings.
	if b := scan.Check(d).Blocking(); len(b) > 0 {
		t.Errorf("blocking findings: %+v", b)
	}

	f := d.Pkg.File(PicturePart)
	if f == nil {
		t.Fatal("no picture part")
	}
	if f.UncompressedSize64 != pic {
		t.Errorf("picture is %d bytes, want %d", f.UncompressedSize64, pic)
	}
	if f.CompressedSize64 < pic*99/100 {
		t.Errorf("picture compresses to %d bytes: not incompressible", f.CompressedSize64)
	}
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF, 0xE0}) || !bytes.HasSuffix(data, []byte{0xFF, 0xD9}) {
		t.Error("picture is not framed as a JPEG")
	}
	if ct := d.Pkg.ContentType(PicturePart); ct != "image/jpeg" {
		t.Errorf("picture content type %q", ct)
	}

	// It stamps.
	var out bytes.Buffer
	line := "秘密★1年"
	res, err := d.Stamp(&out, docx.StampOptions{SecrecyLine: &line, Note: "（此件公开发布）"})
	if err != nil {
		t.Fatal(err)
	}
	if res.NotePlacement != docx.PlacedAfterDate {
		t.Errorf("note placed %s", res.NotePlacement)
	}
}

func TestDeterministic(t *testing.T) {
	dir := t.TempDir()
	sum := func(name string, o Options) [32]byte {
		p := filepath.Join(dir, name)
		if err := WriteDraftOptions(p, o); err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return sha256.Sum256(data)
	}
	o := Options{Pages: 3, PictureBytes: 4096, Seed: 7}
	if sum("a.docx", o) != sum("b.docx", o) {
		t.Error("same options, different files")
	}
	o.Seed = 8
	if sum("a.docx", Options{Pages: 3, PictureBytes: 4096, Seed: 7}) == sum("c.docx", o) {
		t.Error("different seeds, same file")
	}
}

func TestNoPicture(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, Options{Pages: 5}); err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range z.File {
		if strings.HasPrefix(f.Name, "word/media/") {
			t.Errorf("unexpected %s", f.Name)
		}
		if f.Name == "word/_rels/document.xml.rels" {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(data, []byte("image")) {
				t.Error("relationship to a missing picture")
			}
		}
	}
}

func TestBadArguments(t *testing.T) {
	if err := Write(io.Discard, Options{Pages: 0}); err == nil {
		t.Error("pages 0 accepted")
	}
	if err := Write(io.Discard, Options{Pages: 1, PictureBytes: -1}); err == nil {
		t.Error("negative picture accepted")
	}
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "x.docx")
	if err := WriteDraft(path, 1, 0); err == nil {
		t.Error("unwritable path accepted")
	}
}
