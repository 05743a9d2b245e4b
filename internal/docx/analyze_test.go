package docx

import (
	"strings"
	"testing"
)

func TestIsDate(t *testing.T) {
	cases := []struct {
		in                string
		date, placeholder bool
	}{
		{"2017年7月11日", true, false},
		{"　　2017年07月11日 ", true, false},
		{"２０１７年７月１１日", true, false},
		{"二〇一七年七月十一日", true, false},
		{"二○一七年十二月三十一日", true, false},
		{"年　月　日", true, true},
		{"2024年　月　日", true, true},
		{"2017年13月11日", false, false},
		{"2017年7月11日印发", false, false},
		{"于2017年7月11日召开", false, false},
		{"国办发〔2017〕24号", false, false},
		{"", false, false},
	}
	for _, c := range cases {
		d, ph := IsDate(c.in)
		if d != c.date || ph != c.placeholder {
			t.Errorf("IsDate(%q) = %v,%v want %v,%v", c.in, d, ph, c.date, c.placeholder)
		}
	}
}

func TestSecrecyLineAndNote(t *testing.T) {
	for in, want := range map[string]string{
		"秘密★1年": "秘密★1年", "机密 ★ 5年": "机密★5年", "绝密★": "绝密★", "机密★2028年12月31日": "机密★2028年12月31日",
		"秘密☆": "秘密★", "保守国家秘密": "", "商业秘密★是我们要保护的东西而且这一段很长很长很长很长": "",
	} {
		got, ok := SecrecyLine(in)
		if (want != "") != ok || got != want && ok {
			t.Errorf("SecrecyLine(%q) = %q,%v want %q", in, got, ok, want)
		}
	}
	for in, want := range map[string]bool{
		"（此件公开发布）": true, "(此件依申请公开)": true, "（此件不予公开）": true, "信息公开选项：主动公开": true,
		"信息公开选项:依申请公开": true, "此件公开发布的要求": false, "（此件公开发布）请各单位遵照执行": false,
	} {
		if IsNote(in) != want {
			t.Errorf("IsNote(%q) = %v", in, !want)
		}
	}
}

func TestAnalyze(t *testing.T) {
	cases := []struct {
		name                 string
		paras                []string
		title, date, secrecy string
		serial               bool
	}{
		{"full head", []string{"000123", "机密★5年", "特急", "XX市人民政府文件", "X政发〔2024〕3号", `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>关于做好某某工作的通知</w:t></w:r></w:p>`, "各区县：", "正文。", "XX市人民政府", "2024年3月1日"},
			"关于做好某某工作的通知", "2024年3月1日", "机密★5年", true},
		{"date split across runs", []string{"关于某事的报告", "正文", "某委员会", "2018年|2月|27日", "抄送：某某"}, "关于某事的报告", "2018年2月27日", "", false},
		{"last date wins", []string{"通知", "2017年1月1日", "正文", "2017年7月11日"}, "通知", "2017年7月11日", "", false},
		{"no date", []string{"会议纪要", "一、会议内容"}, "会议纪要", "", "", false},
		{"attachment dates do not count", []string{"关于报送某表的通知", "请于月底前报送。", "附件：某某登记表", "某局", "2024年3月1日", "附件", "某某登记表", "填表人：", "年　月　日"},
			"关于报送某表的通知", "2024年3月1日", "", false},
		{"signature and date in one paragraph", []string{"通知", "正文", `<w:p><w:r><w:t>某某局</w:t><w:br/><w:t>2024年3月1日</w:t></w:r></w:p>`, "抄送：某某"},
			"通知", "某某局2024年3月1日", "", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := openDoc(t, map[string]string{"word/document.xml": body(c.paras...)})
			a := d.Analyze()
			text := func(p *Paragraph) string {
				if p == nil {
					return ""
				}
				return Compact(p.Text)
			}
			if text(a.Title) != c.title || text(a.Date) != c.date || a.SecrecyText != c.secrecy || (a.Serial != nil) != c.serial {
				t.Errorf("got title %q date %q secrecy %q serial %v", text(a.Title), text(a.Date), a.SecrecyText, a.Serial != nil)
			}
		})
	}
}

func TestReadStories(t *testing.T) {
	doc := body(
		`<w:p><w:r><w:t>可见</w:t></w:r><w:del w:id="5"><w:r><w:delText>删掉的</w:delText></w:r></w:del><w:ins w:id="6"><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:tab/><w:t>尾</w:t></w:r></w:p>`,
		`<w:tbl><w:tr><w:tc><w:p><w:r><w:t>单元格</w:t></w:r></w:p></w:tc></w:tr></w:tbl>`,
		`<w:p><w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>`,
	)
	header := `<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:r><w:t>秘密★1年</w:t></w:r></w:p></w:hdr>`
	d := openDoc(t, map[string]string{
		"word/document.xml":            doc,
		"word/header1.xml":             header,
		"word/_rels/document.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/></Relationships>`,
	})
	var got []string
	for _, p := range d.Paragraphs {
		got = append(got, string(p.Where)+":"+p.Text)
	}
	want := "body:可见插入隐藏\t尾 table:单元格 body: textbox:文本框 header:秘密★1年" // a text box follows the paragraph that anchors it
	if strings.Join(got, " ") != want {
		t.Errorf("paragraphs\n got %q\nwant %q", strings.Join(got, " "), want)
	}
	p := d.Paragraphs[0]
	if p.Deleted != "删掉的" || p.Inserted != "插入" || p.Hidden != "隐藏" || !d.Tracked {
		t.Errorf("deleted %q inserted %q hidden %q tracked %v", p.Deleted, p.Inserted, p.Hidden, d.Tracked)
	}
	a := d.Analyze()
	if !a.SecrecyInHeader || a.SecrecyText != "秘密★1年" {
		t.Errorf("header secrecy not found: %+v", a)
	}
}
