package scan

import (
	"fmt"
	"testing"

	"github.com/docattr/docattr/internal/docx"
)

func TestSecrecyMarks(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"秘密★", []string{"秘密★"}},
		{"机密★5年", []string{"机密★5年"}},
		{"绝密☆", []string{"绝密★"}}, // ☆ and ＊ are typed for ★: the mark is normalised
		{"秘密 ★ 1年", []string{"秘密★1年"}},
		{"机密★2028年12月31日", []string{"机密★2028年12月31日"}},
		{"机密*10年", []string{"机密★10年"}}, // a whole secrecy line may use an asterisk
		{"本文件为机密★5年文件，请妥善保管", []string{"机密★5年文件"}},
		{"份号000123 秘密★1年 特急", []string{"秘密★1年"}},
		{"在不涉及国家秘密、商业秘密的前提下公开", nil},
		{"保守国家秘密", nil},
		{"工作秘密★1年", nil}, // a restriction note, not a state secret
		{"商业秘密★", nil},
		{"密级标志按“秘密★1年”的格式标注", nil}, // quoted example
		{"秘密", nil},
		{"机密文件管理办法", nil},
	}
	for _, tc := range tests {
		if got := secrecyMarks(tc.line); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("secrecyMarks(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestProcessMarkers(t *testing.T) {
	tests := []struct {
		text  string
		title bool
		want  []string
	}{
		{"××市政务公开工作实施方案（征求意见稿）", true, []string{"征求意见稿"}},
		{"××条例（草案）", true, []string{"草案"}},
		{"××办法（送审稿）", false, []string{"送审稿"}},
		{"讨论稿", false, []string{"讨论稿"}},
		{"关于申请2018年专项经费的请示", true, []string{"请示"}},
		{"关于申请2018年专项经费的请示（代拟稿）", true, []string{"代拟稿", "请示"}},
		{"关于申请专项经费的请示", false, nil}, // 请示 counts only as the title's document type
		{"关于请示报告制度的通知", true, nil},
		{"关于《××条例（草案）》的说明", true, nil},
		{"市政府2017年工作报告", true, nil},
	}
	for _, tc := range tests {
		if got := processMarkers(tc.text, tc.title); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("processMarkers(%q, %v) = %q, want %q", tc.text, tc.title, got, tc.want)
		}
	}
}

func TestHeadingLike(t *testing.T) {
	long := "在决策前应向社会公布决策草案、决策依据，通过听证座谈、咨询协商、网络征集等方式广泛征求公众意见，征求意见时间不少于二十日，意见收集和采纳情况以适当方式公布。"
	tests := []struct {
		name   string
		p      docx.Paragraph
		inHead bool
		want   bool
	}{
		{"centred title", docx.Paragraph{Where: docx.Body, Text: "××实施方案（征求意见稿）", Center: true}, false, true},
		{"heading style", docx.Paragraph{Where: docx.Body, Text: "一、总体要求（讨论稿）", Style: "Heading1"}, false, true},
		{"chinese heading style id", docx.Paragraph{Where: docx.Body, Text: "一、草案说明", Style: "2"}, false, true},
		{"header", docx.Paragraph{Where: docx.Header, Text: "征求意见稿"}, false, true},
		{"first lines", docx.Paragraph{Where: docx.Body, Text: "××办法（送审稿）"}, true, true},
		{"bracketed marker alone", docx.Paragraph{Where: docx.Body, Text: "（征求意见稿）"}, false, true},
		{"prose in the first lines", docx.Paragraph{Where: docx.Body, Text: long}, true, false},
		{"prose", docx.Paragraph{Where: docx.Body, Text: long}, false, false},
		{"short line later in the body", docx.Paragraph{Where: docx.Body, Text: "附件：××办法（草案）"}, false, false},
	}
	for _, tc := range tests {
		if got := headingLike(tc.p, tc.inHead); got != tc.want {
			t.Errorf("%s: headingLike = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestRestrictionNotes(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"内部资料", []string{"内部资料"}},
		{"内部资料 注意保存", []string{"内部资料注意保存"}},
		{"（此件不得翻印）", []string{"此件不得翻印"}},
		{"仅供内部参考", []string{"仅供内部参考"}},
		{"内部文件，注意保存", []string{"内部文件，注意保存"}},
		{"工作秘密★1年", []string{"工作秘密★1年"}},
		{"××情况汇报（内部资料）", []string{"内部资料"}},
		{"关于加强内部资料管理的通知", nil},
		{"相关材料不得外传，违者追究责任。", nil},
		{"机关内部研究工作未经批准公开的信息", nil},
		{"（此件公开发布）", nil},
		{"此件", nil},
	}
	for _, tc := range tests {
		if got := restrictionNotes(tc.line, docx.Body); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("restrictionNotes(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestPublicCommentPhrases(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"现将《××办法（征求意见稿）》全文公布，向社会公开征求意见。", true},
		{"现就《××办法（征求意见稿）》向社会公众征求意见。", true},
		{"征求意见截止时间为2024年5月31日。", true},
		{"欢迎社会各界通过电子邮件提出意见。", true},
		{"在涉及人民群众切身利益的重大政策出台前，都公开征求意见。", false},
		{"通过听证座谈等渠道广泛征求公众意见，征求意见时间不少于20日。", false},
	}
	for _, tc := range tests {
		if got := rePublicComment.MatchString(docx.Compact(tc.text)); got != tc.want {
			t.Errorf("%q: public comment = %v, want %v", tc.text, got, tc.want)
		}
	}
}
