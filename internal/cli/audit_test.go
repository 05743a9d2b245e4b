package cli

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// auditSandbox gives the test its own data folder and a log with three
// events; it returns the log path.
func auditSandbox(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("DOCATTR_HOME", home)
	t.Setenv("DOCATTR_DB", "")
	db := filepath.Join(home, "audit.db")
	l, err := audit.Open(db, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cst := time.FixedZone("CST", 8*3600)
	zhang := settings.Actor{Name: "张三", OSUser: "zhang"}
	_, err = l.Append(
		audit.Event{Type: audit.TypeMark, Time: time.Date(2025, 3, 1, 9, 0, 0, 0, cst), Actor: zhang, DocID: "D1", File: "/x/a.docx", Attribute: "public"},
		audit.Event{Type: audit.TypeMark, Time: time.Date(2025, 3, 2, 9, 0, 0, 0, cst), Actor: settings.Actor{Name: "李四"}, DocID: "D2", Attribute: "withheld", Reason: "第十六条"},
		audit.Event{Type: audit.TypeReviewApprove, Time: time.Date(2025, 3, 3, 9, 0, 0, 0, cst), Actor: zhang, DocID: "D1"},
	)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func auditRun(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = Run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestAuditVerifyIntactAndTampered(t *testing.T) {
	db := auditSandbox(t)
	code, out, errOut := auditRun("--db", db, "audit", "verify")
	if code != ExitOK || !strings.Contains(out, "审计日志完好 / audit log intact: 3 events, head 3 ") {
		t.Fatalf("intact: code %d\n%s%s", code, out, errOut)
	}
	db2 := bolt.Options{}
	bdb, err := bolt.Open(db, 0o600, &db2)
	if err != nil {
		t.Fatal(err)
	}
	bdb.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte("events"))
		k := []byte{0, 0, 0, 0, 0, 0, 0, 2}
		v := bytes.Replace(bytes.Clone(b.Get(k)), []byte("withheld"), []byte("withhelD"), 1)
		return b.Put(k, v)
	})
	bdb.Close()
	code, out, errOut = auditRun("--db", db, "audit", "verify")
	if code != ExitFailure || !strings.Contains(errOut, "first bad event 2") || out != "" {
		t.Fatalf("tampered: code %d\nstdout %q\nstderr %s", code, out, errOut)
	}
}

func TestAuditVerifyMissingLogFails(t *testing.T) {
	auditSandbox(t)
	code, _, errOut := auditRun("--db", filepath.Join(t.TempDir(), "none.db"), "audit", "verify")
	if code != ExitFailure || !strings.Contains(errOut, "audit log does not exist") {
		t.Fatalf("code %d: %s", code, errOut)
	}
}

func TestAuditLockedLogFailsClearly(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the default lock timeout")
	}
	db := auditSandbox(t)
	holder, err := audit.Open(db, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	start := time.Now()
	code, _, errOut := auditRun("--db", db, "audit", "list")
	if code != ExitFailure || !strings.Contains(errOut, "审计日志正被另一个 docattr 程序使用") {
		t.Fatalf("code %d: %s", code, errOut)
	}
	if took := time.Since(start); took > audit.DefaultTimeout+5*time.Second {
		t.Fatalf("took %v", took)
	}
}

func TestAuditList(t *testing.T) {
	db := auditSandbox(t)
	tests := []struct {
		name    string
		args    []string
		want    []string // substrings of stdout
		notWant []string
	}{
		{"all", nil, []string{"序号", "a.docx", "D2", "共 3 条 / 3 events"}, nil},
		{"by doc", []string{"--doc", "D1"}, []string{"共 2 条"}, []string{"D2"}},
		{"by actor after positional-free flags", []string{"--actor", "李四"}, []string{"withheld", "共 1 条"}, []string{"D1"}},
		{"by days", []string{"--from", "2025-03-02", "--to", "2025-03-02"}, []string{"D2", "共 1 条"}, []string{"D1"}},
		{"by type", []string{"--type", "review.approve"}, []string{"review.approve", "共 1 条"}, []string{"withheld"}},
		{"limit", []string{"--limit", "1"}, []string{"共 1 条"}, []string{"D2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := auditRun(append([]string{"--db", db, "audit", "list"}, tt.args...)...)
			if code != ExitOK {
				t.Fatalf("code %d: %s", code, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("missing %q in\n%s", w, out)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(out, w) {
					t.Errorf("unexpected %q in\n%s", w, out)
				}
			}
		})
	}
}

func TestAuditListJSONIsAVerifiableExport(t *testing.T) {
	db := auditSandbox(t)
	code, out, errOut := auditRun("--db", db, "audit", "list", "--json", "--doc", "D1")
	if code != ExitOK {
		t.Fatalf("code %d: %s", code, errOut)
	}
	rep, err := audit.VerifyExportReader(strings.NewReader(out))
	if err != nil || !rep.OK || rep.Events != 2 {
		t.Fatalf("list --json output: %+v %v\n%s", rep, err, out)
	}
}

func TestAuditUsageErrors(t *testing.T) {
	db := auditSandbox(t)
	for _, args := range [][]string{
		{"audit"},
		{"audit", "frobnicate"},
		{"audit", "list", "--from", "2025/13/01"},
		{"audit", "list", "--from", "2025-03-05", "--to", "2025-03-01"},
		{"audit", "list", "extra"},
		{"audit", "export", "--format", "pdf", "-o", "x.pdf"},
		{"audit", "export", "--format", "csv"},
		{"audit", "checkpoint"},
	} {
		if code, _, errOut := auditRun(append([]string{"--db", db}, args...)...); code != ExitUsage {
			t.Errorf("%v: code %d, want %d (%s)", args, code, ExitUsage, errOut)
		}
	}
}

func TestAuditCheckpointThenVerify(t *testing.T) {
	db := auditSandbox(t)
	cp := filepath.Join(t.TempDir(), "cp.json")
	code, out, errOut := auditRun("--db", db, "audit", "checkpoint", "-o", cp)
	if code != ExitOK || !strings.Contains(out, "checkpoint written") || !strings.Contains(out, "event 3 ") {
		t.Fatalf("checkpoint: code %d\n%s%s", code, out, errOut)
	}
	if st, err := os.Stat(audit.ReceiptPath(cp)); err != nil || st.Size() == 0 || !strings.Contains(out, "printable receipt") {
		t.Fatalf("no printable receipt beside the checkpoint: %v\n%s", err, out)
	}
	code, out, errOut = auditRun("--db", db, "audit", "verify", "--checkpoint", cp)
	if code != ExitOK || !strings.Contains(out, "checkpoint valid: event 3") || !strings.Contains(out, "this installation") {
		t.Fatalf("verify --checkpoint: code %d\n%s%s", code, out, errOut)
	}
	// A log rolled back to before the checkpoint fails.
	other := filepath.Join(t.TempDir(), "old.db")
	l, _ := audit.Open(other, audit.Options{})
	l.Append(audit.Event{Type: audit.TypeMark})
	l.Close()
	code, _, errOut = auditRun("--db", other, "audit", "verify", "--checkpoint", cp)
	if code != ExitFailure || !strings.Contains(errOut, "truncated or rolled back") {
		t.Fatalf("rolled back: code %d: %s", code, errOut)
	}
}

func TestAuditExportFormats(t *testing.T) {
	db := auditSandbox(t)
	dir := t.TempDir()
	for i, format := range []string{"csv", "xlsx", "jsonl"} {
		path := filepath.Join(dir, "audit."+format)
		code, out, errOut := auditRun("--db", db, "audit", "export", "--format", format, "--actor", "张三", "-o", path)
		if code != ExitOK || !strings.Contains(out, "exported 2 events") {
			t.Fatalf("%s: code %d\n%s%s", format, code, out, errOut)
		}
		// Each export is itself recorded.
		if !strings.Contains(out, "recorded as event "+string(rune('4'+i))) {
			t.Fatalf("%s: export not recorded in order: %s", format, out)
		}
	}
	b, _ := os.ReadFile(filepath.Join(dir, "audit.csv"))
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\uFEFF")))).ReadAll()
	if err != nil || len(rows) != 3 || rows[0][0] != "序号" {
		t.Fatalf("csv rows = %v, %v", rows, err)
	}
	// Format from the extension when --format is left out.
	code, _, errOut := auditRun("--db", db, "audit", "export", "-o", filepath.Join(dir, "again.jsonl"))
	if code != ExitOK {
		t.Fatalf("export without --format: %s", errOut)
	}
	jl := filepath.Join(dir, "audit.jsonl")
	code, out, errOut := auditRun("audit", "verify", "--export", jl)
	if code != ExitOK || !strings.Contains(out, "export intact") || !strings.Contains(out, "gaps") {
		t.Fatalf("verify --export: code %d\n%s%s", code, out, errOut)
	}
	b, _ = os.ReadFile(jl)
	os.WriteFile(jl, bytes.Replace(b, []byte("a.docx"), []byte("b.docx"), 1), 0o600)
	code, _, errOut = auditRun("audit", "verify", "--export", jl)
	if code != ExitFailure || !strings.Contains(errOut, "line 1") {
		t.Fatalf("edited export: code %d: %s", code, errOut)
	}
}
