package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"strings"
	"testing"
)

// bigXML is a document.xml of about n bytes with varied text, so that
// segments see different data.
func bigXML(n int) []byte {
	var b strings.Builder
	b.WriteString(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	for i := 0; b.Len() < n; i++ {
		fmt.Fprintf(&b, `<w:p><w:r><w:t>第%d段 关于做好%d年度政务公开工作的通知 paragraph %d</w:t></w:r></w:p>`, i, 2000+i%50, i*7919)
	}
	b.WriteString(`</w:body></w:document>`)
	return []byte(b.String())
}

// A stream written in any mix of small and large writes (large ones
// deflated in concurrent segments) inflates to exactly what was written.
func TestEntryWriterRoundTrip(t *testing.T) {
	big := bigXML(3 << 20)
	cases := []struct {
		name   string
		writes [][]byte
	}{
		{"empty", nil},
		{"small", [][]byte{big[:1000]}},
		{"just below parallel", [][]byte{big[:parallelMin-1]}},
		{"at parallel", [][]byte{big[:parallelMin]}},
		{"large", [][]byte{big}},
		{"small large small", [][]byte{big[:10], big[10 : 2<<20], big[2<<20:]}},
		{"large large", [][]byte{big[:1<<20], big[1<<20:]}},
		{"large small", [][]byte{big[:len(big)-100], big[len(big)-100:]}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			w, _ := newEntryWriter(&out)
			var want []byte
			for _, p := range c.writes {
				if n, err := w.Write(p); err != nil || n != len(p) {
					t.Fatalf("write %d bytes: %d, %v", len(p), n, err)
				}
				want = append(want, p...)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(flate.NewReader(&out))
			if err != nil {
				t.Fatalf("inflate: %v", err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("inflated %d bytes, differ from the %d written", len(got), len(want))
			}
		})
	}
}

// A large replaced part comes out of Write with a CRC and sizes that
// archive/zip checks on reading, and the package verifies.
func TestWriteLargePart(t *testing.T) {
	p, err := Open(writeTemp(t, zipBytes(t, minimal)))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	doc := bigXML(2 << 20)
	var out bytes.Buffer
	if err := p.Write(&out, Edits{Replace: map[string][]byte{"word/document.xml": doc}}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc) // archive/zip checks the CRC at EOF
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		if f.Name == "word/document.xml" && !bytes.Equal(got, doc) {
			t.Fatalf("document.xml: %d bytes read back, %d written", len(got), len(doc))
		}
	}
	q, err := Open(writeTemp(t, out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	if err := q.Verify(); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkWriteMain writes a package whose document.xml (1.2 MB, like the
// big draft's) is replaced: with -cpu 1 the part is deflated serially,
// with -cpu 2 or more in segments.
func BenchmarkWriteMain(b *testing.B) {
	p, err := Open(writeTemp(b, zipBytes(b, minimal)))
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	doc := bigXML(1200 << 10)
	b.SetBytes(int64(len(doc)))
	for b.Loop() {
		if err := p.Write(io.Discard, Edits{Replace: map[string][]byte{"word/document.xml": doc}}); err != nil {
			b.Fatal(err)
		}
	}
}
