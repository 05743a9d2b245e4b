package scan

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// TestSecrecyWrittenForms: a secrecy level written without ★, with ☆ or ＊,
// spaced or full-width, labelled 密级：, is a mark; the same words in prose
// are not (issue 11, item 5).
func TestSecrecyWrittenForms(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"密级：秘密", []string{"秘密★"}},
		{"密级:机密★5年", []string{"机密★5年"}},
		{"密 级 ： 绝 密", []string{"绝密★"}},
		{"密级：秘密　保密期限：10年", []string{"秘密★10年"}},
		{"绝密 10年", []string{"绝密★10年"}},
		{"秘密＊1年", []string{"秘密★1年"}},
		{"机密☆５年", []string{"机密★5年"}},
		{"秘\u200b密\u2060★\ufeff1年", []string{"秘密★1年"}}, // invisible characters between the letters
		{"ＸＸ单位　密级：秘密，保密期限：5年，请妥善保管", []string{"秘密★5年"}},
		{"本件密级：机密，份号：000123", []string{"机密★"}},
		{"示例：“密级：秘密”", nil}, // quoted
		{"涉密人员应当保守国家秘密", nil},
		{"依法受到保护的商业秘密和个人隐私", nil},
		{"会议秘密进行", nil},
		{"秘密", nil}, // a level alone is a mark only at the top: see TestLoneLevel
		{"机密文件", nil},
		{"密级：", nil},
		{"密级：非密", nil},
	}
	for _, tc := range tests {
		if got := secrecyMarks(tc.line); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("secrecyMarks(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

// TestLoneLevel: 秘密 alone on a line is the secrecy line at the top of the
// body and in a header, not further down (a list of levels in a rule text).
func TestLoneLevel(t *testing.T) {
	rule := scantest.P("一、密级分为：") + scantest.P("绝密") + scantest.P("机密") + scantest.P("秘密")
	filler := scantest.P("正文第一段。") + scantest.P("正文第二段。") + scantest.P("正文第三段。") +
		scantest.P("正文第四段。") + scantest.P("正文第五段。") + scantest.P("正文第六段。")
	tests := []struct {
		name string
		doc  scantest.Doc
		want int
		loc  string
	}{
		{"first line", scantest.Doc{Body: scantest.P("秘密") + titleP("关于××的通知") + scantest.P("正文。")}, 1, "正文第1段"},
		{"second line after 份号", scantest.Doc{Body: scantest.P("000123") + scantest.P("机 密") + titleP("关于××的通知")}, 1, "正文第2段"},
		{"full-width bracketed", scantest.Doc{Body: scantest.P("【绝密】") + titleP("关于××的通知")}, 1, "正文第1段"},
		{"header", scantest.Doc{Body: scantest.P("正文。"), Header: scantest.P("机密")}, 1, "页眉第1段"},
		{"header with period", scantest.Doc{Body: scantest.P("正文。"), Header: scantest.P("绝密　10年")}, 1, "页眉第1段"},
		{"版头 table cell after 密级", scantest.Doc{Body: scantest.Table("份号", "000123", "密级", "机密", "紧急程度", "特急") + titleP("关于××的通知")}, 1, "表格第4段"},
		{"table cell without label", scantest.Doc{Body: titleP("关于保密工作的规定") + scantest.Table("等级", "秘密")}, 0, ""},
		{"list in the body", scantest.Doc{Body: titleP("关于保密工作的规定") + filler + rule}, 0, ""},
		{"prose", scantest.Doc{Body: titleP("关于保密工作的通知") + scantest.P("各单位要保守国家秘密，管好涉密人员，保护商业秘密。")}, 0, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.doc)
			if n := r.Count(KindSecrecyMark); n != tc.want {
				t.Fatalf("%d secrecy marks, want %d: %+v", n, tc.want, r.Findings)
			}
			if tc.want == 0 {
				return
			}
			for _, f := range r.Findings {
				if f.Kind == KindSecrecyMark && (f.Location != tc.loc || f.Severity != Block) {
					t.Errorf("finding %+v, want block at %s", f, tc.loc)
				}
			}
			if r.Suggestion.Attribute != attr.Withheld {
				t.Errorf("suggested %s, want withheld", r.Suggestion.Attribute)
			}
		})
	}
}

// TestWorkSecret: 工作秘密 is a finding of its own that blocks publication
// until acknowledged; in prose it is nothing.
func TestWorkSecret(t *testing.T) {
	for _, tc := range []struct {
		name string
		doc  scantest.Doc
		want int
	}{
		{"head line", scantest.Doc{Body: scantest.P("工作秘密") + titleP("关于××的通知")}, 1},
		{"with period", scantest.Doc{Body: scantest.P("工作秘密★3年") + titleP("关于××的通知")}, 1},
		{"bracketed in header", scantest.Doc{Body: scantest.P("正文。"), Header: scantest.P("（工作秘密）")}, 1},
		{"prose", scantest.Doc{Body: titleP("关于××的通知") + scantest.P("不得泄露工作秘密。")}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.doc)
			if n := r.Count(KindWorkSecret); n != tc.want {
				t.Fatalf("%d work_secret findings, want %d: %+v", n, tc.want, r.Findings)
			}
			if r.Count(KindSecrecyMark) != 0 {
				t.Errorf("工作秘密 reported as a state secret: %+v", r.Findings)
			}
			if tc.want == 0 {
				return
			}
			if len(r.Blocking()) == 0 || r.Suggestion.Attribute != attr.Withheld {
				t.Errorf("not blocking or not withheld: %+v %+v", r.Findings, r.Suggestion)
			}
		})
	}
}

// TestRealCorpusSecrecy: on ../shared/corpus/real only wps_secret_test
// carries secrecy marks (机密★5年 in its header, 密级：秘密 in its body);
// its “BJTU机密文件” head and 涉密 are prose, and no other file has any.
func TestRealCorpusSecrecy(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "real", "*.docx"))
	if len(files) == 0 {
		t.Skip("real corpus not present")
	}
	for _, f := range files {
		d, err := docx.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		r := Check(d)
		d.Close()
		var got []string
		for _, x := range r.Findings {
			if x.Kind == KindSecrecyMark || x.Kind == KindWorkSecret {
				got = append(got, x.Excerpt+"@"+x.Location)
			}
		}
		want := "[]"
		if filepath.Base(f) == "wps_secret_test.docx" {
			want = "[秘密★@正文第5段 机密★5年@页眉第2段]"
			if r.Suggestion.Attribute != attr.Withheld {
				t.Errorf("%s: suggested %s", filepath.Base(f), r.Suggestion.Attribute)
			}
		}
		if fmt.Sprint(got) != want {
			t.Errorf("%s: secrecy findings %v, want %s", filepath.Base(f), got, want)
		}
	}
}

// TestConflictOtherWording: a secrecy mark beside a public note in another
// wording is still a contradiction.
func TestConflictOtherWording(t *testing.T) {
	for _, note := range []string{"（此文公开发布）", "此件公开发布。", "公开方式：主动公开"} {
		r := check(t, scantest.Doc{Body: scantest.P("密级：秘密") + titleP("关于××的通知") + scantest.P("正文。") + scantest.P("2024年3月1日") + scantest.P(note)})
		if r.Count(KindConflict) != 1 {
			t.Errorf("%s: %d conflicts: %+v", note, r.Count(KindConflict), r.Findings)
		}
	}
}
