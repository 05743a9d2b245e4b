package redact

import (
	"bytes"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/xmltok"
)

// Namespaces of the seeds: WordprocessingML, markup compatibility, DrawingML.
const (
	nsW  = docx.NSW
	nsMC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsA  = "http://schemas.openxmlformats.org/drawingml/2006/main"
)

// FuzzMaskPart: masking never panics, keeps a well-formed part well-formed,
// leaves a part without numbers byte-identical, and a masked part has
// nothing left to mask — read as a story part and as a drawing part.
func FuzzMaskPart(f *testing.F) {
	w := `xmlns:w="` + nsW + `" xmlns:mc="` + nsMC + `" xmlns:a="` + nsA + `"`
	for _, s := range []string{
		`<w:document ` + w + `><w:body><w:p><w:r><w:t>身份证号110105194912310021</w:t></w:r></w:p></w:body></w:document>`,
		`<w:document ` + w + `><w:body><w:p><w:r><w:t>138</w:t></w:r><w:r><w:t>0013&#56;000</w:t></w:r></w:p></w:body></w:document>`,
		`<w:hdr ` + w + `><w:p><w:del><w:r><w:delText>13800138000</w:delText></w:r></w:del><w:ins><w:r><w:t>1390013</w:t></w:r></w:ins></w:p></w:hdr>`,
		`<w:p ` + w + `><w:r><mc:AlternateContent><mc:Choice><w:t>13800138000</w:t></mc:Choice><mc:Fallback><w:t>13800138000</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
		`<a:p ` + w + `><a:r><a:t><![CDATA[6222 0212 3456 7890]]></a:t></a:r></a:p>`,
		`<w:p ` + w + `><w:r><w:t>电话１３８００１３８０００</w:t><w:tab/><w:t>5</w:t></w:r></w:p>`,
	} {
		f.Add([]byte(s))
	}
	kinds := map[string]bool{}
	for _, k := range Kinds {
		kinds[k] = true
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, tp := range []docx.TextPart{{Part: "word/document.xml", Where: docx.Body}, {Part: "word/diagrams/data1.xml", Where: docx.Drawing}} {
			out, items, err := maskPart(tp, data, kinds, nil)
			if err != nil {
				continue
			}
			if len(items) == 0 && !bytes.Equal(out, data) {
				t.Fatalf("%s: a part without numbers changed", tp.Where)
			}
			if xmltok.Check(data) == nil {
				if err := xmltok.Check(out); err != nil {
					t.Fatalf("%s: masking broke a well-formed part: %v\n%s", tp.Where, err, out)
				}
			}
			again, more, err := maskPart(tp, out, kinds, nil)
			if err != nil {
				t.Fatalf("%s: masked part unreadable: %v", tp.Where, err)
			}
			if len(more) > 0 {
				t.Fatalf("%s: numbers left after masking: %+v\n%s\n→\n%s", tp.Where, more, data, again)
			}
		}
	})
}
