package docx

import (
	"testing"

	"github.com/docattr/docattr/internal/xmltok"
)

// scanBlocks reads data's body blocks alone, as readMain's pass does
// beside the text (a fault ends the estimate where it is).
func scanBlocks(data []byte) ([]block, pageGeom) {
	r := newBlockReader(len(data))
	_ = drive(xmltok.New(data), r.step)
	return r.result()
}

// FuzzPageLayout: the layout reader takes any document and styles part
// without panicking, and its estimate stays within the page.
func FuzzPageLayout(f *testing.F) {
	for _, parts := range edgeCases() {
		f.Add([]byte(parts["word/document.xml"]), []byte(`<w:styles xmlns:w="`+NSW+`"><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:styleId="a" w:default="1"><w:basedOn w:val="a"/><w:pPr><w:spacing w:line="560" w:lineRule="exact"/></w:pPr></w:style></w:styles>`))
	}
	f.Fuzz(func(t *testing.T, doc, styles []byte) {
		blocks, geom := scanBlocks(doc)
		l := &layout{blocks: blocks, geom: geom, styles: readStyles(styles)}
		l.flow()
		_ = l.obstacles()
		_, _ = l.limitNoDate()
		_ = l.padding(0)
		if len(blocks) > 0 {
			_ = l.blanksBeforeSignature(len(blocks) - 1)
		}
		if l.pages < 1 {
			t.Fatalf("%d pages", l.pages)
		}
	})
}
