package opc

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/flatesplice"
)

// benchMainPart is word/document.xml of the package DOCATTR_BENCH_DOCX
// names (make bench's real draft), else a generated 10 MB part.
func benchMainPart(b *testing.B) *zip.File {
	b.Helper()
	if p := os.Getenv("DOCATTR_BENCH_DOCX"); p != "" {
		zr, err := zip.OpenReader(p)
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { zr.Close() })
		for _, f := range zr.File {
			if f.Name == "word/document.xml" {
				return f
			}
		}
		b.Fatalf("%s has no word/document.xml", p)
	}
	var xml bytes.Buffer
	xml.WriteString(`<w:document><w:body>`)
	for i := 0; xml.Len() < 10<<20; i++ {
		xml.WriteString(`<w:p><w:r><w:t>第` + strings.Repeat("条", i%17) + `款 公文公开属性</w:t></w:r></w:p>`)
	}
	xml.WriteString(`</w:body></w:document>`)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate})
	w.Write(xml.Bytes())
	zw.Close()
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	return zr.File[0]
}

// BenchmarkReuseDeflated: the note under the date added to the main part,
// written four ways: spliced from a part already inflated with its block
// starts (what the reader will hand over), the same given as kept bytes
// and a tail (Edits.Edited), spliced from the zip entry alone (inflating
// it again), and deflated whole as Write does today.
func BenchmarkReuseDeflated(b *testing.B) {
	f := benchMainPart(b)
	rc, _ := f.OpenRaw()
	raw, _ := io.ReadAll(rc)
	orig, blocks, err := flatesplice.Inflate(nil, raw, int(f.UncompressedSize64))
	if err != nil {
		b.Fatal(err)
	}
	next := noteNearEnd(orig)
	b.Run("splice", func(b *testing.B) {
		b.SetBytes(int64(len(next)))
		for b.Loop() {
			in := &Inflated{Raw: raw, Content: orig, Blocks: blocks}
			if _, err := in.Deflate(next); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("edited", func(b *testing.B) { // as Edits.Edited: no prefix search
		b.SetBytes(int64(len(next)))
		in := &Inflated{Raw: raw, Content: orig, Blocks: blocks}
		keep := bytes.LastIndex(orig, []byte("</w:body>"))
		tail := next[keep:]
		for b.Loop() {
			if _, err := in.DeflateEdited(keep, tail); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("inflate+splice", func(b *testing.B) {
		b.SetBytes(int64(len(next)))
		for b.Loop() {
			if _, err := ReuseDeflated(f, next, 1<<30); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("deflate-whole", func(b *testing.B) {
		b.SetBytes(int64(len(next)))
		for b.Loop() {
			w, _ := newEntryWriter(io.Discard)
			w.Write(next)
			w.Close()
		}
	})
}
