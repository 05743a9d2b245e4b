package clean

import (
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/scan/scantest"
)

// TestRunWithEmbeddedDocument: hidden data inside a Word document embedded
// as altChunk stays reported by the check, but does not make cleaning the
// outer document fail (clean does not edit embedded documents).
func TestRunWithEmbeddedDocument(t *testing.T) {
	inner := scantest.Doc{Body: scantest.P("正文"), Creator: "张三",
		Comments: `<w:comment w:id="0" w:author="李四">` + scantest.P("意见") + `</w:comment>`}
	outer := scantest.Doc{Body: scantest.P("正文") + `<w:altChunk r:id="rIdX1"/>`, Creator: "王五",
		Extra: []scantest.Part{{Name: "word/afchunk.docx", Body: string(inner.Bytes()),
			RelType:     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk",
			ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}}}
	in := scantest.Write(t, t.TempDir(), "a.docx", outer)
	out := filepath.Join(t.TempDir(), "b.docx")
	if _, err := Run(flowLog(t), in, out, All(), clerk, "9.9"); err != nil {
		t.Fatal(err)
	}
	d := open(t, out)
	if len(d.Chunks) != 1 || d.Chunks[0].Doc == nil || d.Chunks[0].Doc.CommentCount != 1 || d.Core.Creator != "" {
		t.Errorf("chunks %+v, creator %q", d.Chunks, d.Core.Creator)
	}
}
