package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// TestMarkRefusesWhatOnlySomeReadersSee: risky text that Word, WPS or
// LibreOffice shows from a fallback branch, a text box, an embedded chunk or
// behind invisible characters blocks `mark --attr public` like any other
// finding, and is accepted only with --accept-findings.
func TestMarkRefusesWhatOnlySomeReadersSee(t *testing.T) {
	const (
		id      = "110105194901010021"
		mc      = `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
		aFChunk = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
	)
	wrun := func(s string) string { return `<w:r><w:t>` + s + `</w:t></w:r>` }
	alt := func(choice, fallback string) string {
		return `<mc:AlternateContent ` + mc + `><mc:Choice Requires="wps">` + choice + `</mc:Choice><mc:Fallback>` + fallback + `</mc:Fallback></mc:AlternateContent>`
	}
	vml := func(p string) string {
		return `<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>` + p + `</w:txbxContent></v:textbox></v:shape></w:pict>`
	}
	drawing := func(p string) string {
		return `<w:drawing><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>` + p + `</w:txbxContent></wps:txbx></wps:wsp></w:drawing>`
	}
	chunk := func(name, ct, data string) scantest.Doc {
		return scantest.Doc{Body: scantest.P("关于某事的通知") + `<w:altChunk r:id="rIdX1"/>`,
			Extra: []scantest.Part{{Name: name, Body: data, RelType: aFChunk, ContentType: ct}}}
	}
	inner := scantest.Doc{Body: scantest.P("秘密★1年") + scantest.P("身份证号"+id+"，手机13800138000")}
	cases := []struct {
		name  string
		doc   scantest.Doc
		kinds string
	}{
		{"ID and mobile in mc:Fallback", scantest.Doc{Body: `<w:p>` + alt(wrun("见附件"), wrun("身份证号"+id+"，手机13800138000")) + `</w:p>`}, "id_card"},
		{"ID in a fallback text box", scantest.Doc{Body: `<w:p><w:r>` + alt(drawing(scantest.P("图")), vml(scantest.P("身份证号"+id))) + `</w:r></w:p>`}, "id_card"},
		{"ID in a VML text box", scantest.Doc{Body: `<w:p><w:r>` + vml(scantest.P("身份证号"+id)) + `</w:r></w:p>`}, "id_card"},
		{"ID in a DrawingML text box", scantest.Doc{Body: `<w:p><w:r>` + drawing(scantest.P("身份证号"+id)) + `</w:r></w:p>`}, "id_card"},
		{"embedded Word document", chunk("word/afchunk.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", string(inner.Bytes())), "id_card, secrecy_mark"},
		{"embedded HTML", chunk("word/afchunk.htm", "text/html", "<p>身份证号"+id+"</p>"), "id_card"},
		{"embedded content unreadable", chunk("word/afchunk.bin", "application/octet-stream", "\x00\x01"), "embedded_unreadable"},
		{"ID split by U+200B", scantest.Doc{Body: scantest.P("身份证号110105\u200b194901010021")}, "id_card"},
		{"ID split by U+00AD across runs", scantest.Doc{Body: scantest.P("身份证号1101051949\u00ad", "010100", "21")}, "id_card"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := sandbox(t)
			dir := t.TempDir()
			in := scantest.Write(t, dir, "draft.docx", c.doc)
			out := filepath.Join(t.TempDir(), "out.docx")
			code, _, errs := run("--db", db, "mark", in, "--attr", "public", "-o", out)
			var labels []string
			for _, k := range strings.Split(c.kinds, ", ") {
				zh, _ := scan.KindLabel(k)
				labels = append(labels, zh)
			}
			if code != ExitFailure || !strings.Contains(errs, "--accept-findings") || !strings.Contains(errs, "（"+strings.Join(labels, "、")+"）") {
				t.Fatalf("exit %d, stderr %q; want a refusal naming %s", code, errs, c.kinds)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("a refused mark left an output")
			}
			code, _, errs = run("--db", db, "mark", in, "--attr", "public", "-o", out, "--accept-findings", "已核实可以公开")
			if code != 0 {
				t.Fatalf("acknowledged mark failed: exit %d, %s", code, errs)
			}
		})
	}
}
