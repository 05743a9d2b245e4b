package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
)

// lcPublished marks a corpus draft 主动公开 through the CLI and returns the
// issued copy.
func lcPublished(t *testing.T, db, name string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "某某办法.docx")
	if code, _, errs := run("--db", db, "mark", corpus(t, name), "--attr", "public", "-o", out, "--actor", "张三"); code != 0 {
		t.Fatalf("mark: exit %d: %s", code, errs)
	}
	return out
}

func TestLifecycleCommand(t *testing.T) {
	db := sandbox(t)
	pub := lcPublished(t, db, "000-plain.docx")
	before := sha(t, pub)
	// Flags after the file; the Chinese date form.
	code, stdout, errs := run("--db", db, "lifecycle", "--unsigned", "签发早于使用本工具", pub, "--state", "repealed", "--date", "2026年1月1日",
		"--ref", "《某某办法》（某政发〔2026〕1号）", "--actor", "李四")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	out := filepath.Join(filepath.Dir(pub), "某某办法-已废止.docx")
	if !strings.Contains(stdout, out) || !strings.Contains(stdout, "【已废止】") {
		t.Errorf("stdout %q", stdout)
	}
	if sha(t, pub) != before {
		t.Fatal("the input was modified")
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	first := docx.Compact(d.Body()[0].Text)
	rec := d.Record()
	d.Close()
	if first != "【已废止】本文件已于2026年1月1日废止，由《某某办法》（某政发〔2026〕1号）替代。" || rec.Lifecycle != "repealed" {
		t.Errorf("first paragraph %q, record %+v", first, rec)
	}
	evs := events(t, db)
	e := evs[len(evs)-1]
	if e.Type != audit.TypeLifecycle || e.Actor.Name != "李四" || e.DocID != rec.DocID || e.OutputSHA256 != sha(t, out) ||
		e.Details["state"] != "repealed" || e.Details["date"] != "2026-01-01" {
		t.Errorf("event %+v", e)
	}

	// A second change, into a named output, replaces the notice.
	out2 := filepath.Join(t.TempDir(), "二次.docx")
	if code, stdout, errs := run("--db", db, "lifecycle", "--unsigned", "签发早于使用本工具", "--state", "已失效", "--date", "2026-06-30", "-o", out2, out); code != 0 ||
		!strings.Contains(stdout, "已替换原有状态标注") {
		t.Fatalf("second change: exit %d: %s %s", code, stdout, errs)
	}
}

func TestLifecycleCommandRefusals(t *testing.T) {
	db := sandbox(t)
	pub := lcPublished(t, db, "001-plain.docx")
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no file", []string{"lifecycle", "--state", "repealed", "--date", "2026-01-01"}, ExitUsage, "用法错误"},
		{"no state", []string{"lifecycle", pub, "--date", "2026-01-01"}, ExitUsage, "--state"},
		{"bad state", []string{"lifecycle", pub, "--state", "withdrawn", "--date", "2026-01-01"}, ExitUsage, "未知的状态"},
		{"bad date", []string{"lifecycle", pub, "--state", "repealed", "--date", "2026-02-30"}, ExitUsage, "日期"},
		{"ref with a line break", []string{"lifecycle", pub, "--state", "repealed", "--date", "2026-01-01", "--ref", "a\nb"}, ExitFailure, "“相关文件”中含有不可见的控制字符（U+000A）"},
		{"output is the input", []string{"lifecycle", pub, "--state", "repealed", "--date", "2026-01-01", "-o", pub}, ExitFailure, "不能覆盖原文件"},
	}
	n := len(events(t, db))
	for _, c := range cases {
		code, _, errs := run(append([]string{"--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, errs, c.code, c.want)
		}
	}
	if len(events(t, db)) != n {
		t.Error("a refused lifecycle change was recorded")
	}
}

func TestLifecycleCommandWarnsForAnUnmarkedDocument(t *testing.T) {
	db := sandbox(t)
	out := filepath.Join(t.TempDir(), "旧.docx")
	code, _, errs := run("--db", db, "lifecycle", "--unsigned", "签发早于使用本工具", corpus(t, "002-plain.docx"), "--state", "expired", "--date", "2025-01-01", "-o", out)
	if code != 0 || !strings.Contains(errs, "没有 docattr 标注记录") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

func TestLifecycleWithdrawCommand(t *testing.T) {
	db := sandbox(t)
	dir := t.TempDir()
	pub := filepath.Join(dir, "pub.docx")
	if code, _, errs := run("--db", db, "mark", corpus(t, "000-plain.docx"), "--attr", "public", "-o", pub); code != 0 {
		t.Fatal(errs)
	}
	rep := filepath.Join(dir, "rep.docx")
	if code, _, errs := run("--db", db, "lifecycle", "--unsigned", "签发早于使用本工具", pub, "--state", "repealed", "--date", "2026-01-01", "-o", rep); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run("--db", db, "lifecycle", rep, "--withdraw", "--date", "2026-01-01"); code != ExitUsage {
		t.Errorf("--withdraw with --date: exit %d %s", code, errs)
	}
	if code, _, errs := run("--db", db, "lifecycle", rep, "--withdraw", "-o", filepath.Join(dir, "x.docx")); code != ExitFailure || !strings.Contains(errs, "须说明理由") {
		t.Errorf("--withdraw without reason: exit %d %s", code, errs)
	}
	code, out, errs := run("--db", db, "lifecycle", rep, "--withdraw", "--reason", "误标", "-o", filepath.Join(dir, "back.docx"))
	if code != 0 || !strings.Contains(out, "已撤销状态标注") || !strings.Contains(out, "已废止") {
		t.Fatalf("exit %d %s %s", code, out, errs)
	}
}
