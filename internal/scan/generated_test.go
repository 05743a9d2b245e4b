package scan

import (
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// check writes doc to a temporary file, opens it and runs Check.
func check(t *testing.T, doc scantest.Doc) Report {
	t.Helper()
	path := scantest.Write(t, t.TempDir(), "draft.docx", doc)
	d, err := docx.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	return Check(d)
}

const title = `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:sz w:val="44"/></w:rPr><w:t>%s</w:t></w:r></w:p>`

func titleP(s string) string { return strings.Replace(title, "%s", s, 1) }

// TestGeneratedPlacements puts personal numbers everywhere Word keeps text.
func TestGeneratedPlacements(t *testing.T) {
	tests := []struct {
		name string
		doc  scantest.Doc
		kind string
		loc  string
	}{
		{"table cell", scantest.Doc{Body: scantest.Table("姓名", "110105194901010021")}, KindIDCard, "表格第2段"},
		{"split across runs", scantest.Doc{Body: scantest.P("身份证号", "1101051949", "0101002", "1", "。")}, KindIDCard, "正文第1段"},
		{"full-width", scantest.Doc{Body: scantest.P("手机：１３８００１３８０００")}, KindMobile, "正文第1段"},
		{"spaced mobile split", scantest.Doc{Body: scantest.P("电话 138 ", "0013 8000")}, KindMobile, "正文第1段"},
		{"header", scantest.Doc{Body: scantest.P("正文"), Header: scantest.P("联系人手机13800138000")}, KindMobile, "页眉第1段"},
		{"footer", scantest.Doc{Body: scantest.P("正文"), Footer: scantest.P("卡号6222 0212 3456 7894")}, KindBankCard, "页脚第1段"},
		{"footnote", scantest.Doc{Body: scantest.P("正文"),
			Footnotes: `<w:footnote w:id="1">` + scantest.P("当事人身份证号11010519491231002X") + `</w:footnote>`}, KindIDCard, "脚注第1段"},
		{"text box", scantest.Doc{Body: `<w:p><w:r><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox><w:txbxContent>` +
			scantest.P("卡号6228480402564890018") + `</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`}, KindBankCard, "文本框第2段"},
		{"secrecy in header", scantest.Doc{Body: scantest.P("正文"), Header: scantest.P("机密★5年")}, KindSecrecyMark, "页眉第1段"},
		{"hidden text", scantest.Doc{Body: `<w:p><w:r><w:t>可见</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏的意见</w:t></w:r></w:p>`}, KindHiddenText, "正文第1段"},
		{"tracked deletion", scantest.Doc{Body: `<w:p><w:r><w:t>保留</w:t></w:r><w:del w:id="1" w:author="张三"><w:r><w:delText>删掉的话</w:delText></w:r></w:del></w:p>`}, KindTrackedChange, "正文第1段"},
		{"comment", scantest.Doc{Body: scantest.P("正文"), Comments: `<w:comment w:id="0" w:author="李四">` + scantest.P("此处数字需核实") + `</w:comment>`}, KindHiddenComment, "批注第1段"},
		{"author", scantest.Doc{Body: scantest.P("正文"), Creator: "王五"}, KindAuthorMetadata, "文档属性"},
		{"process marker in header", scantest.Doc{Body: scantest.P("正文"), Header: scantest.P("讨论稿")}, KindProcessMarker, "页眉第1段"},
		{"restriction note", scantest.Doc{Body: scantest.P("内部资料 注意保存") + titleP("关于××工作的报告")}, KindRestrictionNote, "正文第1段"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.doc)
			var got *Finding
			for i := range r.Findings {
				if r.Findings[i].Kind == tc.kind {
					got = &r.Findings[i]
				}
			}
			if got == nil {
				t.Fatalf("no %s finding; findings: %+v", tc.kind, r.Findings)
			}
			if got.Location != tc.loc {
				t.Errorf("location %q, want %q", got.Location, tc.loc)
			}
			if strings.ContainsAny(got.Excerpt, "0123456789") && tc.kind != KindSecrecyMark && strings.Count(got.Excerpt, "*") < 4 {
				t.Errorf("excerpt %q is not masked", got.Excerpt)
			}
		})
	}
}

// TestGeneratedDecoys: nothing in this draft may be reported.
func TestGeneratedDecoys(t *testing.T) {
	body := titleP("关于2017年政务公开工作情况的报告") +
		scantest.P("项目编号110105194901010020已备案。") + // bad check digit
		scantest.P("档案号110105194913010010。") + // month 13, correct check digit
		scantest.P("流水号62220212345678940000。") + // 20-digit run
		scantest.P("联系电话：0411-12345678，(024)2345 6789，咨询请拨打12345热线或400-810-8888。") +
		scantest.P("2017年7月11日印发，国办发〔2017〕24号，投资13800138000元，增长12.5%。") +
		scantest.P("在不涉及国家秘密、商业秘密的前提下，公开政府与社会资本合作项目信息；工作秘密按有关规定管理。") +
		scantest.P("在涉及人民群众切身利益的重大政策出台前，都公开征求意见，并向社会公布决策草案、讨论稿和送审稿的起草说明，切实提高决策透明度和公众参与度，确保各项政策措施科学合理、切实可行、符合民意。") +
		scantest.P("相关材料不得外传，机关内部资料应妥善管理。") +
		scantest.Table("序号", "1", "金额（万元）", "1,380,013,800")
	r := check(t, scantest.Doc{Body: body})
	if len(r.Findings) != 0 {
		t.Errorf("decoys reported: %+v", r.Findings)
	}
	if r.Suggestion.Attribute != "public" {
		t.Errorf("suggestion %+v, want public", r.Suggestion)
	}
}

func TestGeneratedSuggestions(t *testing.T) {
	pii := scantest.P("联系人手机13800138000")
	tests := []struct {
		name, body  string
		want, basis string
	}{
		{"nothing", titleP("关于××的通知") + scantest.P("正文。"), "public", ""},
		{"secret", scantest.P("秘密★1年") + titleP("关于××的通知"), "withheld", "条例第十四条"},
		{"secret beats personal data", scantest.P("秘密★1年") + titleP("关于××的通知") + pii, "withheld", "条例第十四条"},
		{"personal data", titleP("关于××的通知") + pii, "on-request", "条例第十五条"},
		{"draft", titleP("××办法（送审稿）"), "withheld", "条例第十六条第二款"},
		{"request", titleP("关于申请专项经费的请示"), "withheld", "条例第十六条第二款"},
		{"draft for public comment", titleP("××办法（征求意见稿）") +
			scantest.P("现将《××办法（征求意见稿）》全文公布，向社会公开征求意见。"), "public", ""},
		{"draft for public comment with personal data", titleP("××办法（征求意见稿）") +
			scantest.P("现向社会公开征求意见。") + pii, "on-request", "条例第十五条"},
		{"internal material", scantest.P("内部资料") + titleP("××情况汇报"), "withheld", "条例第十六条第一款"},
		{"secret with public note", scantest.P("秘密★") + titleP("关于××的通知") + scantest.P("（此件公开发布）"), "withheld", "条例第十四条"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, scantest.Doc{Body: tc.body})
			s := r.Suggestion
			if s.Attribute != tc.want || s.Basis != tc.basis {
				t.Errorf("suggestion %s %s, want %s %s; findings %+v", s.Attribute, s.Basis, tc.want, tc.basis, r.Findings)
			}
			if len(s.Reasons) == 0 {
				t.Error("no reasons")
			}
			if tc.want == "on-request" && !strings.Contains(strings.Join(s.Reasons, ""), "建议删除或遮盖后再公开") {
				t.Errorf("reasons %q do not advise redaction", s.Reasons)
			}
			if tc.name == "draft for public comment" && !strings.Contains(strings.Join(s.Reasons, ""), "征求意见") {
				t.Errorf("reasons %q do not mention the consultation", s.Reasons)
			}
		})
	}
}

func TestGeneratedConflicts(t *testing.T) {
	tests := []struct {
		name   string
		doc    scantest.Doc
		wantN  int
		severe bool
	}{
		{"secret with public note", scantest.Doc{Body: scantest.P("秘密★1年") + titleP("通知") + scantest.P("（此件公开发布）")}, 1, true},
		{"secret with option line", scantest.Doc{Body: scantest.P("机密★") + titleP("通知") + scantest.P("信息公开选项：主动公开")}, 1, true},
		{"secret with withheld note", scantest.Doc{Body: scantest.P("秘密★1年") + titleP("通知") + scantest.P("（此件不予公开）")}, 0, false},
		{"record public, secrecy printed", scantest.Doc{Body: scantest.P("秘密★1年") + titleP("通知"),
			Custom: map[string]string{"docattr.attribute": "public", "docattr.docId": "x", "docattr.secrecy": "秘密", "docattr.period": "1年"}}, 1, true},
		{"record level differs", scantest.Doc{Body: scantest.P("机密★5年") + titleP("通知"),
			Custom: map[string]string{"docattr.attribute": "withheld", "docattr.docId": "x", "docattr.secrecy": "秘密", "docattr.period": "1年"}}, 1, true},
		{"record secret, nothing printed", scantest.Doc{Body: titleP("通知"),
			Custom: map[string]string{"docattr.attribute": "withheld", "docattr.docId": "x", "docattr.secrecy": "秘密"}}, 1, true},
		{"record agrees", scantest.Doc{Body: scantest.P("秘密★1年") + titleP("通知"),
			Custom: map[string]string{"docattr.attribute": "withheld", "docattr.docId": "x", "docattr.secrecy": "秘密", "docattr.period": "1年"}}, 0, false},
		{"record public, no marks", scantest.Doc{Body: titleP("通知"),
			Custom: map[string]string{"docattr.attribute": "public", "docattr.docId": "x"}}, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := check(t, tc.doc)
			if got := r.Count(KindConflict); got != tc.wantN {
				t.Errorf("%d conflicts, want %d: %+v", got, tc.wantN, r.Findings)
			}
			for _, f := range r.Findings {
				if f.Kind == KindConflict && f.Severity != Block {
					t.Errorf("conflict not blocking: %+v", f)
				}
			}
			if tc.severe && len(r.Blocking()) == 0 {
				t.Error("no blocking findings")
			}
		})
	}
}
