package opc

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func zipBytes(t testing.TB, parts map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range parts {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

func writeTemp(t testing.TB, data []byte) string {
	p := filepath.Join(t.TempDir(), "f.docx")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var minimal = map[string][]byte{
	"[Content_Types].xml": []byte(`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`),
	"_rels/.rels":         []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document.xml"/></Relationships>`),
	"word/document.xml":   []byte(`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>`),
}

func with(extra map[string][]byte) map[string][]byte {
	m := map[string][]byte{}
	for k, v := range minimal {
		m[k] = v
	}
	for k, v := range extra {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	return m
}

func TestOpenClassifies(t *testing.T) {
	xlsxTypes := bytes.ReplaceAll(minimal["[Content_Types].xml"], []byte("wordprocessingml.document.main+xml"), []byte("spreadsheetml.sheet.main+xml"))
	cases := []struct {
		name string
		data []byte
		want error
	}{
		{"minimal docx", zipBytes(t, minimal), nil},
		{"docm", zipBytes(t, with(map[string][]byte{"[Content_Types].xml": bytes.ReplaceAll(minimal["[Content_Types].xml"], []byte("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"), []byte("application/vnd.ms-word.document.macroEnabled.main+xml"))})), nil},
		{"xlsx", zipBytes(t, with(map[string][]byte{"[Content_Types].xml": xlsxTypes})), ErrNotWord},
		{"odt", zipBytes(t, map[string][]byte{"mimetype": []byte("application/vnd.oasis.opendocument.text"), "content.xml": []byte("<x/>")}), ErrOpenDocument},
		{"plain zip", zipBytes(t, map[string][]byte{"a.txt": []byte("x")}), ErrNotWord},
		{"missing rels", zipBytes(t, with(map[string][]byte{"_rels/.rels": nil})), ErrDamaged},
		{"missing main", zipBytes(t, with(map[string][]byte{"word/document.xml": nil})), ErrDamaged},
		{"broken content types", zipBytes(t, with(map[string][]byte{"[Content_Types].xml": []byte("<Types")})), ErrDamaged},
		{"truncated", zipBytes(t, minimal)[:100], ErrDamaged},
		{"empty", nil, ErrEmpty},
		{"text", []byte("hello"), ErrNotWord},
		{"rtf", []byte(`{\rtf1}`), ErrLegacyFormat},
		{"ole garbage", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), ErrNotWord},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := Open(writeTemp(t, c.data))
			if c.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				p.Close()
				return
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			if !strings.Contains(err.Error(), " / ") {
				t.Errorf("not bilingual: %v", err)
			}
		})
	}
}

// TestZipBombLimits: a highly compressible part, too many entries, or a
// part larger than allowed is refused before it is inflated.
func TestZipBombLimits(t *testing.T) {
	bomb := with(map[string][]byte{"word/media/zeros.bin": make([]byte, 8<<20)})
	if _, err := Open(writeTemp(t, zipBytes(t, bomb))); !errors.Is(err, ErrTooLarge) {
		t.Errorf("compression-ratio bomb: %v", err)
	}
	many := with(nil)
	for i := 0; i < 50; i++ {
		many["x/"+strings.Repeat("a", i)] = []byte("x")
	}
	lim := DefaultLimits
	lim.MaxEntries = 20
	if _, err := OpenWithLimits(writeTemp(t, zipBytes(t, many)), lim); !errors.Is(err, ErrTooLarge) {
		t.Errorf("entry count: %v", err)
	}
	lim = DefaultLimits
	lim.MaxPartSize = 50
	p, err := OpenWithLimits(writeTemp(t, zipBytes(t, minimal)), lim)
	if err == nil {
		_, err = p.Read("word/document.xml")
		p.Close()
	}
	if !errors.Is(err, ErrTooLarge) {
		t.Errorf("part size: %v", err)
	}
}

func TestResolve(t *testing.T) {
	for _, c := range [][3]string{
		{"word/document.xml", "media/a.png", "word/media/a.png"},
		{"word/document.xml", "../customXml/item1.xml", "customXml/item1.xml"},
		{"", "/word/document.xml", "word/document.xml"},
		{"", "word\\document.xml", "word/document.xml"},
	} {
		if got := resolve(c[0], c[1]); got != c[2] {
			t.Errorf("resolve(%q,%q) = %q want %q", c[0], c[1], got, c[2])
		}
	}
}

// FuzzOpen: the package reader never panics, and whatever it accepts has a
// main part it can read.
func FuzzOpen(f *testing.F) {
	f.Add(zipBytes(f, minimal))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0})
	f.Add([]byte("PK\x03\x04garbage"))
	if seeds, _ := filepath.Glob("../../../shared/corpus/poi/*"); len(seeds) > 0 {
		for _, s := range seeds[:min(8, len(seeds))] {
			if b, err := os.ReadFile(s); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "fuzz.docx")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := Open(path)
		if err != nil {
			return
		}
		defer p.Close()
		_, _ = p.Read(p.Main)
		if p.Verify() == nil {
			// what passed verification can be written and read back
			var b bytes.Buffer
			if err := p.Write(&b, Edits{}); err != nil {
				t.Fatalf("verified package not written: %v", err)
			}
		}
	})
}
