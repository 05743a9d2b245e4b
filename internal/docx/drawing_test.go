package docx

import (
	"strings"
	"testing"
)

func TestParseDrawing(t *testing.T) {
	const (
		dgm   = `<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst>`
		chart = `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart>`
	)
	tests := []struct{ name, xml, want string }{
		{"SmartArt points", dgm + `<dgm:pt><dgm:t><a:bodyPr/><a:p><a:r><a:t>张三</a:t></a:r><a:r><a:t>13800138000</a:t></a:r></a:p><a:p><a:r><a:t>第二行</a:t></a:r><a:br/><a:r><a:t>续</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>`,
			"张三13800138000|第二行\n续"},
		{"chart title and string caches", chart + `<c:title><c:tx><c:rich><a:p><a:r><a:t>秘密★1年</a:t></a:r></a:p></c:rich></c:tx></c:title>` +
			`<c:ser><c:tx><c:strRef><c:strCache><c:pt idx="0"><c:v>系列一</c:v></c:pt></c:strCache></c:strRef></c:tx>` +
			`<c:cat><c:strRef><c:f>Sheet1!A2</c:f><c:strCache><c:pt idx="0"><c:v>110105194901010021</c:v></c:pt></c:strCache></c:strRef></c:cat>` +
			`<c:val><c:numRef><c:numCache><c:pt idx="0"><c:v>3</c:v></c:pt></c:numCache></c:numRef></c:val></c:ser>` +
			`<c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>110105194901010021</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser></c:chart></c:chartSpace>`,
			"秘密★1年|系列一|110105194901010021"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			paras, err := parseDrawing([]byte(tc.xml), "word/x.xml")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for i, p := range paras {
				if p.Index != i || p.Where != Drawing || p.Part != "word/x.xml" {
					t.Errorf("paragraph %+v", p)
				}
				got = append(got, p.Text)
			}
			if g := strings.Join(got, "|"); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

// FuzzParseDrawing: any diagram or chart part parses without a panic into
// non-empty paragraphs numbered in order.
func FuzzParseDrawing(f *testing.F) {
	f.Add(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:strCache><c:pt><c:v>甲</c:v></c:pt></c:strCache><a:p><a:r><a:t>乙</a:t></a:r><a:br/></a:p></c:chartSpace>`)
	f.Add(`<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:t><![CDATA[x]]></a:t><a:t/></a:p>`)
	f.Fuzz(func(t *testing.T, xml string) {
		paras, _ := parseDrawing([]byte(xml), "word/charts/chart1.xml")
		for i, p := range paras {
			if p.Index != i || strings.TrimSpace(p.Text) == "" {
				t.Fatalf("paragraph %d: %+v", i, p)
			}
		}
	})
}
