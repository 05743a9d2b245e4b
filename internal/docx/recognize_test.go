package docx

import (
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
)

// Generated drafts for issue 11 items 4-7: dates only where a 成文日期 can
// be, secrecy and notes in every written form, the title after the 版头.

// pFmt returns a paragraph with alignment jc (""=none), size in half-points
// (0=none) and colour (""=none).
func pFmt(text, jc string, size int, color string) string {
	var ppr, rpr string
	if jc != "" {
		ppr = `<w:pPr><w:jc w:val="` + jc + `"/></w:pPr>`
	}
	if size > 0 {
		rpr += `<w:sz w:val="` + itoa(size) + `"/>`
	}
	if color != "" {
		rpr += `<w:color w:val="` + color + `"/>`
	}
	if rpr != "" {
		rpr = "<w:rPr>" + rpr + "</w:rPr>"
	}
	return "<w:p>" + ppr + "<w:r>" + rpr + `<w:t xml:space="preserve">` + text + "</w:t></w:r></w:p>"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// table returns a one-row-per-cell-pair table: rows of cells.
func table(rows ...[]string) string {
	var b strings.Builder
	b.WriteString("<w:tbl>")
	for _, r := range rows {
		b.WriteString("<w:tr>")
		for _, c := range r {
			b.WriteString("<w:tc>" + para(c) + "</w:tc>")
		}
		b.WriteString("</w:tr>")
	}
	b.WriteString("</w:tbl>")
	return b.String()
}

func right(text string) string { return pFmt(text, "right", 0, "") }

func TestDateOnlyInSignatureBlocks(t *testing.T) {
	cases := []struct {
		name  string
		paras []string
		date  string
		where Where
	}{
		{"date in a data table is not one", []string{"项目工作说明书", "三、里程碑计划",
			table([]string{"里程碑", "时间", "交付内容"}, []string{"原型", "2025年10月15日", "功能原型"}, []string{"终验", "2025年12月", "终版"}),
			"四、组织及分工"}, "", ""},
		{"schedule table without heading", []string{"关于举办培训的通知", "正文。",
			table([]string{"第一期", "2025年3月1日"}, []string{"第二期", "2025年4月1日"})}, "", ""},
		{"data table date does not beat the signature", []string{"关于某事的通知", "正文。",
			table([]string{"事项", "完成时间"}, []string{"报送材料", "2025年3月1日"}), right("某某局"), right("2025年2月1日")}, "2025年2月1日", Body},
		{"signature table of a joint issue", []string{"关于表彰先进的决定", "正文。",
			table([]string{"中共某某市委", "某某市人民政府"}, []string{"", "2026年5月15日"})}, "2026年5月15日", TableCell},
		{"indented signature with spaces", []string{"通知书", "正文。", "        某某监督站", "                2025年8月13日"}, "2025年8月13日", Body},
		{"附件1：标题 starts the attachments", []string{"关于开展检查的通知", "正文。", right("某某局"), right("2024年3月1日"),
			"附件1：检查安排", "一、检查时间", right("2024年4月1日")}, "2024年3月1日", Body},
		{"附件 2 starts the attachments", []string{"关于开展检查的通知", "正文。", right("某某局"), right("2024年3月1日"),
			"附件 2", "名单", right("2024年4月1日")}, "2024年3月1日", Body},
		{"附件：1. after the date starts the attachments", []string{"关于开展检查的通知", "正文。", right("某某局"), right("2024年3月1日"),
			"附件：1.检查安排", right("2024年4月1日")}, "2024年3月1日", Body},
		{"附件说明 before the signature is not the attachments", []string{"关于开展检查的通知", "正文。", "附件：1.检查安排",
			"      2.人员名单", right("某某局"), right("2024年3月1日")}, "2024年3月1日", Body},
		{"no 成文日期: an attachment's date does not count", []string{"关于开展检查的通知", "正文。", "请认真组织。",
			"附件1", "检查安排", right("2024年4月1日")}, "", ""},
		{"date under a 纪要 head is not the 成文日期", []string{pFmt("某某市人民政府常务会议纪要", "center", 44, ""), pFmt("2024年3月1日", "center", 32, ""),
			"会议研究了某事。", "会议议定如下。"}, "", ""},
		{"纪要 head date and a signed date", []string{pFmt("会议纪要", "center", 88, "FF0000"), "2024年3月1日",
			"会议研究了某事。", right("某某办公室"), right("2024年3月2日")}, "2024年3月2日", Body},
		{"full-width date", []string{"通知", "正文。", right("某某局"), right("２０２４年３月１日")}, "2024年3月1日", Body},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": body(c.paras...)})
			a := d.Analyze()
			got := ""
			if a.Date != nil {
				got = Compact(a.Date.Text)
				if a.Date.Where != c.where {
					t.Errorf("date in %s, want %s", a.Date.Where, c.where)
				}
			}
			if got != c.date {
				t.Errorf("date %q, want %q", got, c.date)
			}
		})
	}
}

// TestNoteAfterSignatureTable: the note follows the signature table, never
// inside its cell.
func TestNoteAfterSignatureTable(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("关于表彰先进的决定", "正文。",
		table([]string{"中共某某市委", "某某市人民政府"}, []string{"", "2026年5月15日"}), "抄送：某某")})
	d2, res := restamp(t, d, StampOptions{Note: "（此件公开发布）"})
	if res.NotePlacement != PlacedAfterDate {
		t.Fatalf("placement %s", res.NotePlacement)
	}
	got := strings.Join(bodyTexts(d2), "|")
	if want := "关于表彰先进的决定|正文。|（此件公开发布）|抄送：某某"; got != want {
		t.Errorf("body %q, want %q", got, want)
	}
	for _, p := range d2.MainParagraphs() {
		if p.Where == TableCell && IsNote(p.Text) {
			t.Errorf("note inside the table: %q", p.Text)
		}
	}
}

func TestSecrecyForms(t *testing.T) {
	for in, want := range map[string]string{
		"密级：秘密": "秘密★", "密级:机密★5年": "机密★5年", "密 级 ： 绝 密": "绝密★", "密级：秘密 保密期限：10年": "秘密★10年",
		"绝密 10年": "绝密★10年", "机密 五年": "机密★五年", "密\u200b级：秘\u00ad密": "秘密★", "秘密＊1年": "秘密★1年", "机密☆５年": "机密★5年", "秘密★1年 特急": "秘密★1年",
		"机 密 ★ 2028年12月31日": "机密★2028年12月31日", "秘密★这是一句很长的话，不是保密期限": "",
		"秘密": "", "保守国家秘密": "", "涉密人员": "", "商业秘密": "", "密级：": "", "密级：非密": "",
	} {
		got, ok := SecrecyLine(in)
		if (want != "") != ok || ok && got != want {
			t.Errorf("SecrecyLine(%q) = %q,%v want %q", in, got, ok, want)
		}
	}
	for in, want := range map[string]string{"秘密": "秘密★", "机　密": "机密★", "【绝密】": "绝密★", "（秘密）": "秘密★",
		"秘密文件": "", "工作秘密": "", "密级": ""} {
		got, ok := BareSecrecyLine(in)
		if (want != "") != ok || ok && got != want {
			t.Errorf("BareSecrecyLine(%q) = %q,%v want %q", in, got, ok, want)
		}
	}
}

// TestSecrecyFormsReplaced: a secrecy line in any form at the top is the
// draft's existing line, and a new one replaces it instead of doubling.
func TestSecrecyFormsReplaced(t *testing.T) {
	for _, first := range []string{"密级：秘密", "秘密", "机 密", "绝密 10年", "秘密＊1年", "000123|机密☆"} {
		t.Run(first, func(t *testing.T) {
			paras := strings.Split(first, "|")
			paras = append(paras, pFmt("关于某事的通知", "center", 44, ""), "正文。", right("某某局"), right("2024年3月1日"))
			d := openDoc(t, map[string]string{"word/document.xml": body(paras...)})
			a := d.Analyze()
			if a.Secrecy == nil || a.SecrecyInHeader {
				t.Fatalf("secrecy line not found: %+v", a)
			}
			if a.Title == nil || Compact(a.Title.Text) != "关于某事的通知" {
				t.Errorf("title %v", a.Title)
			}
			d2, res := restamp(t, d, StampOptions{SecrecyLine: ptr("机密★5年"), Note: "（此件不予公开）"})
			if res.SecrecyReplaced == "" {
				t.Errorf("nothing replaced")
			}
			n := 0
			for _, p := range d2.Body() {
				if _, ok := headSecrecy(p.Text); ok {
					n++
				}
			}
			if n != 1 {
				t.Errorf("%d secrecy lines after stamping: %q", n, bodyTexts(d2))
			}
		})
	}
}

// TestSecrecyInHeaderWins: a header mark is the document's mark even when
// the body repeats a level (wps_secret_test carries both).
func TestSecrecyInHeaderWins(t *testing.T) {
	header := `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>机密</w:t></w:r></w:p></w:hdr>`
	d := openDoc(t, map[string]string{
		"word/document.xml":            body("密级：秘密", "关于某事的通知", "正文。"),
		"word/header1.xml":             header,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`,
	})
	if a := d.Analyze(); !a.SecrecyInHeader || a.SecrecyText != "机密★" {
		t.Errorf("got %q in header %v", a.SecrecyText, a.SecrecyInHeader)
	}
}

func TestNoteWordings(t *testing.T) {
	for in, want := range map[string]string{
		"（此件公开发布）": attr.Public, "（此文公开发布）": attr.Public, "(此件公开发布)": attr.Public, "此件公开发布": attr.Public,
		"（此件公开发布）。": attr.Public, "此件公开发布。": attr.Public, "（ 此件公开发布 ）": attr.Public, "(此件公开发布）": attr.Public,
		"（此件主动公开）": attr.Public, "【此件可公开发布】": attr.Public, "（此件不对外公开）": attr.Withheld, "公开方式：主动公开": attr.Public, "信息公开选项：主动公开": attr.Public,
		"信息公开选项:依申请公开": attr.OnRequest, "（此件依申请公开）": attr.OnRequest, "公开方式：依申请公开": attr.OnRequest,
		"（此件不予公开）": attr.Withheld, "（此件不公开）": attr.Withheld, "此件不公开。": attr.Withheld, "信息公开选项：不公开": attr.Withheld,
		"公开属性：不予公开": attr.Withheld, "（此件删减后公开）": attr.Redacted, "政务公开选项：删减后公开": attr.Redacted,
		"此件公开发布的要求": "", "（此件公开发布）请各单位遵照执行": "", "公开方式：网站": "", "各单位要做好信息公开": "",
		"关于此件不公开的说明": "",
	} {
		got, ok := NoteAttribute(in)
		if (want != "") != ok || got != want {
			t.Errorf("NoteAttribute(%q) = %q,%v want %q", in, got, ok, want)
		}
	}
	for _, w := range noteWordings {
		if _, ok := attr.Lookup(w.attribute); !ok {
			t.Errorf("wording %s: unknown attribute %q", w.text, w.attribute)
		}
	}
}

// TestNoteWordingsReplaced: a note in another wording is reported as the
// existing note and replaced, never doubled.
func TestNoteWordingsReplaced(t *testing.T) {
	for _, note := range []string{"（此文公开发布）", "（此件不公开）", "此件公开发布", "（此件公开发布）。", "(此件依申请公开)", "公开方式：主动公开", "信息公开选项:不予公开"} {
		t.Run(note, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": body("关于某事的通知", "正文。", right("某某局"), right("2024年3月1日"), "　　"+note, "抄送：某某")})
			a := d.Analyze()
			if len(a.Notes) != 1 || a.NoteText != Compact("　　"+note) {
				t.Fatalf("existing note %q (%d)", a.NoteText, len(a.Notes))
			}
			d2, res := restamp(t, d, StampOptions{Note: "（此件不予公开）"})
			if res.RemovedNotes != 1 {
				t.Errorf("removed %d notes", res.RemovedNotes)
			}
			got := strings.Join(bodyTexts(d2), "|")
			if want := "关于某事的通知|正文。|某某局|2024年3月1日|（此件不予公开）|抄送：某某"; got != want {
				t.Errorf("body %q, want %q", got, want)
			}
		})
	}
}

func TestAttachmentStart(t *testing.T) {
	for in, want := range map[string][2]bool{
		"附件": {true, true}, "附件1": {true, true}, "附件 2": {true, true}, "附件一": {true, true}, "附件1-2": {true, true},
		"附件1：检查安排": {true, true}, "附件２:人员名单": {true, true},
		"附件：": {true, true}, "附件1：": {true, true}, "附件：1.检查安排": {true, false}, "附件：检查安排": {true, false},
		"附件材料请于月底前报送。": {false, false}, "附件说明": {false, false}, "各附件": {false, false},
	} {
		ok, strong := AttachmentStart(in)
		if ok != want[0] || strong != want[1] {
			t.Errorf("AttachmentStart(%q) = %v,%v want %v", in, ok, strong, want)
		}
	}
}
