package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
)

// TestDeclassifyCommand: lifecycle --state declassified annotates the
// secrecy line, inspect reports it as declassified and not as a mark in
// force, and the document can then be marked 主动公开.
func TestDeclassifyCommand(t *testing.T) {
	db := sandbox(t)
	dir := t.TempDir()
	pub := filepath.Join(dir, "报告.docx")
	if code, _, errs := run("--db", db, "mark", corpus(t, "000-secret.docx"), "--attr", "withheld", "--basis", "条例第十四条",
		"--reason", "依法确定为国家秘密", "-o", pub); code != ExitOK {
		t.Fatalf("mark: exit %d: %s", code, errs)
	}
	code, stdout, errs := run("--db", db, "lifecycle", pub, "--state", "declassified", "--date", "2020年1月1日",
		"--ground", "保密期限已满，自行解密", "--classifier", "李定密", "--unsigned", "签发早于使用本工具")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	out := filepath.Join(dir, "报告-已解密.docx")
	if !strings.Contains(stdout, "秘密★（已于2020年1月1日解密）") || !strings.Contains(stdout, out) {
		t.Errorf("stdout %q", stdout)
	}
	if !strings.Contains(errs, "重新审查公开属性") {
		t.Errorf("no warning to assess the attribute again: %q", errs)
	}
	e := events(t, db)
	if last := e[len(e)-1]; last.Details["state"] != "declassified" || last.Details["ground"] != "保密期限已满，自行解密" {
		t.Errorf("event %+v", last)
	}

	code, stdout, _ = run("--db", db, "inspect", out, "--json")
	var in Inspection
	if err := json.Unmarshal([]byte(stdout), &in); code != ExitOK || err != nil {
		t.Fatalf("inspect: exit %d, %v", code, err)
	}
	if in.ExistingSecrecy != nil || in.Declassified == nil || *in.Declassified != "秘密★（已于2020年1月1日解密）" ||
		in.Record.Declassified != "2020-01-01" || in.Record.DeclassifiedFrom != "秘密★" {
		t.Errorf("inspect: secrecy %v, declassified %v, record %+v", in.ExistingSecrecy, in.Declassified, in.Record)
	}
	for _, f := range in.Findings {
		if f.Severity == "block" {
			t.Errorf("a declassified line still blocks: %+v", f)
		}
	}
	if _, stdout, _ := run("--db", db, "inspect", out); !strings.Contains(stdout, "（已解密 / declassified）") {
		t.Errorf("inspect text:\n%s", stdout)
	}

	public := filepath.Join(dir, "公开.docx")
	if code, _, errs := run("--db", db, "mark", out, "--attr", "public", "-o", public); code != ExitOK {
		t.Fatalf("marking the declassified report public: exit %d: %s", code, errs)
	}
	d, err := docx.Open(public)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var text []string
	for _, p := range d.Body() {
		text = append(text, docx.Compact(p.Text))
	}
	if all := strings.Join(text, "\n"); strings.Count(all, "秘密★") != 1 || !strings.Contains(all, "（此件公开发布）") {
		t.Errorf("public copy:\n%s", all)
	}
}

func TestDeclassifyCommandRefusals(t *testing.T) {
	db := sandbox(t)
	dir := t.TempDir()
	pub := filepath.Join(dir, "报告.docx")
	if code, _, errs := run("--db", db, "mark", corpus(t, "000-secret.docx"), "--attr", "withheld", "--basis", "条例第十四条",
		"--reason", "依法确定为国家秘密", "-o", pub); code != ExitOK {
		t.Fatalf("mark: exit %d: %s", code, errs)
	}
	plain := lcPublished(t, db, "000-plain.docx")
	base := []string{"lifecycle", pub, "--state", "declassified", "--unsigned", "签发早于使用本工具"}
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no ground", append(base, "--date", "2020-01-01"), ExitFailure, "解密须写明依据"},
		{"before the 成文日期", append(base, "--date", "2018-02-26", "--ground", "期满"), ExitFailure, "早于文件的成文日期 2018年2月27日"},
		{"never signed", []string{"lifecycle", pub, "--state", "declassified", "--date", "2020-01-01", "--ground", "期满"}, ExitFailure, "签发"},
		{"not secret", []string{"lifecycle", plain, "--state", "已解密", "--date", "2026-01-01", "--ground", "期满", "--unsigned", "早"}, ExitFailure, "没有密级标志"},
		{"a ref", append(base, "--date", "2020-01-01", "--ground", "期满", "--ref", "某文"), ExitUsage, "--ground"},
		{"a ground for another state", []string{"lifecycle", pub, "--state", "repealed", "--date", "2020-01-01", "--ground", "期满"}, ExitUsage, "declassified"},
	}
	n := len(events(t, db))
	for _, c := range cases {
		code, _, errs := run(append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, errs, c.code, c.want)
		}
	}
	if len(events(t, db)) != n {
		t.Error("a refused 解密 was recorded")
	}
}
