package redact

import (
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
)

// TestMaskPartReachesEveryCopyOfANumber: the bytes of each reading are
// masked, also where docx's check reads the text once (an mc:Fallback that
// repeats its Choice, a chart's categories repeated per series, a number
// split over runs and references).
func TestMaskPartReachesEveryCopyOfANumber(t *testing.T) {
	ns := `xmlns:w="` + nsW + `" xmlns:mc="` + nsMC + `" xmlns:a="` + nsA + `" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"`
	cases := []struct {
		name, xml string
		where     docx.Where
		want      string // the part afterwards
		items     int
	}{
		{"split over runs and a reference",
			`<w:p ` + ns + `><w:r><w:t>电话138</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>0013&#56;000</w:t></w:r></w:p>`, docx.Body,
			`<w:p ` + ns + `><w:r><w:t>电话138</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>****&#56;000</w:t></w:r></w:p>`, 1},
		{"fallback repeating its choice",
			`<w:p ` + ns + `><w:r><mc:AlternateContent><mc:Choice><w:t>13800138000</w:t></mc:Choice><mc:Fallback><w:t>13800138000</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`, docx.Body,
			`<w:p ` + ns + `><w:r><mc:AlternateContent><mc:Choice><w:t>138****8000</w:t></mc:Choice><mc:Fallback><w:t>138****8000</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`, 2},
		{"tracked deletion",
			`<w:p ` + ns + `><w:del><w:r><w:delText>13800138000</w:delText></w:r></w:del></w:p>`, docx.Comment,
			`<w:p ` + ns + `><w:del><w:r><w:delText>138****8000</w:delText></w:r></w:del></w:p>`, 1},
		{"chart categories of two series",
			`<c:chartSpace ` + ns + `><c:strCache><c:v>13800138000</c:v></c:strCache><c:strCache><c:v>13800138000</c:v></c:strCache></c:chartSpace>`, docx.Drawing,
			`<c:chartSpace ` + ns + `><c:strCache><c:v>138****8000</c:v></c:strCache><c:strCache><c:v>138****8000</c:v></c:strCache></c:chartSpace>`, 2},
		{"SmartArt CDATA",
			`<a:p ` + ns + `><a:r><a:t><![CDATA[13800138000]]></a:t></a:r></a:p>`, docx.Drawing,
			`<a:p ` + ns + `><a:r><a:t><![CDATA[138****8000]]></a:t></a:r></a:p>`, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, items, err := maskPart(docx.TextPart{Part: "word/x.xml", Where: c.where}, []byte(c.xml), map[string]bool{"mobile": true}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if string(out) != c.want {
				t.Errorf("masked\n%s\nwant\n%s", out, c.want)
			}
			if len(items) != c.items {
				t.Errorf("items %+v, want %d", items, c.items)
			}
			for _, it := range items {
				if strings.Contains(it.Masked, "0013") {
					t.Errorf("item holds the clear number: %+v", it)
				}
			}
		})
	}
}
