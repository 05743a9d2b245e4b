package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/settings"
)

// installation is one office's docattr: its own DOCATTR_HOME.
type installation struct {
	t    *testing.T
	home string
}

func newInstallation(t *testing.T) *installation {
	t.Setenv("DOCATTR_DB", "")
	return &installation{t, t.TempDir()}
}

// cli runs a command line in this installation.
func (in *installation) cli(args ...string) (int, string, string) {
	in.t.Setenv("DOCATTR_HOME", in.home)
	return run(args...)
}

// importCLI runs "audit import" in this installation. It calls the
// subcommand directly so that it works before audit.go dispatches it.
func (in *installation) importCLI(args ...string) (int, string, string) {
	in.t.Setenv("DOCATTR_HOME", in.home)
	var out, errb bytes.Buffer
	s, _ := settings.Load()
	code := auditImport(&env{stdout: &out, stderr: &errb, settings: s}, args)
	return code, out.String(), errb.String()
}

func (in *installation) must(args ...string) string {
	in.t.Helper()
	code, stdout, errs := in.cli(args...)
	if code != 0 {
		in.t.Fatalf("%v: exit %d: %s", args, code, errs)
	}
	return stdout
}

// mark marks corpus drafts: each job is file, attribute and extra flags.
func (in *installation) mark(drafter string, jobs ...[]string) {
	in.t.Helper()
	for _, j := range jobs {
		out := filepath.Join(in.t.TempDir(), j[0])
		in.must(append([]string{"mark", corpus(in.t, j[0]), "--attr", j[1], "-o", out, "--actor", drafter}, j[2:]...)...)
	}
}

func (in *installation) export(name string) string {
	in.t.Helper()
	p := filepath.Join(in.home, name)
	in.must("audit", "export", "--format", "jsonl", "-o", p)
	return p
}

func TestImportLogsOfTwoInstallationsEndToEnd(t *testing.T) {
	a, b, c := newInstallation(t), newInstallation(t), newInstallation(t)
	withheld := []string{"--basis", "条例第十六条第二款", "--reason", "属于过程稿"}
	a.mark("甲起草人", []string{"000-plain.docx", "public"}, append([]string{"000-process.docx", "withheld"}, withheld...))
	b.mark("乙起草人", []string{"001-plain.docx", "public"},
		[]string{"001-pii.docx", "on-request", "--basis", "条例第十五条", "--reason", "含个人信息", "--accept-findings", "仅依申请提供"},
		[]string{"001-secret.docx", "withheld", "--basis", "条例第十四条", "--reason", "属于国家秘密"})
	c.mark("丙起草人", []string{"002-plain.docx", "public"})

	// A signs a checkpoint and exports; B exports without one.
	cpA := filepath.Join(a.home, "cp.json")
	a.must("audit", "checkpoint", "-o", cpA)
	keyA, err := keys.Load(a.home)
	if err != nil {
		t.Fatal(err)
	}
	expA, expB := a.export("a.jsonl"), b.export("b.jsonl")

	code, stdout, errs := c.importCLI(expA, "--checkpoint", cpA)
	if code != 0 || !strings.Contains(stdout, "检查点签名有效") || !strings.Contains(stdout, keyA.Fingerprint()) {
		t.Fatalf("import A: exit %d\n%s\n%s", code, stdout, errs)
	}
	if code, stdout, errs = c.importCLI("--source", "乙局", expB); code != 0 || !strings.Contains(stdout, "新增 3 条") {
		t.Fatalf("import B: exit %d\n%s\n%s", code, stdout, errs)
	}

	// Importing again adds nothing.
	if code, stdout, _ = c.importCLI("--source", "乙局", expB); code != 0 || !strings.Contains(stdout, "新增 0 条，已有 3 条") {
		t.Errorf("re-import: exit %d: %s", code, stdout)
	}

	// A tampered export is refused whole, bilingually, with a non-zero exit.
	data, _ := os.ReadFile(expB)
	bad := filepath.Join(t.TempDir(), "b-edited.jsonl")
	os.WriteFile(bad, bytes.Replace(data, []byte(`"attribute":"withheld"`), []byte(`"attribute":"public"`), 1), 0o600)
	code, _, errs = c.importCLI("--source", "乙局", bad)
	if code != ExitFailure || !strings.Contains(errs, "未通过校验") || !strings.Contains(errs, "failed verification") {
		t.Errorf("tampered: exit %d, stderr %q", code, errs)
	}

	// Its own log is not imported.
	if code, _, errs = c.importCLI("--source", "丙局", c.export("c.jsonl")); code != ExitFailure || !strings.Contains(errs, "本机审计日志") {
		t.Errorf("own export: exit %d, stderr %q", code, errs)
	}

	// The counts add up by 成文日期: A's two and B's three drafts are dated
	// 2018, C's own 2017; none was signed, so all are counted apart as 未签发.
	out := c.must("stats", "--year", "2018", "--format", "csv", "--include-imported")
	for _, want := range []string{
		"已签发文件数,0", "未签发文件数,5", "主动公开,2", "依申请公开,1", "不予公开,2",
		"日志来源," + min(keyA.Fingerprint(), "乙局") + "、" + max(keyA.Fingerprint(), "乙局"),
	} {
		if !strings.Contains(out, want+"\r\n") {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
	if out := c.must("stats", "--year", "2017", "--format", "csv"); !strings.Contains(out, "未签发文件数,1\r\n") {
		t.Errorf("without --include-imported:\n%s", out)
	}

	// The local log recorded each import that added events, and nothing else.
	imports := 0
	for _, e := range events(t, filepath.Join(c.home, "audit.db")) {
		if e.Type == ImportEventType {
			imports++
			if e.InputSHA256 == "" || e.Details["source"] == "" || e.Details["added"] == "0" {
				t.Errorf("import event %+v", e)
			}
		}
	}
	if imports != 2 {
		t.Errorf("%d import events, want 2", imports)
	}

	// audit list --include-imported shows every imported event with its source.
	t.Setenv("DOCATTR_HOME", c.home)
	var lo, le bytes.Buffer
	s, _ := settings.Load()
	if code := auditListImported(&env{stdout: &lo, stderr: &le, settings: s}, audit.Filter{Type: audit.TypeMark}, false); code != 0 {
		t.Fatalf("list: %s", le.String())
	}
	if !strings.Contains(lo.String(), "共 5 条") || !strings.Contains(lo.String(), "乙局") {
		t.Errorf("list:\n%s", lo.String())
	}
}

func TestImportCommandUsage(t *testing.T) {
	in := newInstallation(t)
	for _, args := range [][]string{{}, {"a.jsonl", "b.jsonl", "--checkpoint", "cp.json"}, {"a.jsonl", "--source", "a\tb"}} {
		if code, _, _ := in.importCLI(args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
	}
	// An export with no checkpoint event and no --source cannot be named.
	in.mark("某人", []string{"003-plain.docx", "public"})
	other := newInstallation(t)
	code, _, errs := other.importCLI(in.export("x.jsonl"))
	if code != ExitFailure || !strings.Contains(errs, "--source") {
		t.Errorf("unnamed source: exit %d, stderr %q", code, errs)
	}
}

// TestAuditImportIsWired: the subcommand and the list flag reach their code
// through the dispatcher, not only when called directly.
func TestAuditImportIsWired(t *testing.T) {
	db := filepath.Join(t.TempDir(), "audit.db")
	t.Setenv("DOCATTR_HOME", t.TempDir())
	var out, errb bytes.Buffer
	if code := Run([]string{"--db", db, "audit", "import"}, &out, &errb); code != ExitUsage {
		t.Errorf("audit import without files: exit %d, %s", code, errb.String())
	}
	out.Reset()
	if code := Run([]string{"--db", db, "audit", "list", "--include-imported"}, &out, &errb); code != ExitOK {
		t.Errorf("audit list --include-imported: exit %d, %s", code, errb.String())
	}
}
