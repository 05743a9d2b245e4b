package redact

import (
	"bytes"
	"io"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/hostile"
)

// BenchmarkRedact masks the PII fixture in memory (check, walk, write).
func BenchmarkRedact(b *testing.B) {
	data := hostile.PIIDraft()
	for b.Loop() {
		d, err := docx.OpenReader("pii.docx", bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Redact(d, io.Discard, Options{}); err != nil {
			b.Fatal(err)
		}
		d.Close()
	}
}

// BenchmarkMaskPart walks a long body part with a number in every tenth
// paragraph.
func BenchmarkMaskPart(b *testing.B) {
	var body bytes.Buffer
	body.WriteString(`<w:document xmlns:w="` + docx.NSW + `"><w:body>`)
	for i := range 5000 {
		text := "各区人民政府，市政府各部门要认真做好政务公开工作。"
		if i%10 == 0 {
			text += "联系电话 13800138000"
		}
		body.WriteString(`<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>` + text + `</w:t></w:r></w:p>`)
	}
	body.WriteString(`</w:body></w:document>`)
	data := body.Bytes()
	kinds := map[string]bool{"mobile": true}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, _, err := maskPart(docx.TextPart{Part: "word/document.xml", Where: docx.Body}, data, kinds, nil); err != nil {
			b.Fatal(err)
		}
	}
}
