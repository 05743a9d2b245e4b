package docx

import (
	"strings"
	"testing"
)

// FuzzRecognisers: the line recognisers never panic, a secrecy mark always
// has a level and a ★, and a note always maps to a known attribute.
func FuzzRecognisers(f *testing.F) {
	for _, s := range []string{"密级：秘密", "秘密", "绝密 10年", "机密☆５年", "（此文公开发布）。", "公开方式：主动公开", "附件1：检查安排",
		"附件：1.", "(此件不公开)", "密级:", "（）", "附", "密", "秘密★1年（已于2027年3月1日解密）", "秘密（已解密）"} {
		f.Add(s)
	}
	known := map[string]bool{"public": true, "on-request": true, "withheld": true, "redacted": true}
	f.Fuzz(func(t *testing.T, line string) {
		for _, fn := range []func(string) (string, bool){SecrecyLine, BareSecrecyLine} {
			if m, ok := fn(line); ok {
				level, _, found := strings.Cut(m, "★")
				if !found || (level != "绝密" && level != "机密" && level != "秘密") {
					t.Fatalf("mark %q from %q", m, line)
				}
			}
		}
		if m, _, ok := DeclassifiedLine(line, true); ok {
			if level, _, found := strings.Cut(m, "★"); !found || (level != "绝密" && level != "机密" && level != "秘密") {
				t.Fatalf("declassified mark %q from %q", m, line)
			}
			if _, inForce := SecrecyLine(line); inForce {
				t.Fatalf("%q is both declassified and in force", line)
			}
		}
		if a, ok := NoteAttribute(line); ok && !known[a] {
			t.Fatalf("note %q gives attribute %q", line, a)
		}
		if ok, strong := AttachmentStart(line); strong && !ok {
			t.Fatalf("strong but not a start: %q", line)
		}
	})
}

// FuzzAnalyzeStyles: any styles part and paragraph formatting the reader
// accepts gives an analysis without panicking.
func FuzzAnalyzeStyles(f *testing.F) {
	f.Add(`<w:style w:type="paragraph" w:styleId="t"><w:basedOn w:val="t"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="44"/></w:rPr></w:style>`,
		`<w:pPr><w:pStyle w:val="t"/><w:ind w:left="-5" w:right="99999999999"/></w:pPr><w:r><w:rPr><w:color w:val="FF0000"/></w:rPr><w:t>关于某事的通知</w:t></w:r>`)
	f.Add(`<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="x"/></w:rPr></w:rPrDefault></w:docDefaults>`, `<w:r><w:t>附件1</w:t></w:r>`)
	f.Fuzz(func(t *testing.T, styles, para string) {
		d, err := Open(writeDocx(t, map[string]string{
			"word/document.xml": body("<w:p>"+para+"</w:p>", "正文", "2024年3月1日"),
			"word/styles.xml":   `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + styles + `</w:styles>`,
			"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
				`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		}))
		if err != nil {
			return
		}
		defer d.Close()
		_ = d.Analyze()
	})
}
