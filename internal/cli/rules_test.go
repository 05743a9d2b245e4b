package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// ruleDrafts are the drafts of the rules' end-to-end table: dated
// 2017年7月11日, as in the issue, one with a 秘密 line and one with a 机密
// line and no 份号.
func ruleDrafts(t *testing.T) map[string]string {
	dir := t.TempDir()
	tail := scantest.P("关于某项工作的通知") + scantest.P("各科室：按要求办理。") + scantest.P("某某局") + scantest.P("2017年7月11日")
	return map[string]string{
		"plain":        scantest.Write(t, dir, "plain.docx", scantest.Doc{Body: tail}),
		"secret":       scantest.Write(t, dir, "secret.docx", scantest.Doc{Body: scantest.P("秘密★") + tail}),
		"confidential": scantest.Write(t, dir, "confidential.docx", scantest.Doc{Body: scantest.P("机密★5年") + tail}),
		"serial":       scantest.Write(t, dir, "serial.docx", scantest.Doc{Body: scantest.P("000042") + scantest.P("机密★5年") + tail}),
	}
}

// TestMarkRulesEndToEnd: every refusal and warning of the consistency rules,
// through the command line, with exit codes, both languages, and nothing
// written when refused.
func TestMarkRulesEndToEnd(t *testing.T) {
	drafts := ruleDrafts(t)
	cases := []struct {
		name, draft string
		args        []string
		wantCode    int
		wantErr     []string // substrings of stderr when refused
		wantOut     []string // substrings of stdout when marked
		notOut      []string
	}{
		{"secret on request", "secret", []string{"--attr", "on-request", "--basis", "条例第十五条", "--reason", "第三方", "--accept-findings", "x"},
			ExitFailure, []string{"只能不予公开", "can only be withheld"}, nil, nil},
		{"secret public", "secret", []string{"--attr", "public", "--accept-findings", "x"},
			ExitFailure, []string{"不能主动公开", "choose withheld on 条例第十四条"}, nil, nil},
		{"机密 withheld on 第十六条第一款", "confidential", []string{"--attr", "withheld", "--basis", "条例第十六条第一款", "--reason", "内部"},
			ExitFailure, []string{"依据只能是 条例第十四条"}, nil, nil},
		{"state-secret ground with no level", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "依法确定为国家秘密"},
			ExitFailure, []string{"须同时标注密级", "needs a secrecy level"}, nil, nil},
		{"2099 on a 2017 秘密 document", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r", "--secrecy", "秘密", "--period", "2099年12月31日"},
			ExitFailure, []string{"最长保密期限 10 年", "2027年7月10日"}, nil, nil},
		{"a 解密时间 before the 成文日期", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r", "--secrecy", "秘密", "--period", "2016年1月1日"},
			ExitFailure, []string{"不晚于成文日期 2017年7月11日"}, nil, nil},
		{"full-width 50 years", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r", "--secrecy", "秘密", "--period", "５０年"},
			ExitFailure, []string{"最长 10 年"}, nil, nil},
		{"spaced 50 years", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r", "--secrecy", "秘密", "--period", "50 年"},
			ExitFailure, []string{"最长 10 年"}, nil, nil},
		{"五十年", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r", "--secrecy", "秘密", "--period", "五十年"},
			ExitFailure, []string{"最长 10 年"}, nil, nil},
		{"a bidi override in the period", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r", "--secrecy", "秘密", "--period", "5\u202e年"},
			ExitFailure, []string{"控制字符"}, nil, nil},
		{"on-request error suggests no refused basis", "plain", []string{"--attr", "on-request", "--reason", "r"},
			ExitFailure, []string{"可选：条例第十五条"}, nil, []string{"条例第十四条"}},
		{"十年 is accepted and the end recorded", "plain", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r", "--secrecy", "秘密", "--period", "十年"},
			ExitOK, nil, []string{"已标注"}, nil},
		{"机密 without 份号 is warned", "confidential", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r"},
			ExitOK, nil, []string{"应当标注份号"}, nil},
		{"机密 with 份号 is not", "serial", []string{"--attr", "withheld", "--basis", "条例第十四条", "--reason", "r"},
			ExitOK, nil, nil, []string{"应当标注份号"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := sandbox(t)
			out := filepath.Join(t.TempDir(), "out.docx")
			args := append([]string{"--db", db, "mark", drafts[c.draft], "-o", out}, c.args...)
			code, stdout, stderr := run(args...)
			if code != c.wantCode {
				t.Fatalf("exit %d, want %d\n%s%s", code, c.wantCode, stdout, stderr)
			}
			for _, w := range c.wantErr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			for _, w := range c.wantOut {
				if !strings.Contains(stdout, w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout)
				}
			}
			for _, w := range c.notOut {
				if strings.Contains(stdout+stderr, w) {
					t.Errorf("output mentions %q:\n%s%s", w, stdout, stderr)
				}
			}
			if _, err := os.Stat(out); (err == nil) != (c.wantCode == ExitOK) {
				t.Errorf("output written = %v, want %v", err == nil, c.wantCode == ExitOK)
			}
			if c.wantCode != ExitOK && len(events(t, db)) != 0 {
				t.Error("a refusal left an audit event")
			}
		})
	}
}

// TestSecrecyEndIsRecordedAndShown: the last day of secrecy is counted from
// the 成文日期, stored in the record and the event, and shown by inspect.
func TestSecrecyEndIsRecordedAndShown(t *testing.T) {
	drafts := ruleDrafts(t)
	for _, c := range []struct{ draft, period, want string }{
		{"plain", "十年", "保密期限至 2027年7月10日"},
		{"secret", "", "保密期限至 2027年7月10日"}, // 秘密★ kept: the maximum
		{"plain", "2020年1月1日", "保密期限至 2020年1月1日"},
	} {
		db := sandbox(t)
		out := filepath.Join(t.TempDir(), "out.docx")
		args := []string{"--db", db, "mark", drafts[c.draft], "-o", out, "--attr", "withheld", "--basis", "条例第十四条", "--reason", "r"}
		if c.period != "" {
			args = append(args, "--secrecy", "秘密", "--period", c.period)
		}
		if code, stdout, stderr := run(args...); code != ExitOK || !strings.Contains(stdout, c.want) {
			t.Fatalf("mark (exit %d) does not say %q: %s%s", code, c.want, stdout, stderr)
		}
		code, stdout, stderr := run("--db", db, "inspect", out)
		if code != ExitOK || !strings.Contains(stdout, c.want) {
			t.Errorf("inspect (exit %d) lacks %q:\n%s%s", code, c.want, stdout, stderr)
		}
		evs := events(t, db)
		if len(evs) == 0 || evs[len(evs)-1].Details["secrecy_until"] == "" {
			t.Errorf("the event records no end of secrecy: %+v", evs)
		}
	}
}

// TestRedactedFollowsTheSettings: 删减后公开 is refused while disabled;
// enabled, its note is printed unless the print list leaves it out.
func TestRedactedFollowsTheSettings(t *testing.T) {
	drafts := ruleDrafts(t)
	db := sandbox(t)
	dir := t.TempDir()
	mark := func(name string) (int, string, string, string) {
		out := filepath.Join(dir, name+".docx")
		code, stdout, stderr := run("--db", db, "mark", drafts["plain"], "-o", out, "--attr", "删减后公开",
			"--basis", "条例第三十七条", "--reason", "删除个人信息后可以公开")
		return code, stdout, stderr, out
	}
	if code, _, stderr, out := mark("off"); code != ExitFailure || !strings.Contains(stderr, "未在设置中启用") || !strings.Contains(stderr, "not enabled") {
		t.Fatalf("disabled: exit %d %s", code, stderr)
	} else if _, err := os.Stat(out); err == nil {
		t.Error("a refused marking wrote its output")
	}
	if code, _, stderr := run("settings", "set", "print", "public,on-request,withheld", "extras", "redacted"); code != ExitOK {
		t.Fatal(stderr)
	}
	code, _, stderr, out := mark("on")
	if code != ExitOK {
		t.Fatalf("enabled: %s", stderr)
	}
	if note := noteOf(t, out); note != "（此件删减后公开）" {
		t.Errorf("enabled: note %q", note)
	}
	if code, _, stderr := run("settings", "set", "print", "public,on-request,withheld"); code != ExitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr, out := mark("unprinted"); code != ExitOK || noteOf(t, out) != "" {
		t.Errorf("left out of print: exit %d %s note %q", code, stderr, noteOf(t, out))
	}
}

func noteOf(t *testing.T, path string) string {
	t.Helper()
	d, err := docx.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	return d.Analyze().NoteText
}

// TestDocTypeAndInterpretationEndToEnd: --type is checked against the
// settings' list, a 规范性文件 must be public, and the type and the
// 解读材料's SHA-256 go into the record and the event.
func TestDocTypeAndInterpretationEndToEnd(t *testing.T) {
	drafts := ruleDrafts(t)
	db := sandbox(t)
	dir := t.TempDir()
	interp := filepath.Join(dir, "解读材料.docx")
	if err := os.WriteFile(interp, []byte("解读"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := run("--db", db, "mark", drafts["plain"], "-o", filepath.Join(dir, "a.docx"), "--attr", "withheld",
		"--basis", "条例第十六条第一款", "--reason", "内部", "--type", "规范性文件"); code != ExitFailure || !strings.Contains(stderr, "规范性文件应当主动公开") {
		t.Errorf("a withheld 规范性文件: exit %d %s", code, stderr)
	}
	if code, _, stderr := run("--db", db, "mark", drafts["plain"], "-o", filepath.Join(dir, "b.docx"), "--attr", "public",
		"--type", "通知"); code != ExitFailure || !strings.Contains(stderr, "未知的文件类型") {
		t.Errorf("an unknown type: exit %d %s", code, stderr)
	}
	if code, _, stderr := run("--db", db, "mark", drafts["plain"], "-o", filepath.Join(dir, "c.docx"), "--attr", "public",
		"--type", "政策性文件"); code != ExitFailure || !strings.Contains(stderr, "解读材料") {
		t.Errorf("a public 政策性文件 without 解读材料: exit %d %s", code, stderr)
	}
	out := filepath.Join(dir, "d.docx")
	if code, _, stderr := run("--db", db, "mark", drafts["plain"], "-o", out, "--attr", "public",
		"--type", "政策性文件", "--interpretation", interp); code != ExitOK {
		t.Fatalf("a public 政策性文件 with 解读材料: %s", stderr)
	}
	want := sha(t, interp)
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	rec := d.Record()
	if rec == nil || rec.DocType != "政策性文件" || rec.InterpSHA256 != want || rec.Interpretation != "解读材料.docx" || !rec.PolicyDoc {
		t.Errorf("record %+v, want the type and SHA-256 %s", rec, want)
	}
	evs := events(t, db)
	if ev := evs[len(evs)-1]; ev.Details["doc_type"] != "政策性文件" || ev.Details["interpretation_sha256"] != want {
		t.Errorf("event details %v", ev.Details)
	}
	// The list is a setting.
	if code, _, stderr := run("settings", "set", "doc-types", "规范性文件,会议纪要"); code != ExitOK {
		t.Fatal(stderr)
	}
	if code, _, stderr := run("--db", db, "mark", drafts["plain"], "-o", filepath.Join(dir, "e.docx"), "--attr", "public", "--type", "会议纪要"); code != ExitOK {
		t.Errorf("a type of the office's list: %s", stderr)
	}
	if code, _, stderr := run("--db", db, "mark", drafts["plain"], "-o", filepath.Join(dir, "f.docx"), "--attr", "public", "--type", "其他"); code != ExitFailure {
		t.Errorf("a type the office removed: exit %d %s", code, stderr)
	}
}

// TestMachineEndToEnd: the ordinary computer warns by default, refuses
// when the office says so, and a quiet log keeps a secret document's file
// name and reason out of the log and its export.
func TestMachineEndToEnd(t *testing.T) {
	drafts := ruleDrafts(t)
	db := sandbox(t)
	dir := t.TempDir()
	markSecret := func(name string) (int, string, string) {
		return run("--db", db, "mark", drafts["secret"], "-o", filepath.Join(dir, name+".docx"), "--attr", "withheld",
			"--basis", "条例第十四条", "--reason", "依法确定为国家秘密")
	}
	if code, stdout, stderr := markSecret("a"); code != ExitOK || !strings.Contains(stdout, "涉密文件不得在非涉密计算机上处理") {
		t.Errorf("default: exit %d %s%s", code, stdout, stderr)
	}
	if ev := events(t, db)[0]; ev.Details["machine"] != "ordinary" {
		t.Errorf("event machine %q", ev.Details["machine"])
	}
	run("settings", "set", "refuse-secret-on-ordinary", "true")
	if code, _, stderr := markSecret("b"); code != ExitFailure || !strings.Contains(stderr, "涉密文件不得在非涉密计算机上处理") || !strings.Contains(stderr, "ordinary computer") {
		t.Errorf("strict: exit %d %s", code, stderr)
	}
	run("settings", "set", "secret-machine", "true", "quiet-log", "true")
	code, stdout, stderr := markSecret("c")
	if code != ExitOK || strings.Contains(stdout, "非涉密计算机") {
		t.Errorf("approved machine: exit %d %s%s", code, stdout, stderr)
	}
	evs := events(t, db)
	if ev := evs[len(evs)-1]; ev.Details["machine"] != "secret" || strings.Contains(ev.File, "secret") || strings.Contains(ev.Reason, "国家秘密") {
		t.Errorf("quiet event %+v", ev)
	}
	export := filepath.Join(dir, "log.jsonl")
	if code, _, stderr := run("--db", db, "audit", "export", "--format", "jsonl", "-o", export); code != ExitOK {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(export)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if last := lines[len(lines)-1]; strings.Contains(last, "secret.docx") || strings.Contains(last, "依法确定为国家秘密") {
		t.Errorf("the export names the secret document: %s", last)
	}
}
