package docx

import (
	"archive/zip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	ctypes   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>%s</Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>%s</Relationships>`
	docHead  = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`
	docTail  = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
)

// para returns a simple paragraph XML with the text split into runs at "|".
func para(text string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, run := range strings.Split(text, "|") {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + run + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// body builds document.xml from paragraph texts.
func body(paras ...string) string {
	var b strings.Builder
	b.WriteString(docHead)
	for _, p := range paras {
		if strings.HasPrefix(p, "<") {
			b.WriteString(p)
		} else {
			b.WriteString(para(p))
		}
	}
	b.WriteString(docTail)
	return b.String()
}

// writeDocx writes a package with the given parts; [Content_Types].xml and
// _rels/.rels are filled in unless given.
func writeDocx(t testing.TB, parts map[string]string) string {
	t.Helper()
	if _, ok := parts["[Content_Types].xml"]; !ok {
		parts["[Content_Types].xml"] = strings.Replace(ctypes, "%s", "", 1)
	}
	if _, ok := parts["_rels/.rels"]; !ok {
		parts["_rels/.rels"] = strings.Replace(rootRels, "%s", "", 1)
	}
	path := filepath.Join(t.TempDir(), "draft.docx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels"} {
		w, _ := zw.Create(name)
		w.Write([]byte(parts[name]))
	}
	for name, data := range parts {
		if name == "[Content_Types].xml" || name == "_rels/.rels" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func openDoc(t testing.TB, parts map[string]string) *Document {
	t.Helper()
	d, err := Open(writeDocx(t, parts))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

func restamp(t *testing.T, d *Document, opts StampOptions) (*Document, StampResult) {
	t.Helper()
	out, res := stampTo(t, d, t.TempDir(), "out.docx", opts)
	d2, err := Open(out)
	if err != nil {
		t.Fatalf("re-open: %v", err)
	}
	t.Cleanup(func() { d2.Close() })
	return d2, res
}

func bodyTexts(d *Document) []string {
	var out []string
	for _, p := range d.Body() {
		out = append(out, Compact(p.Text))
	}
	return out
}
