package docx

import "testing"

func TestIssueNumber(t *testing.T) {
	for in, want := range map[string]string{
		"国办发〔2017〕24号":              "国办发〔2017〕24号",
		"京政办发[2020]3号":              "京政办发〔2020〕3号",
		"某府函（2026）１２号":              "某府函〔2026〕12号",
		"某政发〔2026〕5号　　签发人：张三":       "某政发〔2026〕5号",
		"X政函〔XXXX〕XX号":              "",
		"根据国办发〔2017〕24号文件精神，现通知如下。": "",
		"": "",
	} {
		if got := IssueNumber(in); got != want {
			t.Errorf("IssueNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzIssueNumber(f *testing.F) {
	for _, s := range []string{"国办发〔2017〕24号", "签发人：", "〔〕号", "X〔2020〕第1号"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := IssueNumber(s)
		if n != "" && IssueNumber(n) != n {
			t.Errorf("not stable: %q → %q → %q", s, n, IssueNumber(n))
		}
	})
}
