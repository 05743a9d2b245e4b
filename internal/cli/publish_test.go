package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The outputs of mark, clean and lifecycle never land in the
// installation's data folder, whatever the spelling; nothing is recorded.
func TestOutputsNeverOverwriteTheInstallation(t *testing.T) {
	db := sandbox(t)
	home := filepath.Dir(db)
	files := map[string]string{}
	for _, f := range []string{"installation.key", "installation.pub", "settings.json", "keyring.json"} {
		files[f] = "precious " + f
		os.WriteFile(filepath.Join(home, f), []byte(files[f]), 0o600)
	}
	work := t.TempDir()
	in := filepath.Join(work, "草稿.docx")
	data, err := os.ReadFile(corpus(t, "000-plain.docx"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(in, data, 0o644)
	if err := os.Symlink(home, filepath.Join(work, "home")); err != nil {
		t.Skip("no symlinks:", err)
	}
	if err := os.Link(filepath.Join(home, "installation.key"), filepath.Join(work, "key.docx")); err != nil {
		t.Skip("no hard links:", err)
	}
	// The log exists before the attacks, as it would in a real installation.
	if code, _, errs := run("--db", db, "mark", in, "--attr", "public", "-o", filepath.Join(work, "first.docx")); code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	outs := []string{
		filepath.Join(home, "installation.key"),
		filepath.Join(home, "installation.pub"),
		filepath.Join(home, ".", "settings.json"),
		home + "/../" + filepath.Base(home) + "/keyring.json",
		filepath.Join(home, "audit.db"),
		filepath.Join(work, "home", "installation.key"),
		filepath.Join(work, "key.docx"),
		filepath.Join(home, "new.docx"),
	}
	cmds := map[string]func(out string) []string{
		"mark":  func(out string) []string { return []string{"mark", in, "--attr", "public", "--overwrite", "-o", out} },
		"clean": func(out string) []string { return []string{"clean", in, "--overwrite", "-o", out} },
		"lifecycle": func(out string) []string {
			return []string{"lifecycle", in, "--state", "repealed", "--date", "2026-01-01", "--unsigned", "签发早于使用本工具", "--overwrite", "-o", out}
		},
	}
	for name, args := range cmds {
		for _, out := range outs {
			code, _, errs := run(append([]string{"--db", db}, args(out)...)...)
			if code == 0 || !strings.Contains(errs, "数据文件夹") && !strings.Contains(errs, "审计日志") {
				t.Errorf("%s -o %s: exit %d %q", name, out, code, errs)
			}
		}
	}
	for _, out := range []string{filepath.Join(home, "settings.json"), filepath.Join(work, "key.docx"), filepath.Join(work, "home", "keyring.json")} {
		for _, args := range [][]string{{"audit", "export", "--format", "jsonl", "-o", out}, {"stats", "--year", "2026", "-o", out}} {
			if code, _, errs := run(append([]string{"--db", db}, args...)...); code == 0 || !strings.Contains(errs, "数据文件夹") {
				t.Errorf("%v: exit %d %q", args, code, errs)
			}
		}
	}
	if code, _, errs := run("--db", db, "mark", in, "--attr", "public", "--out-dir", filepath.Join(work, "home")); code == 0 {
		t.Errorf("--out-dir into the data folder: exit 0 %s", errs)
	}
	for f, want := range files {
		if b, _ := os.ReadFile(filepath.Join(home, f)); string(b) != want {
			t.Errorf("%s was overwritten", f)
		}
	}
	if evs := events(t, db); len(evs) != 1 {
		t.Errorf("%d events recorded, want only the first mark", len(evs))
	}
}

// Batch outputs never overwrite each other, an input or an existing file
// unless --overwrite; every line names the file really written.
func TestMarkBatchOutputsAreDistinct(t *testing.T) {
	db := sandbox(t)
	data, err := os.ReadFile(corpus(t, "000-plain.docx"))
	if err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	put := func(rel string) string {
		p := filepath.Join(work, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, data, 0o644)
		return p
	}
	a, b := put("a/通知.docx"), put("b/通知.docx")
	out := filepath.Join(work, "out")
	os.MkdirAll(out, 0o755)
	code, stdout, errs := run("--db", db, "mark", a, b, "--attr", "public", "--out-dir", out)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	for _, f := range []string{"通知.docx", "通知(2).docx"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil || !strings.Contains(stdout, filepath.Join(out, f)) {
			t.Errorf("%s: %v; stdout %s", f, err, stdout)
		}
	}

	x, inOut := put("x/a.docx"), put("out2/a.docx")
	code, stdout, errs = run("--db", db, "mark", x, inOut, "--attr", "public", "--out-dir", filepath.Dir(inOut))
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if got, _ := os.ReadFile(inOut); !bytes.Equal(got, data) {
		t.Error("the input out2/a.docx was overwritten")
	}
	for _, f := range []string{"a(2).docx", "a-已标注.docx"} {
		p := filepath.Join(filepath.Dir(inOut), f)
		if _, err := os.Stat(p); err != nil || !strings.Contains(stdout, p) {
			t.Errorf("%s: %v; stdout %s", f, err, stdout)
		}
	}

	// An existing output is kept unless --overwrite.
	target := filepath.Join(out, "通知.docx")
	before, _ := os.ReadFile(target)
	if code, stdout, errs = run("--db", db, "mark", a, "--attr", "public", "-o", target); code != 0 || !strings.Contains(stdout, filepath.Join(out, "通知(3).docx")) {
		t.Errorf("existing output: exit %d %s %s", code, stdout, errs)
	}
	if now, _ := os.ReadFile(target); !bytes.Equal(now, before) {
		t.Error("existing output replaced without --overwrite")
	}
	if code, stdout, errs = run("--db", db, "mark", a, "--attr", "public", "-o", target, "--overwrite"); code != 0 || !strings.Contains(stdout, "→ "+target+"（") {
		t.Errorf("--overwrite: exit %d %s %s", code, stdout, errs)
	}
	for _, e := range events(t, db) {
		if _, err := os.Stat(e.Details["output"]); err != nil {
			t.Errorf("event %d names %s, which does not exist", e.Seq, e.Details["output"])
		}
	}
}
