package audit

import (
	"archive/zip"
	"encoding/xml"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/msg"
)

// A checkpoint receipt is the checkpoint as people keep it: one printable
// A4 page (a minimal DOCX that Word, WPS and LibreOffice open) with the
// unit, the time, the sequence number, the hash in groups of four, the key
// fingerprint and room to sign. The JSON checkpoint stays the machine
// format; the receipt is what goes into the paper file, so that a later
// reader can compare the log's hash by eye.

// ReceiptPath is where the receipt of a checkpoint written to path goes
// by default: beside it, 回执 added to the name, .docx.
func ReceiptPath(checkpointPath string) string {
	return strings.TrimSuffix(checkpointPath, filepath.Ext(checkpointPath)) + "-回执.docx"
}

// GroupHex writes a hex string in groups of four, "ab12 cd34 …", the way
// people read a hash aloud and compare it by eye.
func GroupHex(h string) string {
	var b strings.Builder
	for i := 0; i < len(h); i += 4 {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(h[i:min(i+4, len(h))])
	}
	return b.String()
}

// ReceiptLines are the receipt's lines in order: a label and its value.
// The hash line's value holds a line break between its two halves.
func ReceiptLines(c Checkpoint, unit string) [][2]string {
	local := c.Time.Local()
	_, off := local.Zone()
	hash := GroupHex(c.Hash)
	if half := len(hash) / 2; len(hash) > 40 && hash[half] == ' ' {
		hash = hash[:half] + "\n" + hash[half+1:]
	}
	return [][2]string{
		{"单位", unit},
		{"签署时间", local.Format("2006年1月2日 15:04:05") + "（" + zoneName(off/60) + "）"},
		{"覆盖到", fmt.Sprintf("审计日志第 %d 条事件", c.Seq)},
		{"该事件哈希（SHA-256）", hash},
		{"本机密钥指纹", c.Fingerprint()},
	}
}

// WriteReceipt writes the printable receipt of c to path atomically (mode
// 0644, like the checkpoint it accompanies).
func WriteReceipt(path string, c Checkpoint, unit string) error {
	out, err := atomicfile.Create(path)
	if err != nil {
		return msg.Newf(nil, err, "无法创建检查点回执", "cannot create the checkpoint receipt")
	}
	defer out.Abort()
	out.Perm = 0o644
	if err := writeReceiptDocx(out, c, unit); err != nil {
		return msg.Newf(nil, err, "写入检查点回执失败", "writing the checkpoint receipt failed")
	}
	if err := out.Sync(); err != nil {
		return msg.Newf(nil, err, "写入检查点回执失败", "writing the checkpoint receipt failed")
	}
	return out.Commit()
}

func writeReceiptDocx(w io.Writer, c Checkpoint, unit string) error {
	z := zip.NewWriter(w)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
			`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
			`<Default Extension="xml" ContentType="application/xml"/>` +
			`<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>` +
			`</Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
			`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
			`</Relationships>`},
		{"word/document.xml", receiptDocument(c, unit)},
	}
	for _, p := range parts {
		f, err := z.Create(p.name)
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return err
		}
	}
	return z.Close()
}

// receiptDocument is word/document.xml: a title, the lines, a note and
// the signature lines, on one A4 portrait page.
func receiptDocument(c Checkpoint, unit string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`)
	para(&b, "center", 36, true, false, "审计日志检查点回执")
	para(&b, "", 24, false, false, "")
	for _, l := range ReceiptLines(c, unit) {
		mono := strings.Contains(l[0], "哈希") || strings.Contains(l[0], "指纹")
		para(&b, "", 24, true, false, l[0]+"：")
		for _, v := range strings.Split(l[1], "\n") {
			para(&b, "", 26, false, mono, "    "+v)
		}
	}
	para(&b, "", 24, false, false, "")
	para(&b, "", 21, false, false, "说明：本回执与同名检查点文件（.json）一并另行保存。日后核对时，审计日志中该条事件的哈希应与上列一致；"+
		"若日志的事件少于此数或哈希不同，说明日志被截断、回退或改动。")
	para(&b, "", 24, false, false, "")
	para(&b, "", 24, false, false, "经办人签名：____________________    日期：______________")
	para(&b, "", 24, false, false, "")
	para(&b, "", 24, false, false, "接收人签名：____________________    日期：______________")
	b.WriteString(`<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
		`<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>`)
	b.WriteString(`</w:body></w:document>`)
	return b.String()
}

// para writes one paragraph; size is in half-points.
func para(b *strings.Builder, align string, size int, bold, mono bool, text string) {
	b.WriteString("<w:p><w:pPr>")
	if align != "" {
		b.WriteString(`<w:jc w:val="` + align + `"/>`)
	}
	b.WriteString("</w:pPr><w:r><w:rPr>")
	ascii := "Times New Roman"
	if mono {
		ascii = "Courier New"
	}
	fmt.Fprintf(b, `<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="宋体"/>`, ascii, ascii)
	if bold {
		b.WriteString("<w:b/>")
	}
	fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/></w:rPr><w:t xml:space="preserve">`, size, size)
	_ = xml.EscapeText(b, []byte(text))
	b.WriteString("</w:t></w:r></w:p>")
}
