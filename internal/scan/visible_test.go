package scan

import (
	"fmt"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/scan/scantest"
)

const (
	mcNS       = `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
	relAFChunk = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
	ctDocx     = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	idNumber   = "110105194901010021"
	idMasked   = "1101**********0021"
)

func altContent(choice, fallback string) string {
	return `<mc:AlternateContent ` + mcNS + `><mc:Choice Requires="wps">` + choice + `</mc:Choice><mc:Fallback>` + fallback + `</mc:Fallback></mc:AlternateContent>`
}

func drawingBox(paras string) string {
	return `<w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent>` +
		paras + `</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>`
}

func vmlBox(paras string) string {
	return `<w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>` + paras + `</w:txbxContent></v:textbox></v:shape></w:pict>`
}

func wrun(text string) string { return `<w:r><w:t xml:space="preserve">` + text + `</w:t></w:r>` }

// withChunk returns a document whose body holds an altChunk of the given part.
func withChunk(body, name, contentType, data string) scantest.Doc {
	return scantest.Doc{Body: body + `<w:altChunk r:id="rIdX1"/>`,
		Extra: []scantest.Part{{Name: name, Body: data, RelType: relAFChunk, ContentType: contentType}}}
}

// embeddedDraft is a Word document with a secrecy line, an ID number and a
// mobile, to be embedded in another.
var embeddedDraft = scantest.Doc{Body: scantest.P("秘密★1年") + titleP("关于某事的通知") +
	scantest.P("联系人身份证号"+idNumber+"，手机13800138000。")}

// visibleCases are hostile documents whose risky text only some readers
// show, with every finding the check must report.
var visibleCases = []struct {
	name string
	doc  scantest.Doc
	want []string // kind|severity|location|excerpt
}{
	{"ID and mobile only in mc:Fallback (run level)",
		scantest.Doc{Body: `<w:p>` + wrun("联系人：") + altContent(wrun("见附件"), wrun("身份证号"+idNumber+"，手机13800138000")) + `</w:p>`},
		[]string{"id_card|block|正文第1段（兼容显示内容）|" + idMasked, "mobile|warn|正文第1段（兼容显示内容）|138****8000"}},
	{"ID and mobile only in a fallback VML text box",
		scantest.Doc{Body: `<w:p><w:r>` + altContent(drawingBox(scantest.P("图示")), vmlBox(scantest.P("身份证号"+idNumber+"，手机13800138000"))) + `</w:r></w:p>`},
		[]string{"id_card|block|文本框第3段（兼容显示内容）|" + idMasked, "mobile|warn|文本框第3段（兼容显示内容）|138****8000"}},
	{"same text box in both branches is reported once",
		scantest.Doc{Body: `<w:p><w:r>` + altContent(drawingBox(scantest.P("身份证号"+idNumber)), vmlBox(scantest.P("身份证号"+idNumber))) + `</w:r></w:p>`},
		[]string{"id_card|block|文本框第2段|" + idMasked}},
	{"number in differing text boxes of both branches is reported once",
		scantest.Doc{Body: `<w:p><w:r>` + altContent(drawingBox(scantest.P("身份证号"+idNumber)), vmlBox(scantest.P("张三身份证号"+idNumber+"，手机13800138000"))) + `</w:r></w:p>`},
		[]string{"id_card|block|文本框第2段|" + idMasked, "mobile|warn|文本框第3段（兼容显示内容）|138****8000"}},
	{"number in both run-level branches is reported once",
		scantest.Doc{Body: `<w:p>` + altContent(wrun("手机13800138000"), wrun("手机 138 0013 8000")) + `</w:p>`},
		[]string{"mobile|warn|正文第1段|138****8000"}},
	{"secrecy mark only in mc:Fallback",
		scantest.Doc{Body: `<w:p>` + altContent(wrun(""), wrun("机密★5年")) + `</w:p>` + titleP("关于某事的通知")},
		[]string{"secrecy_mark|block|正文第1段（兼容显示内容）|机密★5年"}},
	{"restriction note only in mc:Fallback",
		scantest.Doc{Body: `<w:p>` + altContent(wrun("（公开）"), wrun("（内部资料 注意保存）")) + `</w:p>` + titleP("关于某事的通知")},
		[]string{"restriction_note|warn|正文第1段（兼容显示内容）|内部资料注意保存"}},
	{"DrawingML text box",
		scantest.Doc{Body: `<w:p><w:r>` + drawingBox(scantest.P("卡号6228480402564890018")) + `</w:r></w:p>`},
		[]string{"bank_card|block|文本框第2段|6228 **** **** *** 0018"}},
	{"VML text box",
		scantest.Doc{Body: `<w:p><w:r>` + vmlBox(scantest.P("秘密★1年")) + `</w:r></w:p>`},
		[]string{"secrecy_mark|block|文本框第2段|秘密★1年"}},
	{"SmartArt text", scantest.Doc{Body: scantest.P("正文"), Extra: []scantest.Part{{Name: "word/diagrams/data1.xml",
		RelType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/diagramData",
		Body:    `<dgm:dataModel xmlns:dgm="http://schemas.openxmlformats.org/drawingml/2006/diagram" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><dgm:ptLst><dgm:pt><dgm:t><a:p><a:r><a:t>身份证号` + idNumber + `</a:t></a:r></a:p></dgm:t></dgm:pt></dgm:ptLst></dgm:dataModel>`}}},
		[]string{"id_card|block|图形文字第1段|" + idMasked}},
	{"chart labels", scantest.Doc{Body: scantest.P("正文"), Extra: []scantest.Part{{Name: "word/charts/chart1.xml",
		RelType: "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart",
		Body: `<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart><c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>13800138000</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser>` +
			`<c:ser><c:cat><c:strRef><c:strCache><c:pt idx="0"><c:v>13800138000</c:v></c:pt></c:strCache></c:strRef></c:cat></c:ser></c:chart></c:chartSpace>`}}},
		[]string{"mobile|warn|图形文字第1段|138****8000"}},
	{"ID split by U+200B", scantest.Doc{Body: scantest.P("身份证号110105\u200b19490101\u200b0021")},
		[]string{"id_card|block|正文第1段|" + idMasked}},
	{"ID split by U+00AD across runs", scantest.Doc{Body: scantest.P("身份证号1101051949\u00ad", "0101", "\u00ad0021。")},
		[]string{"id_card|block|正文第1段|" + idMasked}},
	{"mobile split by U+2060 and U+FEFF", scantest.Doc{Body: scantest.P("手机138\u20600013\ufeff8000")},
		[]string{"mobile|warn|正文第1段|138****8000"}},
	{"secrecy mark split by U+200D", scantest.Doc{Body: scantest.P("秘\u200d密★1年") + titleP("关于某事的通知")},
		[]string{"secrecy_mark|block|正文第1段|秘密★1年"}},
	{"invisible characters do not join a longer number", scantest.Doc{Body: scantest.P("编号1\u200b" + idNumber)},
		nil},
	{"altChunk Word document", withChunk(scantest.P("正文"), "word/afchunk.docx", ctDocx, string(embeddedDraft.Bytes())),
		[]string{"id_card|block|嵌入文档 word/afchunk.docx 的正文第3段|" + idMasked,
			"mobile|warn|嵌入文档 word/afchunk.docx 的正文第3段|138****8000",
			"secrecy_mark|block|嵌入文档 word/afchunk.docx 的正文第1段|秘密★1年"}},
	{"altChunk Word document in an altChunk Word document", withChunk(scantest.P("正文"), "word/afchunk.docx", ctDocx,
		string(withChunk(scantest.P("中层"), "word/inner.docx", ctDocx, string(embeddedDraft.Bytes())).Bytes())),
		[]string{"id_card|block|嵌入文档 word/afchunk.docx 的嵌入文档 word/inner.docx 的正文第3段|" + idMasked,
			"mobile|warn|嵌入文档 word/afchunk.docx 的嵌入文档 word/inner.docx 的正文第3段|138****8000",
			"secrecy_mark|block|嵌入文档 word/afchunk.docx 的嵌入文档 word/inner.docx 的正文第1段|秘密★1年"}},
	{"altChunk Word document declared as text", withChunk(scantest.P("正文"), "word/afchunk.txt", "text/plain", string(embeddedDraft.Bytes())),
		[]string{"id_card|block|嵌入文档 word/afchunk.txt 的正文第3段|" + idMasked,
			"mobile|warn|嵌入文档 word/afchunk.txt 的正文第3段|138****8000",
			"secrecy_mark|block|嵌入文档 word/afchunk.txt 的正文第1段|秘密★1年"}},
	{"altChunk HTML", withChunk(scantest.P("正文"), "word/afchunk.htm", "text/html",
		`<html><body><p>秘密&#9733;1年</p><p>身份证号`+idNumber+`，手机&#49;3800138000</p></body></html>`),
		[]string{"id_card|block|嵌入内容第2段|" + idMasked, "mobile|warn|嵌入内容第2段|138****8000",
			"secrecy_mark|block|嵌入内容第1段|秘密★1年"}},
	{"altChunk RTF", withChunk(scantest.P("正文"), "word/afchunk.rtf", "application/rtf",
		`{\rtf1\ansi{\fonttbl{\f0 SimSun;}}\f0 \u25163?\u26426?13800138000\par}`),
		[]string{"mobile|warn|嵌入内容第1段|138****8000"}},
	{"altChunk plain text", withChunk(scantest.P("正文"), "word/afchunk.txt", "text/plain", "身份证号"+idNumber),
		[]string{"id_card|block|嵌入内容第1段|" + idMasked}},
	{"altChunk unreadable", withChunk(scantest.P("正文"), "word/afchunk.bin", "application/octet-stream", "\x00\x01\x02"),
		[]string{"embedded_unreadable|block|嵌入内容|word/afchunk.bin"}},
	{"altChunk damaged Word document", withChunk(scantest.P("正文"), "word/afchunk.docx", ctDocx, "PK\x03\x04garbage"),
		[]string{"embedded_unreadable|block|嵌入内容|word/afchunk.docx"}},
	{"altChunk markup without text", scantest.Doc{Body: scantest.P("正文") + `<w:altChunk r:id="rIdX1"/>`,
		Extra: []scantest.Part{{Name: "word/other.xml", Body: "<x/>", RelType: relAFChunk}}},
		nil},
	{"altChunk without relationship", scantest.Doc{Body: scantest.P("正文") + `<w:altChunk r:id="rId404"/>`},
		[]string{"embedded_unreadable|block|嵌入内容|word/document.xml#rId404"}},
}

func TestWhatReadersSee(t *testing.T) {
	for _, tc := range visibleCases {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.doc)
			var got []string
			for _, f := range r.Findings {
				if f.Severity == Info {
					continue
				}
				got = append(got, fmt.Sprintf("%s|%s|%s|%s", f.Kind, f.Severity, f.Location, f.Excerpt))
			}
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("findings\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestInvisibleCharactersKeepPlaces: matching ignores invisible characters
// but ranges, masks and excerpts refer to the original text.
func TestInvisibleCharactersKeepPlaces(t *testing.T) {
	text := "身份证号110105\u200b19490101\u00ad0021，手机138\u20600013\ufeff8000。"
	ms := findNumbers(text)
	if len(ms) != 2 {
		t.Fatalf("found %v", ms)
	}
	if got := text[ms[0].start:ms[0].end]; got != "110105\u200b19490101\u00ad0021" {
		t.Errorf("ID range %q", got)
	}
	if got := text[ms[1].start:ms[1].end]; got != "138\u20600013\ufeff8000" {
		t.Errorf("mobile range %q", got)
	}
	if got := maskText(text); got != "身份证号"+idMasked+"，手机138****8000。" {
		t.Errorf("masked %q", got)
	}
}
