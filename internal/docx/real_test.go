package docx

import (
	"path/filepath"
	"testing"
)

// TestRealCorpusRecognition: title, 成文日期 and existing secrecy line of
// every file in ../shared/corpus/real, as a reader sees them (each file was
// rendered and looked at to write these expectations).
func TestRealCorpusRecognition(t *testing.T) {
	cases := []struct {
		file, title, date, secrecy string
		inHeader                   bool
	}{
		{"fmt_table.docx", "表格材料样例", "", "", false},
		{"gbt_letter.docx", "关于商请协办2026年云岭文化旅游节的函", "2026年7月16日", "", false},             // 信函: not the 发文机关标志
		{"gbt_order.docx", "发布《云岭市城市绿化管理办法》的命令", "2026年7月16日", "", false},                // 命令: not 第1号
		{"pandoc_testtext.docx", "测试文段", "", "", false},                                  // no 成文日期
		{"rail_notice_qinfang.docx", "内部监督通知书", "2025年8月13日", "", false},                 // title above the 编号 line; date indented by spaces
		{"tpl_han1_letter.docx", "[此处输入文件标题]", "2020年2月19日", "", false},                  // red head in a text box
		{"tpl_hyjy1_minutes.docx", "会议纪要", "", "", false},                                // 纪要 head, no title of its own, no 成文日期
		{"tpl_sx1_request.docx", "[此处输入文件标题]", "2020年2月19日", "", false},                  // 签发人 line closes the 版头
		{"tpl_tz1_notice.docx", "通知标题", "2020年2月19日", "", false},                         //
		{"wps_decide_joint.docx", "关于表彰2025年度安全生产先进单位及先进个人的决定", "2026年5月15日", "", false}, // centred by its style
		{"wps_format_req.docx", "公文格式要求&参考文档", "", "", false},
		{"wps_notice_spaces.docx", "关于进一步规范会议管理的通知（此处有多个前导空格）", "2026年1月1日", "", false},
		{"wps_proj_sow.docx", "StatementofWork(SOW)文件", "", "", false}, // milestone table dates are no 成文日期
		{"wps_secret_test.docx", "测试公文标题", "二〇二三年一月一日", "机密★5年", true}, // header mark wins over 密级：秘密 in the body
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			d, err := Open(filepath.Join(corpusDir, "real", c.file))
			if err != nil {
				t.Skip("real corpus not found: ", err)
			}
			defer d.Close()
			a := d.Analyze()
			text := func(p *Paragraph) string {
				if p == nil {
					return ""
				}
				return Compact(p.Text)
			}
			if got := text(a.Title); got != c.title {
				t.Errorf("title %q, want %q", got, c.title)
			}
			if got := text(a.Date); got != c.date {
				t.Errorf("date %q, want %q", got, c.date)
			}
			if a.SecrecyText != c.secrecy || a.SecrecyInHeader != c.inHeader {
				t.Errorf("secrecy %q (header %v), want %q (%v)", a.SecrecyText, a.SecrecyInHeader, c.secrecy, c.inHeader)
			}
		})
	}
}
