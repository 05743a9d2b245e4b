package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/hostile"
	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
)

func piiEnv(t *testing.T) (db, draft string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("DOCATTR_HOME", home)
	t.Setenv("DOCATTR_DB", "")
	draft = filepath.Join(t.TempDir(), "通知.docx")
	if err := os.WriteFile(draft, hostile.PIIDraft(), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(home, "audit.db"), draft
}

// noneLeft fails if out has findings of the redacted kinds.
func noneLeft(t *testing.T, out string) {
	t.Helper()
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if left, _ := redact.Remaining(d, redact.Options{}); len(left) > 0 {
		t.Errorf("findings remain in %s: %+v", out, left)
	}
}

func lastEvent(t *testing.T, db string) audit.Event {
	t.Helper()
	l, err := audit.Open(db, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var last audit.Event
	l.List(audit.Filter{}, func(e audit.Event) error { last = e; return nil })
	return last
}

func TestRedactCommandMasksAndRecords(t *testing.T) {
	db, in := piiEnv(t)
	out := filepath.Join(t.TempDir(), "已遮盖.docx")
	code, stdout, stderr := cleanCLI(t, "--db", db, "redact", in, "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	// The output's temporary path is digits by chance: a number's middle
	// four can turn up in it.
	said := strings.ReplaceAll(stdout, out, "")
	for _, n := range hostile.PIINumbers() {
		if strings.Contains(said, n) || strings.Contains(said, hostile.PIIMiddle(n)) {
			t.Errorf("output names the clear number %s:\n%s", n, stdout)
		}
	}
	if !strings.Contains(stdout, "已遮盖") || !strings.Contains(stdout, "身份证号") {
		t.Errorf("stdout:\n%s", stdout)
	}
	noneLeft(t, out)
	ev := lastEvent(t, db)
	if ev.Type != audit.TypeRedact || len(ev.Findings) < 8 {
		t.Fatalf("event: %+v", ev)
	}
	for _, f := range ev.Findings {
		if !strings.Contains(f.Excerpt, "*") {
			t.Errorf("event item not masked: %+v", f)
		}
	}
}

func TestRedactCommandRefusesBadKindsAndSameFile(t *testing.T) {
	db, in := piiEnv(t)
	out := filepath.Join(t.TempDir(), "x.docx")
	if code, _, stderr := cleanCLI(t, "--db", db, "redact", in, "-o", out, "--kinds", "secret"); code == 0 || !strings.Contains(stderr, "secret") {
		t.Errorf("unknown kind: exit %d, %s", code, stderr)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("an output was written for a refused kind")
	}
	if code, _, _ := cleanCLI(t, "--db", db, "redact", in, "-o", in); code == 0 {
		t.Error("redacting onto the input was accepted")
	}
}

func TestMarkRedactPublishesInOneStep(t *testing.T) {
	db, in := piiEnv(t)
	out := filepath.Join(t.TempDir(), "通知-已标注.docx")
	if code, _, _ := cleanCLI(t, "--db", db, "mark", in, "--attr", "public", "-o", out); code == 0 {
		t.Fatal("a draft with personal numbers was marked public without redaction")
	}
	code, _, stderr := cleanCLI(t, "--db", db, "mark", in, "--attr", "public", "--redact", "all", "-o", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	noneLeft(t, out)
	ev := lastEvent(t, db)
	if ev.Type != audit.TypeMark || ev.Details["redact_kinds"] == "" || ev.Attribute != "public" {
		t.Errorf("event: %+v", ev)
	}
	d, _ := docx.Open(out)
	defer d.Close()
	if r := scan.Check(d); r.Count(scan.KindIDCard) != 0 {
		t.Error("ID left")
	}
}

func TestRedactCommandOnCorpora(t *testing.T) {
	home := t.TempDir()
	t.Setenv("DOCATTR_HOME", home)
	t.Setenv("DOCATTR_DB", "")
	db := filepath.Join(home, "audit.db")
	files, _ := filepath.Glob("../../../shared/corpus/gongwen/*-pii.docx")
	real, _ := filepath.Glob("../../../shared/corpus/real/*.docx")
	files = append(files, real...)
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	dir := t.TempDir()
	for _, f := range files {
		out := filepath.Join(dir, filepath.Base(f))
		if code, _, stderr := cleanCLI(t, "--db", db, "redact", f, "-o", out); code != 0 {
			t.Errorf("%s: exit %d: %s", f, code, stderr)
			continue
		}
		noneLeft(t, out)
	}
}
