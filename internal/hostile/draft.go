package hostile

import "strings"

// Namespaces and content types of the draft.
const (
	NSW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	NSRels    = "http://schemas.openxmlformats.org/package/2006/relationships"
	NSTypes   = "http://schemas.openxmlformats.org/package/2006/content-types"
	RelDoc    = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
	RelBase   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	MainDOCX  = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
	TitleText = "某某市人民政府办公室关于做好政务公开工作的通知"
	BodyText  = "各区人民政府，市政府各部门要认真做好政务公开工作。"
	DateText  = "2024年3月1日"
)

// Parts of the draft that tests address by name.
const (
	Types    = "[Content_Types].xml"
	RootRels = "_rels/.rels"
	Document = "word/document.xml"
	DocRels  = "word/_rels/document.xml.rels"
	Styles   = "word/styles.xml"
	Core     = "docProps/core.xml"
	Image    = "word/media/image1.png"
)

// Body returns the w:body content of a small 公文: title, addressee, body,
// signer and 成文日期, in paragraphs of the given extra runs.
func Body(extra string) string {
	p := func(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }
	return p(TitleText) + p("各区人民政府，市政府各部门：") + p(BodyText) + extra +
		p("某某市人民政府办公室") + p(DateText) + `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>`
}

// DocumentXML returns a document part around a body.
func DocumentXML(body string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<w:document xmlns:w="` + NSW + `" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>` +
		body + `</w:body></w:document>`)
}

// TypesXML returns a content-types part with the draft's overrides and extra ones.
func TypesXML(main string, extra ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" + `<Types xmlns="` + NSTypes + `">`)
	b.WriteString(`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`)
	b.WriteString(`<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>`)
	b.WriteString(`<Override PartName="/word/document.xml" ContentType="` + main + `"/>`)
	b.WriteString(`<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>`)
	b.WriteString(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`)
	for _, e := range extra {
		b.WriteString(e)
	}
	b.WriteString(`</Types>`)
	return []byte(b.String())
}

// RelsXML returns a relationships part holding the given Relationship elements.
func RelsXML(rels ...string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
		`<Relationships xmlns="` + NSRels + `">` + strings.Join(rels, "") + `</Relationships>`)
}

// Rel returns one Relationship element.
func Rel(id, typ, target string) string {
	return `<Relationship Id="` + id + `" Type="` + typ + `" Target="` + target + `"/>`
}

// StylesXML is a small styles part.
var StylesXML = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<w:styles xmlns:w="` + NSW + `"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>` +
	`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`)

// CoreXML is a core-properties part.
var CoreXML = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
	`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
	`<dc:title>通知</dc:title><dc:creator>张三</dc:creator></cp:coreProperties>`)

// PNG is a small binary part: a PNG signature and incompressible-looking bytes.
var PNG = func() []byte {
	b := []byte("\x89PNG\r\n\x1a\n")
	x := uint32(2463534242)
	for i := 0; i < 2000; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b = append(b, byte(x))
	}
	return b
}()

// Draft returns the entries of a small, sound 公文 draft: content types,
// package and document relationships, a document with title, body and
// 成文日期, styles, core properties and a picture.
func Draft() []Entry {
	return []Entry{
		{Name: Types, Data: TypesXML(MainDOCX)},
		{Name: RootRels, Data: RelsXML(Rel("rId1", RelDoc, "word/document.xml"),
			Rel("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"))},
		{Name: Document, Data: DocumentXML(Body(""))},
		{Name: DocRels, Data: RelsXML(Rel("rId1", RelBase+"styles", "styles.xml"), Rel("rId2", RelBase+"image", "media/image1.png"))},
		{Name: Styles, Data: StylesXML},
		{Name: Core, Data: CoreXML},
		{Name: Image, Data: PNG, Store: true},
	}
}

// With returns entries with the named entry's data replaced (nil removes
// it); names not present are appended.
func With(entries []Entry, name string, data []byte) []Entry {
	var out []Entry
	found := false
	for _, e := range entries {
		if e.Name == name {
			found = true
			if data == nil {
				continue
			}
			e.Data = data
		}
		out = append(out, e)
	}
	if !found && data != nil {
		out = append(out, Entry{Name: name, Data: data})
	}
	return out
}

// Edit returns entries with fn applied to the named entry.
func Edit(entries []Entry, name string, fn func(*Entry)) []Entry {
	out := append([]Entry(nil), entries...)
	for i := range out {
		if out[i].Name == name {
			fn(&out[i])
		}
	}
	return out
}
