package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
)

const gongwen = "../../../shared/corpus/gongwen"

// sandbox gives a test its own data folder and audit log.
func sandbox(t *testing.T) (db string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("DOCATTR_HOME", home)
	t.Setenv("DOCATTR_DB", "")
	return filepath.Join(home, "audit.db")
}

func corpus(t *testing.T, name string) string {
	t.Helper()
	p := filepath.Join(gongwen, name)
	if _, err := os.Stat(p); err != nil {
		t.Skip("corpus not found")
	}
	return p
}

func run(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func events(t *testing.T, db string) []audit.Event {
	t.Helper()
	l, err := audit.Open(db, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var evs []audit.Event
	if err := l.List(audit.Filter{}, func(e audit.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

func sha(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestInspectJSON(t *testing.T) {
	sandbox(t)
	code, out, errs := run("inspect", corpus(t, "001-secret.docx"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var in map[string]any
	if err := json.Unmarshal([]byte(out), &in); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format", "title", "date_paragraph", "existing_secrecy", "existing_note", "record", "paragraphs", "findings", "suggestion"} {
		if _, ok := in[k]; !ok {
			t.Errorf("JSON lacks %s", k)
		}
	}
	if in["date_paragraph"] != "2018年3月20日" || in["existing_secrecy"] != "秘密★" || in["record"] != nil {
		t.Errorf("date %v secrecy %v record %v", in["date_paragraph"], in["existing_secrecy"], in["record"])
	}
	if _, ok := in["suggestion"].(map[string]any)["attribute"]; !ok {
		t.Error("suggestion has no attribute")
	}
}

func TestInspectRefusesLegacy(t *testing.T) {
	sandbox(t)
	code, _, errs := run("inspect", corpus(t, "002-plain.doc"))
	if code != ExitFailure || !strings.Contains(errs, "另存为 .docx") || !strings.Contains(errs, "save it as .docx") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

func TestMarkOne(t *testing.T) {
	db := sandbox(t)
	out := filepath.Join(t.TempDir(), "定稿.docx")
	in := corpus(t, "000-plain.docx")
	before := sha(t, in)
	// flags after the file, Chinese alias for the attribute
	code, stdout, errs := run("--db", db, "mark", in, "--attr", "主动公开", "-o", out, "--actor", "张三")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(stdout, "已标注") {
		t.Errorf("stdout %q", stdout)
	}
	if sha(t, in) != before {
		t.Fatal("the input was modified")
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	a, rec := d.Analyze(), d.Record()
	if a.NoteText != "（此件公开发布）" || rec == nil || rec.Attribute != "public" || rec.MarkedBy != "张三" {
		t.Fatalf("note %q record %+v", a.NoteText, rec)
	}
	evs := events(t, db)
	if len(evs) != 1 {
		t.Fatalf("%d events", len(evs))
	}
	e := evs[0]
	if e.Type != "mark" || e.DocID != rec.DocID || e.OutputSHA256 != sha(t, out) || e.InputSHA256 != before || e.Actor.Name != "张三" {
		t.Errorf("event %+v", e)
	}
	if !strings.HasPrefix(rec.AuditHead, "0:") {
		t.Errorf("audit head in record %q, want the head before this event", rec.AuditHead)
	}

	// Re-marking keeps the document id and replaces the note.
	out2 := filepath.Join(t.TempDir(), "二稿.docx")
	code, _, errs = run("--db", db, "mark", "--attr", "withheld", "--basis", "条例第十六条第二款", "--reason", "过程稿", out, "-o", out2)
	if code != 0 {
		t.Fatalf("re-mark exit %d: %s", code, errs)
	}
	d2, err := docx.Open(out2)
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	if r := d2.Record(); r.DocID != rec.DocID || r.Attribute != "withheld" || d2.Analyze().NoteText != "（此件不予公开）" || len(d2.Analyze().Notes) != 1 {
		t.Errorf("re-marked record %+v", r)
	}
	if evs := events(t, db); len(evs) != 2 || evs[1].PrevAttribute != "public" {
		t.Errorf("events %+v", evs)
	}
}

func TestMarkRefusals(t *testing.T) {
	cases := []struct {
		name  string
		args  []string
		code  int
		inErr string
	}{
		{"secret marked public", []string{"000-secret.docx", "--attr", "public"}, ExitFailure, "不能主动公开"},
		{"withheld without basis", []string{"000-plain.docx", "--attr", "withheld"}, ExitFailure, "须注明法律依据"},
		{"personal data marked public", []string{"000-pii.docx", "--attr", "public"}, ExitFailure, ""},
		{"unknown attribute", []string{"000-plain.docx", "--attr", "secretish"}, ExitUsage, "未知的公开属性"},
		{"no attribute", []string{"000-plain.docx"}, ExitUsage, "--attr"},
		{"period without level", []string{"000-plain.docx", "--attr", "public", "--period", "1年"}, ExitUsage, "--secrecy"},
		{"bad level", []string{"000-plain.docx", "--attr", "withheld", "--secrecy", "内部"}, ExitUsage, "未知的密级"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := sandbox(t)
			out := filepath.Join(t.TempDir(), "out.docx")
			args := append([]string{"--db", db, "mark", corpus(t, c.args[0])}, c.args[1:]...)
			code, _, errs := run(append(args, "-o", out)...)
			if code != c.code || !strings.Contains(errs, c.inErr) {
				t.Fatalf("exit %d want %d; stderr %q", code, c.code, errs)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Error("a refused file left an output behind")
			}
			if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 0 {
				t.Errorf("left files behind: %v", entries)
			}
		})
	}
}

func TestMarkSecretWithheldAndDowngrade(t *testing.T) {
	db := sandbox(t)
	dir := t.TempDir()
	in := corpus(t, "000-secret.docx")
	out := filepath.Join(dir, "a.docx")
	// Without --secrecy the typed 秘密★ line is kept and recorded as found.
	code, stdout, errs := run("--db", db, "mark", in, "--attr", "withheld", "--basis", "条例第十四条", "--reason", "国家秘密", "-o", out)
	if code != 0 || !strings.Contains(stdout, "秘密★") {
		t.Fatalf("exit %d: %s %s", code, stdout, errs)
	}
	// Removing the level needs a reason; with one, public is allowed.
	code, _, errs = run("--db", db, "mark", out, "--attr", "public", "--secrecy", "none", "-o", filepath.Join(dir, "b.docx"))
	if code == 0 || !strings.Contains(errs, "须说明理由") {
		t.Fatalf("downgrade without reason: exit %d %s", code, errs)
	}
	code, _, errs = run("--db", db, "mark", out, "--attr", "public", "--secrecy", "none", "--reason", "已依法解密", "-o", filepath.Join(dir, "b.docx"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	d, err := docx.Open(filepath.Join(dir, "b.docx"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if a := d.Analyze(); a.Secrecy != nil || a.NoteText != "（此件公开发布）" {
		t.Errorf("secrecy %q note %q", a.SecrecyText, a.NoteText)
	}
}

func TestMarkBatch(t *testing.T) {
	db := sandbox(t)
	outDir := t.TempDir()
	files := []string{corpus(t, "000-plain.docx"), corpus(t, "001-plain.docx"), corpus(t, "002-plain.doc"), corpus(t, "004-secret.odt"), corpus(t, "003-plain.docx")}
	args := append([]string{"--db", db, "mark", "--attr", "public", "--out-dir", outDir}, files...)
	code, stdout, errs := run(args...)
	if code != ExitFailure {
		t.Fatalf("exit %d, want 1 with refusals", code)
	}
	if strings.Count(stdout, "已标注") != 3 || strings.Count(errs, "未标注 / refused:") != 2 || !strings.Contains(errs, "OpenDocument") {
		t.Errorf("stdout %q\nstderr %q", stdout, errs)
	}
	for _, f := range []string{"000-plain.docx", "001-plain.docx", "003-plain.docx"} {
		if _, err := os.Stat(filepath.Join(outDir, f)); err != nil {
			t.Errorf("%s not written", f)
		}
	}
	if evs := events(t, db); len(evs) != 3 {
		t.Errorf("%d events, want 3", len(evs))
	}
}

func TestMarkDefaultOutputAndSameFile(t *testing.T) {
	db := sandbox(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "草稿.docx")
	data, err := os.ReadFile(corpus(t, "000-plain.docx"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(in, data, 0o644)
	if code, _, errs := run("--db", db, "mark", in, "--attr", "public"); code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "草稿-已标注.docx")); err != nil {
		t.Errorf("default output missing: %v", err)
	}
	code, _, errs := run("--db", db, "mark", in, "--attr", "public", "-o", in)
	if code == 0 || !strings.Contains(errs, "不能覆盖原文件") {
		t.Errorf("overwriting the input: exit %d %s", code, errs)
	}
	if got, _ := os.ReadFile(in); !bytes.Equal(got, data) {
		t.Error("input changed")
	}
}

func TestMarkLockedLog(t *testing.T) {
	db := sandbox(t)
	l, err := audit.Open(db, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	start := time.Now()
	code, _, errs := run("--db", db, "mark", corpus(t, "000-plain.docx"), "--attr", "public", "-o", filepath.Join(t.TempDir(), "x.docx"))
	if code != ExitFailure || !strings.Contains(errs, "审计日志正被另一个 docattr 程序使用") {
		t.Errorf("exit %d %q", code, errs)
	}
	if time.Since(start) > 30*time.Second {
		t.Error("waited far too long for the lock")
	}
	_ = io.Discard
}
