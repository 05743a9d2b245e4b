// Package scantest builds small WordprocessingML packages for tests of the
// check and the cleaner: a document part with optional header, footnotes,
// comments, settings, core and custom properties, wired with relationships
// and content types the way Word writes them.
package scantest

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// NSW is the WordprocessingML namespace, bound to the prefix w in every part.
const NSW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// Doc describes a package. Each story field is the inner XML of its root
// element (w:body, w:hdr, w:footnotes, w:comments, w:settings); an empty
// field leaves the part out.
type Doc struct {
	Body      string
	Header    string
	Footer    string
	Footnotes string
	Comments  string
	Settings  string
	Creator   string            // dc:creator in docProps/core.xml ("" = no core part)
	Custom    map[string]string // custom document properties (name → value)
	Extra     []Part            // more parts, related from the document part when RelType is set
}

// Part is an extra part of a Doc.
type Part struct {
	Name        string // e.g. "word/commentsExtended.xml"
	Body        string // complete content
	RelType     string // relationship type from word/document.xml, "" for none
	ContentType string // override content type, "" for none
}

// P returns a paragraph with one run per text.
func P(texts ...string) string {
	var b strings.Builder
	b.WriteString("<w:p>")
	for _, t := range texts {
		b.WriteString(`<w:r><w:t xml:space="preserve">` + escape(t) + `</w:t></w:r>`)
	}
	b.WriteString("</w:p>")
	return b.String()
}

// Table returns a one-row table with a paragraph per cell.
func Table(cells ...string) string {
	var b strings.Builder
	b.WriteString("<w:tbl><w:tr>")
	for _, c := range cells {
		b.WriteString("<w:tc>" + P(c) + "</w:tc>")
	}
	b.WriteString("</w:tr></w:tbl>")
	return b.String()
}

func escape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

const (
	wDecl   = `xmlns:w="` + NSW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`
	xmlHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"
	relBase = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	ctBase  = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

// Bytes returns the package as a zip file.
func (d Doc) Bytes() []byte {
	type part struct{ name, body string }
	var parts []part
	ct := `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + ctBase + `document.main+xml"/>`
	rootRels := `<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>`
	docRels := ""
	sectRefs := ""
	story := func(field, name, root, rel, ctype string) {
		if field == "" {
			return
		}
		parts = append(parts, part{"word/" + name, xmlHead + "<w:" + root + " " + wDecl + ">" + field + "</w:" + root + ">"})
		id := "rId" + rel
		docRels += `<Relationship Id="` + id + `" Type="` + relBase + rel + `" Target="` + name + `"/>`
		ct += `<Override PartName="/word/` + name + `" ContentType="` + ctBase + ctype + `"/>`
		if rel == "header" || rel == "footer" {
			sectRefs += `<w:` + rel + `Reference w:type="default" r:id="` + id + `"/>`
		}
	}
	story(d.Header, "header1.xml", "hdr", "header", "header+xml")
	story(d.Footer, "footer1.xml", "ftr", "footer", "footer+xml")
	story(d.Footnotes, "footnotes.xml", "footnotes", "footnotes", "footnotes+xml")
	story(d.Comments, "comments.xml", "comments", "comments", "comments+xml")
	story(d.Settings, "settings.xml", "settings", "settings", "settings+xml")
	for i, x := range d.Extra {
		parts = append(parts, part{x.Name, x.Body})
		if x.RelType != "" {
			docRels += `<Relationship Id="rIdX` + itoa(i+1) + `" Type="` + x.RelType + `" Target="` + strings.TrimPrefix(x.Name, "word/") + `"/>`
		}
		if x.ContentType != "" {
			ct += `<Override PartName="/` + x.Name + `" ContentType="` + x.ContentType + `"/>`
		}
	}
	body := xmlHead + `<w:document ` + wDecl + `><w:body>` + d.Body +
		`<w:sectPr>` + sectRefs + `<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>`
	parts = append([]part{{"word/document.xml", body}}, parts...)
	if d.Creator != "" {
		parts = append(parts, part{"docProps/core.xml", xmlHead + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			`<dc:title>t</dc:title><dc:creator>` + escape(d.Creator) + `</dc:creator><cp:lastModifiedBy>` + escape(d.Creator) + `</cp:lastModifiedBy></cp:coreProperties>`})
		rootRels += `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`
		ct += `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`
	}
	if len(d.Custom) > 0 {
		var props strings.Builder
		pid := 1
		for name, val := range d.Custom {
			pid++
			props.WriteString(`<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="` + itoa(pid) + `" name="` + escape(name) + `"><vt:lpwstr>` + escape(val) + `</vt:lpwstr></property>`)
		}
		parts = append(parts, part{"docProps/custom.xml", xmlHead + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` + props.String() + `</Properties>`})
		rootRels += `<Relationship Id="rId3" Type="` + relBase + `custom-properties" Target="docProps/custom.xml"/>`
		ct += `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`
	}
	rels := func(inner string) string {
		return xmlHead + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + inner + `</Relationships>`
	}
	parts = append([]part{{"[Content_Types].xml", xmlHead + ct + `</Types>`}, {"_rels/.rels", rels(rootRels)}}, parts...)
	if docRels != "" {
		parts = append(parts, part{"word/_rels/document.xml.rels", rels(docRels)})
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			panic(err)
		}
		if _, err := w.Write([]byte(p.body)); err != nil {
			panic(err)
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// Write writes the package to dir/name and returns its path.
func Write(t testing.TB, dir, name string, d Doc) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, d.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}
