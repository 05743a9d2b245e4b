package redact

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
	"github.com/docattr/docattr/internal/settings"
)

// TestEmbeddedNumbersAreRefused: a number inside a Word document embedded
// as altChunk cannot be masked in place, so the document is refused with a
// message naming where it is, and nothing is written.
func TestEmbeddedNumbersAreRefused(t *testing.T) {
	inner := scantest.Doc{Body: scantest.P("联系电话 13800138000")}
	outer := scantest.Doc{Body: scantest.P("正文") + `<w:altChunk r:id="rIdX1"/>`,
		Extra: []scantest.Part{{Name: "word/afchunk.docx", Body: string(inner.Bytes()),
			RelType:     "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk",
			ContentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}}}
	in := scantest.Write(t, t.TempDir(), "a.docx", outer)
	d, err := docx.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var buf bytes.Buffer
	if _, err := Redact(d, &buf, Options{}); !errors.Is(err, ErrEmbedded) || buf.Len() != 0 {
		t.Fatalf("Redact: %v (%d bytes written)", err, buf.Len())
	}
	if _, err := Redact(d, &buf, Options{Kinds: []string{"id_card"}}); err != nil {
		t.Errorf("no embedded ID number, yet: %v", err)
	}
	log, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer log.Close()
	out := filepath.Join(t.TempDir(), "b.docx")
	if _, err := Run(log, in, out, Options{}, settings.Actor{Name: "王五"}, "9.9"); !errors.Is(err, ErrEmbedded) {
		t.Fatalf("Run: %v", err)
	}
	if head, _ := log.Head(); head.Seq != 0 {
		t.Error("an event was recorded for a refused redaction")
	}
}
