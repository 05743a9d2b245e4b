package review

import (
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/msg"
)

// TestChecklistRefusalsNameItemsInChinese: the reviewer reads which item is
// missing or failed by its text, never by its id or a CLI flag.
func TestChecklistRefusalsNameItemsInChinese(t *testing.T) {
	p := &Proposal{}
	cases := map[string][]Answer{
		"missing":    nil,
		"failed":     append(AllOK(p)[1:], Answer{ID: "no_secret", OK: false, Comment: "有密级标志"}),
		"no comment": {{ID: "no_secret", OK: false}},
	}
	for name, answers := range cases {
		err := checkAnswers(answers, Applicable(p), ActionApprove)
		if err == nil {
			t.Fatalf("%s: no refusal", name)
		}
		zh := msg.Zh(err)
		if !strings.Contains(zh, "不含国家秘密") || strings.Contains(zh, "no_secret") || strings.Contains(zh, "--") {
			t.Errorf("%s: %q", name, zh)
		}
	}
}

func TestChecklistAnswersReadInWords(t *testing.T) {
	got := checklistText("no_secret=ok; no_personal_data=failed:有身份证号; future=ok")
	want := "“不含国家秘密；拟公开的文件没有密级标志”通过；“不含个人隐私、商业秘密等第三方信息”未通过（有身份证号）；“future”通过"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}
