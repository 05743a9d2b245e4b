package docx

import (
	"strings"
	"testing"
)

// TestTitleAfterHead: the title is the centred large paragraph after the
// 版头 in the ways templates write a head (issue 11, item 7).
func TestTitleAfterHead(t *testing.T) {
	title := func(s string) string { return pFmt(s, "center", 44, "") }
	red := func(s string) string { return pFmt(s, "center", 72, "FF0000") }
	cases := []struct {
		name  string
		paras []string
		want  string
		lines int
	}{
		{"red head and 发文字号", []string{"000123", "秘密★1年", red("某某市人民政府文件"), pFmt("某政发〔2024〕3号", "center", 32, ""),
			title("关于做好某某工作的通知"), "各区县："}, "关于做好某某工作的通知", 1},
		{"red head without 发文字号", []string{red("某某市人民政府"), title("关于做好某某工作的通知"), "正文。"}, "关于做好某某工作的通知", 1},
		{"dark red head", []string{pFmt("某某市教育局文件", "center", 44, "C00000"), title("关于某事的通知")}, "关于某事的通知", 1},
		{"信函 head without colour", []string{pFmt("某某市人民政府办公室", "center", 72, ""), pFmt("某政办函〔2024〕5号", "right", 32, ""),
			title("关于商请协办某活动的函"), "某某厅："}, "关于商请协办某活动的函", 1},
		{"draft 发文字号 without number", []string{red("某某县人民政府文件"), "某政发〔　　〕　号", title("关于某事的决定")}, "关于某事的决定", 1},
		{"命令 with 令号", []string{red("某某市人民政府令"), pFmt("第 12 号", "center", 32, ""), title("发布《某某办法》的命令"), "正文。"},
			"发布《某某办法》的命令", 1},
		{"命令 with 令 第N号 on one line", []string{pFmt("某某市人民政府", "center", 44, "FF0000"), pFmt("令 第3号", "center", 32, ""),
			title("某某规定"), "正文。"}, "某某规定", 1},
		{"命令 without a title", []string{red("某某市人民政府令"), pFmt("第 12 号", "center", 32, ""), "《某某办法》已经市人民政府常务会议通过，现予公布。",
			right("市长　张三"), right("2024年3月1日")}, "某某市人民政府令第12号", 2},
		{"命令 with 令 on the number line", []string{red("某某市人民政府"), "令 第3号", "现发布《某某规定》，自公布之日起施行。"}, "某某市人民政府令第3号", 2},
		{"签发人 line closes the head", []string{red("某某局文件"), "某发〔2024〕1号　　签发人：张三", title("关于某事的请示")}, "关于某事的请示", 1},
		{"纪要 title is a title", []string{title("某某市政府第5次常务会议纪要"), "时间：2024年3月1日", "会议议定事项如下："},
			"某某市政府第5次常务会议纪要", 1},
		{"纪要 head without a title", []string{pFmt("会议纪要", "center", 88, "FF0000"), pFmt("〔2024〕3号", "center", 32, ""),
			"某某人民政府　　2024年3月1日", "会议研究了某事。"}, "会议纪要", 1},
		{"a lone colon is no title", []string{pFmt("：", "center", 44, ""), title("关于某事的通知"), "正文。"}, "关于某事的通知", 1},
		{"title over two lines", []string{red("某某市人民政府文件"), "某政发〔2024〕3号", title("关于进一步做好某某领域"), title("重点工作的通知"), "各区县："},
			"关于进一步做好某某领域重点工作的通知", 2},
		{"subtitle of another size stays apart", []string{title("某某工作方案"), pFmt("（2024—2026年）", "center", 32, ""), "正文。"}, "某某工作方案", 1},
		{"title above the 编号 line", []string{"签发：", pFmt("内部监督通知书", "center", 52, ""), pFmt("编号：某站[2025]08号", "right", 28, ""), "某某指挥部："},
			"内部监督通知书", 1},
		{"uncoloured 信函 head and a plain title", []string{pFmt("某某市人民政府办公室", "center", 44, ""), pFmt("某政办函〔2024〕5号", "right", 32, ""),
			"关于商请协办某活动的函", "某某厅："}, "关于商请协办某活动的函", 1},
		{"no centred line", []string{"关于某事的报告", "正文。"}, "关于某事的报告", 1},
		{"主送 line is no title", []string{"各区县、各部门：", "关于某事。"}, "关于某事。", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": body(c.paras...)})
			a := d.Analyze()
			if a.Title == nil || Compact(a.Title.Text) != c.want {
				t.Fatalf("title %v, want %q", a.Title, c.want)
			}
			if len(a.TitleParas) != c.lines {
				t.Errorf("title over %d paragraphs, want %d", len(a.TitleParas), c.lines)
			}
		})
	}
}

// TestTitleFromStyle: a title centred and sized by its paragraph style (WPS
// "公文标题", Word "Title" with another id) is found through styles.xml,
// including a basedOn chain, and a red head coloured by its style is not
// the title.
func TestTitleFromStyle(t *testing.T) {
	styles := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
		`<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults>` +
		`<w:style w:type="paragraph" w:styleId="a"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="base"><w:name w:val="标题基础"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="gwbt"><w:name w:val="公文标题"/><w:basedOn w:val="base"/><w:rPr><w:sz w:val="44"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="ht"><w:name w:val="红头"/><w:basedOn w:val="base"/><w:rPr><w:color w:val="E60000"/><w:sz w:val="44"/></w:rPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="zw"><w:name w:val="公文正文"/><w:pPr><w:ind w:firstLine="640"/></w:pPr></w:style>` +
		`</w:styles>`
	styled := func(style, text string) string {
		return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
	}
	doc := body(styled("ht", "某某市人民政府"), styled("zw", "2024年第3期"), styled("gwbt", "关于某事的通知"), styled("zw", "正文。"))
	d := openDoc(t, map[string]string{
		"word/document.xml": doc,
		"word/styles.xml":   styles,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
	})
	if a := d.Analyze(); a.Title == nil || Compact(a.Title.Text) != "关于某事的通知" {
		t.Errorf("title %v", a.Title)
	}
}

// TestTitleOnlyMarks: a draft of marks and punctuation gives no title from
// them.
func TestTitleOnlyMarks(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("000123", "秘密★1年", "特急", "（此件公开发布）", "：", strings.Repeat("、", 3))})
	if a := d.Analyze(); a.Title != nil {
		t.Errorf("title %q from marks only", a.Title.Text)
	}
}

// TestFullTemplate: a generated template of the kind offices use, with a red
// head in a floating text box, a 版头 table of empty 份号/密级 cells, a
// two-line title, a joint signature table, an attachment with its own
// table of dates and a 版记 table.
func TestFullTemplate(t *testing.T) {
	box := `<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>` +
		pFmt("某某省某某厅文件", "center", 96, "FF0000") + `</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`
	doc := body(box,
		table([]string{"份号", ""}, []string{"密级", ""}, []string{"紧急程度", ""}),
		pFmt("某厅发〔2025〕12号", "center", 32, ""), "",
		pFmt("关于印发某某省", "center", 44, ""), pFmt("某某工作规程的通知", "center", 44, ""), "",
		"各市州：", "现将规程印发给你们，请认真贯彻执行。",
		table([]string{"某某省某某厅", "某某省财政厅"}, []string{"", "２０２５年６月３０日"}),
		"附件1：某某工作规程", "一、总则",
		table([]string{"阶段", "完成时间"}, []string{"启动", "2025年7月1日"}),
		right("2025年7月15日"),
		table([]string{"抄送：某某办公室。"}, []string{"某某省某某厅办公室　　2025年6月30日印发"}))
	d := openDoc(t, map[string]string{"word/document.xml": doc})
	a := d.Analyze()
	if a.Title == nil || Compact(a.Title.Text) != "关于印发某某省某某工作规程的通知" || len(a.TitleParas) != 2 {
		t.Errorf("title %v", a.Title)
	}
	if a.Date == nil || Compact(a.Date.Text) != "2025年6月30日" || a.Date.Where != TableCell {
		t.Errorf("date %v", a.Date)
	}
	if a.Secrecy != nil || a.Serial != nil || len(a.Notes) != 0 {
		t.Errorf("marks found in empty cells: %+v", a)
	}
}
