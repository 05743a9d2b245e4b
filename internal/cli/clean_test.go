package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/scan/scantest"
)

// cleanEnv gives a test its own data folder, audit log and a draft with
// a comment, a tracked change, hidden text and an author name.
func cleanEnv(t *testing.T) (db, draft string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("DOCATTR_HOME", home)
	t.Setenv("DOCATTR_DB", "")
	draft = scantest.Write(t, t.TempDir(), "草稿.docx", scantest.Doc{
		Body: `<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>关于</w:t></w:r><w:commentRangeEnd w:id="0"/>` +
			`<w:r><w:commentReference w:id="0"/></w:r><w:del w:id="1" w:author="乙"><w:r><w:delText>加强</w:delText></w:r></w:del>` +
			`<w:r><w:t>做好工作的通知</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>`,
		Comments: `<w:comment w:id="0" w:author="审核人"><w:p><w:r><w:t>请核实</w:t></w:r></w:p></w:comment>`,
		Creator:  "张三",
	})
	return filepath.Join(home, "audit.db"), draft
}

func cleanCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func cleanEvents(t *testing.T, db string) []audit.Event {
	t.Helper()
	if _, err := os.Stat(db); err != nil {
		return nil
	}
	l, err := audit.Open(db, audit.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var evs []audit.Event
	if err := l.List(audit.Filter{Type: audit.TypeClean}, func(e audit.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return evs
}

func fileHash(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func kindsIn(t *testing.T, path string) map[string]int {
	t.Helper()
	d, err := docx.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	out := map[string]int{}
	for _, f := range scan.Check(d).Findings {
		out[f.Kind]++
	}
	return out
}

func TestCleanCommandRemovesEverythingAndLogs(t *testing.T) {
	db, in := cleanEnv(t)
	inHash := fileHash(t, in)
	out := filepath.Join(t.TempDir(), "out.docx")
	code, stdout, stderr := cleanCLI(t, "--db", db, "clean", in, "-o", out, "--actor", "王五")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stdout, "已清除") || !strings.Contains(stdout, "cleaned") {
		t.Errorf("output not bilingual: %q", stdout)
	}
	if fileHash(t, in) != inHash {
		t.Error("the input was modified")
	}
	k := kindsIn(t, out)
	for _, kind := range []string{scan.KindHiddenComment, scan.KindTrackedChange, scan.KindHiddenText, scan.KindAuthorMetadata} {
		if k[kind] != 0 {
			t.Errorf("%s left in the output", kind)
		}
	}
	evs := cleanEvents(t, db)
	if len(evs) != 1 {
		t.Fatalf("%d clean events", len(evs))
	}
	ev := evs[0]
	if ev.InputSHA256 != inHash || ev.OutputSHA256 != fileHash(t, out) || ev.File != "草稿.docx" || ev.Actor.Name != "王五" {
		t.Errorf("event %+v", ev)
	}
	if ev.Details["options"] != "comments,metadata,hidden-text,accept-changes" || ev.Details["comments"] != "1" {
		t.Errorf("details %v", ev.Details)
	}
	if len(ev.Findings) < 4 {
		t.Errorf("event records %d findings, want the 4 removed", len(ev.Findings))
	}
	if leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".out.docx.*")); len(leftovers) > 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}
}

func TestCleanCommandSelectsWithFlagsAfterTheFile(t *testing.T) {
	db, in := cleanEnv(t)
	out := filepath.Join(t.TempDir(), "out.docx")
	if code, _, stderr := cleanCLI(t, "--db", db, "clean", in, "--comments", "-o", out); code != ExitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	k := kindsIn(t, out)
	if k[scan.KindHiddenComment] != 0 || k[scan.KindTrackedChange] == 0 || k[scan.KindHiddenText] == 0 || k[scan.KindAuthorMetadata] == 0 {
		t.Errorf("--comments alone gave %v", k)
	}
}

func TestCleanCommandRefuses(t *testing.T) {
	db, in := cleanEnv(t)
	link := filepath.Join(t.TempDir(), "link.docx")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	legacy := filepath.Join(dir, "old.doc")
	if err := os.WriteFile(legacy, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"output is the input", []string{"clean", in, "-o", in}, ExitFailure, "输出文件不能覆盖原文件"},
		{"output is the input through a link", []string{"clean", in, "-o", link}, ExitFailure, "the output must not overwrite the input file"},
		{"no output", []string{"clean", in}, ExitUsage, "-o"},
		{"two inputs", []string{"clean", in, in, "-o", filepath.Join(dir, "x.docx")}, ExitUsage, "exactly one input"},
		{"legacy .doc", []string{"clean", legacy, "-o", filepath.Join(dir, "y.docx")}, ExitFailure, "docx"},
		{"missing folder", []string{"clean", in, "-o", filepath.Join(dir, "nope", "z.docx")}, ExitFailure, "不存在"},
	}
	before := fileHash(t, in)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := cleanCLI(t, append([]string{"--db", db}, tc.args...)...)
			if code != tc.code {
				t.Errorf("exit %d, want %d (%s)", code, tc.code, stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q lacks %q", stderr, tc.want)
			}
		})
	}
	if fileHash(t, in) != before {
		t.Error("the input was modified")
	}
	if n := len(cleanEvents(t, db)); n != 0 {
		t.Errorf("%d events recorded for refused runs", n)
	}
}

// TestCleanCommandKeepsTheSafetyOrder checks that without a usable audit
// log no output appears: the event comes before the rename.
func TestCleanCommandKeepsTheSafetyOrder(t *testing.T) {
	_, in := cleanEnv(t)
	dir := t.TempDir()
	badDB := filepath.Join(dir, "not-a-log.db")
	if err := os.WriteFile(badDB, []byte("this is not a bbolt file, it is long enough to be read as one..."), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out.docx")
	code, _, stderr := cleanCLI(t, "--db", badDB, "clean", in, "-o", out)
	if code == ExitOK {
		t.Fatal("cleaned without an audit log")
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("output written although the event could not be recorded (%s)", stderr)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".out.docx.*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
