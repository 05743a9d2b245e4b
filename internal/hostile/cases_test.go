package hostile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"os"
	"strings"
	"unicode/utf16"

	"github.com/docattr/docattr/internal/opc"
)

// hcase is one malformed (or merely unusual) package and the right result.
type hcase struct {
	name string
	data func() []byte
	ext  string // file extension, default .docx
	// want is the sentinel every flow must refuse with; nil means every
	// flow accepts the package.
	want error
	// soundOnly: whether the content is accepted or refused is another
	// part of issue 10 (the checker reading mc:Fallback, altChunk, text
	// boxes); here only "no damage, no panic, clear refusal" is asserted.
	soundOnly bool
	// msgHas is text the refusal must contain (it names the part).
	msgHas string
	// check is run on the outcome for further assertions.
	check func(o outcome, in []byte) string
}

func zipOf(entries []Entry) func() []byte {
	return func() []byte { return Archive{Entries: entries}.Bytes() }
}

func draftWith(name string, data []byte) func() []byte { return zipOf(With(Draft(), name, data)) }

func draftEdit(name string, fn func(*Entry)) func() []byte { return zipOf(Edit(Draft(), name, fn)) }

func docWith(body string) func() []byte { return draftWith(Document, DocumentXML(Body(body))) }

// utf16Of encodes s as UTF-16 with or without a byte-order mark.
func utf16Of(s string, bigEndian, bom bool) []byte {
	var b []byte
	units := utf16.Encode([]rune(s))
	if bom {
		units = append([]uint16{0xFEFF}, units...)
	}
	for _, u := range units {
		if bigEndian {
			b = binary.BigEndian.AppendUint16(b, u)
		} else {
			b = binary.LittleEndian.AppendUint16(b, u)
		}
	}
	return b
}

func setDecl(b []byte, enc string) string {
	return strings.Replace(string(b), `encoding="UTF-8"`, `encoding="`+enc+`"`, 1)
}

// gb18030 encodes the ASCII-and-CJK test strings the way a GB18030 editor
// would, for the few characters used (enough to make the bytes non-UTF-8).
func gb18030Doc() []byte {
	doc := setDecl(DocumentXML(`<w:p><w:r><w:t>通知</w:t></w:r></w:p>`), "GB18030")
	return bytes.Replace([]byte(doc), []byte("通知"), []byte{0xCD, 0xA8, 0xD6, 0xAA}, 1)
}

func zeros(n int) []byte { return make([]byte, n) }

func truncated(frac func(n int) int) func() []byte {
	return func() []byte {
		b := Archive{Entries: Draft()}.Bytes()
		return b[:frac(len(b))]
	}
}

func deep(n int) string {
	return strings.Repeat("<w:customXml>", n) + strings.Repeat("</w:customXml>", n)
}

func typesWith(extra ...string) []byte { return TypesXML(MainDOCX, extra...) }

func docRelsWith(rels ...string) []byte {
	return RelsXML(append([]string{Rel("rId1", RelBase+"styles", "styles.xml"), Rel("rId2", RelBase+"image", "media/image1.png")}, rels...)...)
}

// innerBomb is a docx-shaped zip whose one entry inflates 1000-fold.
func innerBomb() []byte {
	return Archive{Entries: append(Draft(), Entry{Name: "word/media/bomb.bin", Data: zeros(8 << 20)})}.Bytes()
}

func mainType(ct string) func() []byte { return draftWith(Types, TypesXML(ct)) }

const (
	nsMC        = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsWStrict   = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	relDocS     = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
	ctDOCM      = "application/vnd.ms-word.document.macroEnabled.main+xml"
	ctDOTX      = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
	ctDOTM      = "application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
	ctGlossary  = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.glossary+xml"
	relGlossary = RelBase + "glossaryDocument"
)

func cases() []hcase {
	badCRC := func(e *Entry) { e.CRC = CRC(crc32.ChecksumIEEE(e.Data) ^ 0x5a5a) }
	flip := func(e *Entry) {
		c := Deflate(e.Data)
		c[len(c)/2] ^= 0xff
		e.Raw = c
	}
	cs := []hcase{
		{name: "sound draft", data: zipOf(Draft()), check: sawText(TitleText)},

		// zip bombs
		{name: "ratio bomb: 8 MiB of zeros in one entry", data: zipOf(append(Draft(), Entry{Name: "word/media/bomb.bin", Data: zeros(8 << 20)})), want: opc.ErrTooLarge},
		{name: "total-size bomb: declared sizes over 2 GiB", data: zipOf(append(Draft(),
			Entry{Name: "word/media/a.bin", Data: zeros(10), Store: true, Size: Size(1200 << 20)},
			Entry{Name: "word/media/b.bin", Data: zeros(10), Store: true, Size: Size(1200 << 20)})), want: opc.ErrTooLarge},
		{name: "entry-count bomb: 20001 entries", data: func() []byte {
			es := Draft()
			for i := 0; i < 20001; i++ {
				es = append(es, Entry{Name: fmt.Sprintf("x/%d", i), Store: true})
			}
			return Archive{Entries: es}.Bytes()
		}, want: opc.ErrTooLarge},
		{name: "aggregate bomb: 80 entries of 1 MiB zeros", data: func() []byte {
			es, raw := Draft(), Deflate(zeros(1<<20))
			for i := 0; i < 80; i++ {
				es = append(es, Entry{Name: fmt.Sprintf("word/media/z%d.bin", i), Data: zeros(1 << 20), Raw: raw})
			}
			return Archive{Entries: es}.Bytes()
		}, want: opc.ErrTooLarge},
		{name: "nested bomb: a bomb package embedded is carried, never expanded", data: func() []byte {
			return Archive{Entries: append(With(Draft(), DocRels, docRelsWith(Rel("rId9", RelBase+"package", "embeddings/inner.docx"))),
				Entry{Name: "word/embeddings/inner.docx", Data: innerBomb(), Store: true})}.Bytes()
		}, check: identical}, // accepted: the embedded package is an opaque part, copied raw and never inflated
		{name: "nested zip in zip as a picture", data: zipOf(append(Draft(), Entry{Name: "word/media/image2.png", Data: zipOf(Draft())(), Store: true})), check: identical},

		// names
		{name: "traversal ../../evil.xml", data: zipOf(append(Draft(), Entry{Name: "../../evil.xml", Data: []byte("<a/>")})), want: opc.ErrDamaged, msgHas: "../../evil.xml"},
		{name: "traversal inside word/../../x", data: zipOf(append(Draft(), Entry{Name: "word/../../x.xml", Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: "absolute /etc/x.xml", data: zipOf(append(Draft(), Entry{Name: "/etc/x.xml", Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: `drive letter C:\x.xml`, data: zipOf(append(Draft(), Entry{Name: `C:\x.xml`, Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: "drive letter C:/x.xml", data: zipOf(append(Draft(), Entry{Name: "C:/x.xml", Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: `backslash word\x.xml`, data: zipOf(append(Draft(), Entry{Name: `word\x.xml`, Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: "dot segment word/./x.xml", data: zipOf(append(Draft(), Entry{Name: "word/./x.xml", Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: "empty segment word//x.xml", data: zipOf(append(Draft(), Entry{Name: "word//x.xml", Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: "control character in a name", data: zipOf(append(Draft(), Entry{Name: "word/x\x01.xml", Data: []byte("<a/>")})), want: opc.ErrDamaged},
		{name: "local header names ../../x, directory a sound name", data: draftEdit(Styles, func(e *Entry) { e.LocalName = "../../styles.xml" }), check: identical},
		{name: "folder entries", data: zipOf(append([]Entry{{Name: "word/", Store: true}, {Name: "docProps/", Store: true}}, Draft()...)), check: identical},
		{name: "folder entry with content", data: zipOf(append(Draft(), Entry{Name: "word/x/", Data: []byte("data")})), want: opc.ErrDamaged},

		// duplicates
		{name: "duplicate styles part", data: zipOf(append(Draft(), Entry{Name: Styles, Data: StylesXML})), want: opc.ErrDamaged, msgHas: Styles},
		{name: "duplicate main part, different text", data: zipOf(append(Draft(), Entry{Name: Document, Data: DocumentXML(Body("<w:p><w:r><w:t>另一个正文</w:t></w:r></w:p>"))})), want: opc.ErrDamaged},
		{name: "duplicate differing in case", data: zipOf(append(Draft(), Entry{Name: "word/Styles.XML", Data: StylesXML})), want: opc.ErrDamaged},
		{name: "duplicate content types", data: zipOf(append(Draft(), Entry{Name: "[content_types].xml", Data: TypesXML(MainDOCX)})), want: opc.ErrDamaged},

		// missing parts
		{name: "no [Content_Types].xml", data: draftWith(Types, nil), want: opc.ErrDamaged, msgHas: Types},
		{name: "no word/document.xml", data: draftWith(Document, nil), want: opc.ErrDamaged, msgHas: Document},
		{name: "no _rels/.rels", data: draftWith(RootRels, nil), want: opc.ErrDamaged, msgHas: RootRels},
		{name: "no document relationships", data: draftWith(DocRels, nil), check: identical},
		{name: "relationship to a missing header", data: draftWith(DocRels, docRelsWith(Rel("rId7", RelBase+"header", "header9.xml"))), check: identical},
		{name: "main relationship external", data: draftWith(RootRels, RelsXML(`<Relationship Id="rId1" Type="`+RelDoc+`" Target="http://example.com/d.xml" TargetMode="External"/>`)), want: opc.ErrNotWord},
		{name: "empty zip", data: zipOf(nil), want: opc.ErrNotWord},

		// truncation (at many offsets)
		{name: "truncated to 4 bytes", data: truncated(func(int) int { return 4 }), want: opc.ErrDamaged},
		{name: "truncated to 30 bytes", data: truncated(func(int) int { return 30 }), want: opc.ErrDamaged},
		{name: "truncated to 200 bytes", data: truncated(func(int) int { return 200 }), want: opc.ErrDamaged},
		{name: "truncated to a quarter", data: truncated(func(n int) int { return n / 4 }), want: opc.ErrDamaged},
		{name: "truncated to half", data: truncated(func(n int) int { return n / 2 }), want: opc.ErrDamaged},
		{name: "truncated inside the directory", data: truncated(func(n int) int { return n - 60 }), want: opc.ErrDamaged},
		{name: "truncated end record", data: truncated(func(n int) int { return n - 10 }), want: opc.ErrDamaged},
		{name: "last byte missing", data: truncated(func(n int) int { return n - 1 }), want: opc.ErrDamaged},
		{name: "garbage appended", data: func() []byte { return append(zipOf(Draft())(), bytes.Repeat([]byte("x"), 100)...) }}, // accepted: the directory is intact; the output is a clean zip
		{name: "stub prepended (self-extractor)", data: func() []byte { return append([]byte("MZ\x90\x00 stub"), zipOf(Draft())()...) }, want: opc.ErrNotWord},
		{name: "empty file", data: func() []byte { return nil }, want: opc.ErrEmpty},

		// zip64 and data descriptors
		{name: "zip64 records on small entries", data: func() []byte { return Archive{Entries: Draft(), Zip64: true}.Bytes() }, check: sawText(TitleText)},
		{name: "data descriptors on every entry", data: func() []byte {
			es := Draft()
			for i := range es {
				es[i].Descriptor = true
			}
			return Archive{Entries: es}.Bytes()
		}, check: identical},
		{name: "zip64 and data descriptors", data: func() []byte {
			es := Draft()
			for i := range es {
				es[i].Descriptor = true
			}
			return Archive{Entries: es, Zip64: true}.Bytes()
		}},
		{name: "data descriptor with a wrong CRC", data: draftEdit(Styles, func(e *Entry) { e.Descriptor = true; e.DescCRC = CRC(1) }), want: opc.ErrDamaged, msgHas: Styles},
		{name: "data descriptor with a wrong CRC on the main part", data: draftEdit(Document, func(e *Entry) { e.Descriptor = true; e.DescCRC = CRC(1) }), want: opc.ErrDamaged, msgHas: Document},
		{name: "all entries stored", data: func() []byte {
			es := Draft()
			for i := range es {
				es[i].Store = true
			}
			return Archive{Entries: es}.Bytes()
		}, check: identical},
		{name: "archive comment", data: func() []byte { return Archive{Entries: Draft(), Comment: "备注"}.Bytes() }, check: identical},

		// CRC and compressed data
		{name: "bad CRC in untouched styles", data: draftEdit(Styles, badCRC), want: opc.ErrDamaged, msgHas: Styles + " 校验失败"},
		{name: "bad CRC in touched document", data: draftEdit(Document, badCRC), want: opc.ErrDamaged, msgHas: Document},
		{name: "bad CRC in content types (touched by mark)", data: draftEdit(Types, badCRC), want: opc.ErrDamaged},
		{name: "bad CRC in a stored picture", data: draftEdit(Image, badCRC), want: opc.ErrDamaged, msgHas: Image},
		{name: "CRC recorded as 0 on a non-empty part", data: draftEdit(Core, func(e *Entry) { e.CRC = CRC(0) }), want: opc.ErrDamaged, msgHas: Core},
		{name: "flipped deflate bytes in styles", data: draftEdit(Styles, flip), want: opc.ErrDamaged},
		{name: "flipped stored bytes in the picture", data: draftEdit(Image, func(e *Entry) {
			r := bytes.Clone(e.Data)
			r[100] ^= 1
			e.Raw = r
		}), want: opc.ErrDamaged},
		{name: "declared size too small", data: draftEdit(Styles, func(e *Entry) { e.Size = Size(uint64(len(e.Data) - 5)) }), want: opc.ErrDamaged},
		{name: "declared size too large", data: draftEdit(Image, func(e *Entry) { e.Size = Size(uint64(len(e.Data) + 5)) }), want: opc.ErrDamaged},
		{name: "unknown compression method 99", data: draftEdit(Styles, func(e *Entry) { e.Method = 99 }), want: opc.ErrDamaged, msgHas: Styles},
		{name: "bzip2 method 12 on the picture", data: draftEdit(Image, func(e *Entry) { e.Method = 12 }), want: opc.ErrDamaged},
		{name: "encrypted zip entry", data: draftEdit(Styles, func(e *Entry) { e.Flags = 1 }), want: opc.ErrDamaged},
		{name: "bad CRC in a trail part", data: zipOf(append(With(Draft(), DocRels, docRelsWith(Rel("rId8", RelBase+"customXml", "/customXml/docattrTrail.xml"))),
			Entry{Name: "customXml/docattrTrail.xml", Data: []byte(`<docattrTrail xmlns="urn:docattr"/>`), CRC: CRC(7)})), want: opc.ErrDamaged},

		// XML
		{name: "DTD in the document", data: draftWith(Document, bytes.Replace(DocumentXML(Body("")), []byte("?>\r\n"), []byte(`?><!DOCTYPE w:document [<!ENTITY a "b">]>`), 1)), want: opc.ErrDamaged},
		{name: "billion laughs in styles", data: draftWith(Styles, []byte(`<!DOCTYPE l [<!ENTITY l0 "ha"><!ENTITY l1 "&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;&l0;">]><w:styles xmlns:w="`+NSW+`">&l1;</w:styles>`)), want: opc.ErrDamaged, msgHas: "DTD"},
		{name: "SVG picture with a DOCTYPE is media, not checked as XML", data: zipOf(append(With(Draft(), Types, typesWith(`<Default Extension="svg" ContentType="image/svg+xml"/>`)),
			Entry{Name: "word/media/image2.svg", Data: []byte(`<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>`)})), check: identical},
		{name: "invalid UTF-8 in document text", data: docWith("<w:p><w:r><w:t>\xff\xfe</w:t></w:r></w:p>"), want: opc.ErrDamaged, msgHas: Document},
		{name: "invalid UTF-8 in untouched styles", data: draftWith(Styles, bytes.Replace(StylesXML, []byte("Normal"), []byte("N\xc3ormal"), 1)), want: opc.ErrDamaged, msgHas: Styles},
		{name: "&#1; in document text", data: docWith("<w:p><w:r><w:t>a&#1;b</w:t></w:r></w:p>"), want: opc.ErrDamaged},
		{name: "&#xFFFE; in a styles attribute", data: draftWith(Styles, bytes.Replace(StylesXML, []byte(`w:val="Normal"`), []byte(`w:val="&#xFFFE;"`), 1)), want: opc.ErrDamaged},
		{name: "raw control character in core properties", data: draftWith(Core, bytes.Replace(CoreXML, []byte("张三"), []byte("张\x02三"), 1)), want: opc.ErrDamaged, msgHas: Core},
		{name: "duplicate attribute in document", data: docWith(`<w:p><w:pPr><w:jc w:val="left" w:val="right"/></w:pPr></w:p>`), want: opc.ErrDamaged},
		{name: "undeclared prefix in document", data: docWith(`<w:p><v:shape/></w:p>`), want: opc.ErrDamaged},
		{name: "undeclared prefix in a custom XML part", data: zipOf(append(Draft(), Entry{Name: "customXml/item1.xml", Data: []byte(`<b:Sources><b:Source/></b:Sources>`)})), want: opc.ErrDamaged, msgHas: "customXml/item1.xml"},
		{name: "unbalanced untouched styles", data: draftWith(Styles, bytes.Replace(StylesXML, []byte("</w:docDefaults>"), nil, 1)), want: opc.ErrDamaged, msgHas: Styles},
		{name: "text instead of XML in a .rels part", data: draftWith(DocRels, []byte("not xml")), want: opc.ErrDamaged},
		{name: "empty content types", data: draftWith(Types, []byte{}), want: opc.ErrDamaged},
		{name: "main part is HTML", data: draftWith(Document, []byte(`<html><body><p>x</p></body></html>`)), want: opc.ErrDamaged},
		{name: "100k-deep nesting in the document", data: docWith(`<w:p><w:r><w:t>深</w:t></w:r></w:p>` + deep(100000))}, // accepted: deep but well-formed
		{name: "100k-deep nesting in untouched styles", data: draftWith(Styles, []byte(`<w:styles xmlns:w="`+NSW+`">`+deep(100000)+`</w:styles>`)), check: identical},

		// encodings
		{name: "UTF-16LE document with BOM", data: draftWith(Document, utf16Of(setDecl(DocumentXML(Body("")), "UTF-16"), false, true)), check: sawText(TitleText)},
		{name: "UTF-16BE document with BOM", data: draftWith(Document, utf16Of(setDecl(DocumentXML(Body("")), "UTF-16"), true, true)), check: sawText(DateText)},
		{name: "UTF-16LE document without BOM", data: draftWith(Document, utf16Of(setDecl(DocumentXML(Body("")), "UTF-16"), false, false)), check: sawText(BodyText)},
		{name: "UTF-16 untouched styles", data: draftWith(Styles, utf16Of(setDecl(StylesXML, "UTF-16"), false, true)), check: identical},
		{name: "UTF-16 content types (rewritten by mark)", data: draftWith(Types, utf16Of(setDecl(TypesXML(MainDOCX), "UTF-16"), false, true))},
		{name: "UTF-16 with an odd byte count", data: draftWith(Styles, append(utf16Of(setDecl(StylesXML, "UTF-16"), false, true), 0)), want: opc.ErrDamaged},
		{name: "UTF-16 with an unpaired surrogate", data: draftWith(Core, append(utf16Of(string(CoreXML[:len(CoreXML)-22]), false, true), append([]byte{0x00, 0xD8}, utf16Of(string(CoreXML[len(CoreXML)-22:]), false, false)...)...)), want: opc.ErrDamaged},
		{name: "declared UTF-16, stored as 8-bit", data: draftWith(Styles, []byte(setDecl(StylesXML, "UTF-16"))), want: opc.ErrDamaged},
		{name: "GB18030 document", data: draftWith(Document, gb18030Doc()), want: opc.ErrDamaged, msgHas: "GB18030"},
		{name: "GBK untouched styles", data: draftWith(Styles, []byte(setDecl(StylesXML, "GBK"))), want: opc.ErrDamaged, msgHas: "GBK"},
		{name: "ISO-8859-1 core properties", data: draftWith(Core, []byte(setDecl(CoreXML, "ISO-8859-1"))), want: opc.ErrDamaged},

		// unusual but valid Word content
		{name: "ISO 29500 Strict namespaces", data: zipOf(With(With(Draft(),
			Document, []byte(strings.ReplaceAll(string(DocumentXML(Body(""))), NSW, nsWStrict))),
			RootRels, RelsXML(Rel("rId1", relDocS, "word/document.xml")))), check: sawText(TitleText)},
		// Whether the checker sees mc:Fallback and altChunk content (and so
		// whether mark asks for an acknowledgement) is another part of issue
		// 10: here only soundness is asserted.
		{name: "AlternateContent with a fallback", soundOnly: true, data: docWith(`<w:p><w:r><mc:AlternateContent xmlns:mc="` + nsMC + `"><mc:Choice Requires="wps"><w:t>选择</w:t></mc:Choice><mc:Fallback><w:t>身份证号 110101199003077715</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`)},
		{name: "altChunk of an embedded docx", soundOnly: true, data: zipOf(append(With(With(With(Draft(),
			Document, DocumentXML(Body(`<w:altChunk r:id="rId9"/>`))),
			DocRels, docRelsWith(Rel("rId9", RelBase+"aFChunk", "afchunk.docx"))),
			Types, typesWith(`<Default Extension="docx" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document"/>`)),
			Entry{Name: "word/afchunk.docx", Data: zipOf(Draft())(), Store: true}))},
		{name: "altChunk of HTML", soundOnly: true, data: zipOf(append(With(With(With(Draft(),
			Document, DocumentXML(Body(`<w:altChunk r:id="rId9"/>`))),
			DocRels, docRelsWith(Rel("rId9", RelBase+"aFChunk", "chunk.html"))),
			Types, typesWith(`<Default Extension="html" ContentType="text/html"/>`)),
			Entry{Name: "word/chunk.html", Data: []byte("<html><body>秘密★1年</body></html>")}))},
		{name: "content controls (sdt)", data: docWith(`<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>控件中的文字</w:t></w:r></w:p></w:sdtContent></w:sdt>`), check: sawText("控件中的文字")},
		{name: "glossary document", data: zipOf(append(With(With(Draft(),
			DocRels, docRelsWith(Rel("rId9", relGlossary, "glossary/document.xml"))),
			Types, typesWith(`<Override PartName="/word/glossary/document.xml" ContentType="`+ctGlossary+`"/>`)),
			Entry{Name: "word/glossary/document.xml", Data: []byte(`<w:glossaryDocument xmlns:w="` + NSW + `"><w:docParts/></w:glossaryDocument>`)})), check: identical},
		{name: "macro-enabled .docm", ext: ".docm", data: zipOf(append(With(Draft(), Types, TypesXML(ctDOCM, `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`)),
			Entry{Name: "word/vbaProject.bin", Data: []byte("\xd0\xcf\x11\xe0 not really ole")}))},
		{name: "template .dotx", ext: ".dotx", data: mainType(ctDOTX)},
		{name: "macro-enabled template .dotm", ext: ".dotm", data: mainType(ctDOTM)},
		{name: "spreadsheet main part", data: mainType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"), want: opc.ErrNotWord},
		{name: "OpenDocument text", data: zipOf([]Entry{{Name: "mimetype", Data: []byte("application/vnd.oasis.opendocument.text"), Store: true}, {Name: "content.xml", Data: []byte("<a/>")}}), want: opc.ErrOpenDocument},
		{name: "OLE compound file that is not Word", data: func() []byte {
			return append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 1000)...)
		}, want: opc.ErrNotWord},
		{name: "encrypted package (CFB built here)", data: func() []byte { return CFB([]string{"EncryptionInfo", "EncryptedPackage"}, 0x5a) }, want: opc.ErrEncrypted},
		{name: "Word 97 binary (CFB built here)", data: func() []byte { return CFB([]string{"WordDocument", "1Table"}, 0) }, ext: ".doc", want: opc.ErrLegacyFormat},
		{name: "compound file, truncated", data: func() []byte { return CFB([]string{"EncryptionInfo", "EncryptedPackage"}, 1)[:1500] }, want: opc.ErrNotWord},
		{name: "encrypted package (CFB, from the corpus)", data: func() []byte {
			b, err := os.ReadFile("../../../shared/corpus/poi/bug53475-password-is-solrcell.docx")
			if err != nil {
				return nil // no corpus: an empty file, refused as ErrEmpty below
			}
			return b
		}, want: opc.ErrEncrypted},
	}
	return cs
}
