package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
)

// foreignCheckpoint signs the current head of db with a key made in a
// folder of its own, as a colleague's installation would, and returns the
// checkpoint file and the key's public key file.
func foreignCheckpoint(t *testing.T, db string) (cp, pubFile string) {
	t.Helper()
	dir := t.TempDir()
	k, err := keys.LoadOrCreate(dir)
	if err != nil {
		t.Fatal(err)
	}
	l, err := audit.Open(db, audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	cp = filepath.Join(t.TempDir(), "cp.json")
	if _, err := audit.WriteCheckpoint(l, k, cp); err != nil {
		t.Fatal(err)
	}
	return cp, filepath.Join(dir, keys.PublicFile)
}

func TestVerifyCheckpointTrustsOnlyKnownKeys(t *testing.T) {
	db := auditSandbox(t)
	cp, pub := foreignCheckpoint(t, db)

	// An unknown key: refused, and the log is not called intact.
	code, out, errs := auditRun("--db", db, "audit", "verify", "--checkpoint", cp)
	if code != ExitFailure || !strings.Contains(errs, "既不是本机密钥，也不在密钥环中") || !strings.Contains(errs, "neither this installation's nor in the keyring") {
		t.Fatalf("unknown key: exit %d\n%s%s", code, out, errs)
	}
	if strings.Contains(out, "审计日志完好") || strings.Contains(out, "检查点有效") {
		t.Errorf("claims success for an unknown key:\n%s", out)
	}
	// The same key registered as a colleague's: accepted, naming them.
	if code, _, errs := auditRun("review", "keyring", "add", "张三", pub); code != ExitOK {
		t.Fatal(errs)
	}
	code, out, errs = auditRun("--db", db, "audit", "verify", "--checkpoint", cp)
	if code != ExitOK || !strings.Contains(out, "审计日志完好") || !strings.Contains(out, "检查点由 张三 的密钥签署") ||
		!strings.Contains(out, "signed by 张三's key") {
		t.Fatalf("keyring key: exit %d\n%s%s", code, out, errs)
	}
}

func TestVerifySaysIntactOnlyWhenEveryCheckPassed(t *testing.T) {
	db := auditSandbox(t)
	cp := filepath.Join(t.TempDir(), "cp.json")
	if code, _, errs := auditRun("--db", db, "audit", "checkpoint", "-o", cp); code != ExitOK {
		t.Fatal(errs)
	}
	code, out, _ := auditRun("--db", db, "audit", "verify", "--checkpoint", cp)
	if code != ExitOK || !strings.Contains(out, "审计日志完好") || !strings.Contains(out, "检查点由本机的密钥签署") {
		t.Fatalf("own checkpoint: exit %d\n%s", code, out)
	}
	cases := []struct {
		name   string
		cp     func() string
		stderr string
	}{
		{"rolled back log", func() string {
			other := filepath.Join(t.TempDir(), "old.db")
			l, _ := audit.Open(other, audit.Options{})
			l.Append(audit.Event{Type: audit.TypeMark})
			l.Close()
			db = other
			return cp
		}, "rolled back"},
		{"edited checkpoint", func() string {
			b, _ := os.ReadFile(cp)
			bad := filepath.Join(t.TempDir(), "bad.json")
			os.WriteFile(bad, []byte(strings.Replace(string(b), `"seq": 3`, `"seq": 2`, 1)), 0o644)
			return bad
		}, "检查点签名无效"},
		{"missing checkpoint", func() string { return filepath.Join(t.TempDir(), "none.json") }, "无法读取检查点文件"},
	}
	orig := db
	for _, c := range cases {
		db = orig
		path := c.cp()
		code, out, errs := auditRun("--db", db, "audit", "verify", "--checkpoint", path)
		if code != ExitFailure || !strings.Contains(errs, c.stderr) {
			t.Errorf("%s: exit %d: %s", c.name, code, errs)
		}
		if strings.Contains(out, "审计日志完好") || strings.Contains(out, "intact") {
			t.Errorf("%s: summary claims the log intact:\n%s", c.name, out)
		}
	}
}

func TestReplacedKeyFilesAreNoticedAndRecorded(t *testing.T) {
	db := auditSandbox(t)
	home := filepath.Dir(db)
	cp := filepath.Join(t.TempDir(), "cp.json")
	if code, _, errs := auditRun("--db", db, "audit", "checkpoint", "-o", cp); code != ExitOK {
		t.Fatal(errs)
	}
	old, _ := keys.Load(home)
	// Someone swaps both key files for a pair of their own.
	other := t.TempDir()
	mine, _ := keys.LoadOrCreate(other)
	for _, f := range []string{keys.PrivateFile, keys.PublicFile} {
		b, _ := os.ReadFile(filepath.Join(other, f))
		os.WriteFile(filepath.Join(home, f), b, 0o600)
	}
	// verify (read-only) warns.
	code, out, errs := auditRun("--db", db, "audit", "verify")
	if code != ExitOK || !strings.Contains(errs, "本机签名密钥已更换") || !strings.Contains(errs, old.Fingerprint()) {
		t.Fatalf("verify: exit %d\n%s%s", code, out, errs)
	}
	// The checkpoint they make now records the change first.
	cp2 := filepath.Join(t.TempDir(), "cp2.json")
	code, _, errs = auditRun("--db", db, "audit", "checkpoint", "-o", cp2)
	if code != ExitOK || !strings.Contains(errs, "本机签名密钥已更换") || !strings.Contains(errs, "recorded as event") {
		t.Fatalf("checkpoint: exit %d: %s", code, errs)
	}
	evs := events(t, db)
	var key *audit.Event
	for i := range evs {
		if evs[i].Type == audit.TypeKey {
			key = &evs[i]
		}
	}
	if key == nil || key.Details["change"] != audit.KeyReplaced || key.Details["previous_fingerprint"] != old.Fingerprint() ||
		key.Details["key_fingerprint"] != mine.Fingerprint() {
		t.Fatalf("key event %+v", key)
	}
	if evs[len(evs)-1].Type != audit.TypeCheckpoint || key.Seq != evs[len(evs)-1].Seq-1 {
		t.Errorf("the key event does not precede the checkpoint: %+v", evs)
	}
	// Recorded once; the log still verifies and no longer warns.
	code, _, errs = auditRun("--db", db, "audit", "verify")
	if code != ExitOK || strings.Contains(errs, "已更换") {
		t.Errorf("after recording: exit %d: %s", code, errs)
	}
	// The old checkpoint was signed by a key that is no longer this
	// installation's and is in no keyring: refused.
	if code, _, _ := auditRun("--db", db, "audit", "verify", "--checkpoint", cp); code != ExitFailure {
		t.Errorf("old checkpoint: exit %d", code)
	}
}

func TestDeletedKeyRecreatedIsAnAuditEvent(t *testing.T) {
	db := auditSandbox(t)
	home := filepath.Dir(db)
	if code, _, errs := auditRun("--db", db, "audit", "checkpoint", "-o", filepath.Join(t.TempDir(), "a.json")); code != ExitOK {
		t.Fatal(errs)
	}
	old, _ := keys.Load(home)
	os.Remove(filepath.Join(home, keys.PrivateFile))
	if code, _, errs := auditRun("--db", db, "audit", "checkpoint", "-o", filepath.Join(t.TempDir(), "b.json")); code != ExitOK {
		t.Fatal(errs)
	}
	evs := events(t, db)
	e := evs[len(evs)-2]
	if e.Type != audit.TypeKey || e.Details["change"] != audit.KeyCreated || e.Details["previous_fingerprint"] != old.Fingerprint() ||
		e.Details["previous_public_key"] != keys.EncodePublic(old.Public()) {
		t.Fatalf("event %+v", e)
	}
}

func TestRenewKeyIsRecordedAndSignedByTheOldKey(t *testing.T) {
	db := auditSandbox(t)
	home := filepath.Dir(db)
	if code, _, errs := auditRun("--db", db, "audit", "checkpoint", "-o", filepath.Join(t.TempDir(), "a.json")); code != ExitOK {
		t.Fatal(errs)
	}
	old, _ := keys.Load(home)
	code, out, errs := auditRun("--db", db, "audit", "renew-key")
	if code != ExitOK || !strings.Contains(out, "installation key renewed: "+old.Fingerprint()) {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	k, _ := keys.Load(home)
	evs := events(t, db)
	e := evs[len(evs)-1]
	if e.Type != audit.TypeKey || e.Details["change"] != audit.KeyRenewed || e.Details["key_fingerprint"] != k.Fingerprint() {
		t.Fatalf("event %+v", e)
	}
	sig, _ := keys.DecodeSignature(e.Details["previous_signature"])
	if !keys.Verify(old.Public(), audit.KeyChangeStatement(old.Fingerprint(), k.Public()), sig) {
		t.Error("the renewal is not signed by the old key")
	}
	// Nothing to warn about afterwards.
	if code, _, errs := auditRun("--db", db, "audit", "verify"); code != ExitOK || errs != "" {
		t.Errorf("verify after renewal: exit %d: %s", code, errs)
	}
}

func TestVerifyExportCheckpointTrustsOnlyKnownKeys(t *testing.T) {
	db := auditSandbox(t)
	cp, pub := foreignCheckpoint(t, db)
	export := filepath.Join(t.TempDir(), "log.jsonl")
	if code, _, errs := auditRun("--db", db, "audit", "export", "--format", "jsonl", "-o", export); code != ExitOK {
		t.Fatal(errs)
	}
	code, out, errs := auditRun("audit", "verify", "--export", export, "--checkpoint", cp)
	if code != ExitFailure || !strings.Contains(errs, "不在密钥环中") || strings.Contains(out, "完好") {
		t.Fatalf("unknown key: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := auditRun("review", "keyring", "add", "张三", pub); code != ExitOK {
		t.Fatal(errs)
	}
	code, out, errs = auditRun("audit", "verify", "--export", export, "--checkpoint", cp)
	if code != ExitOK || !strings.Contains(out, "导出文件完好") || !strings.Contains(out, "检查点由 张三 的密钥签署") {
		t.Fatalf("keyring key: exit %d\n%s%s", code, out, errs)
	}
}

// TestReviewKeyRecordsAKeyMadeWhileAnotherExisted: even a command that only
// shows the key records a key it had to make while installation.pub still
// named another, once.
func TestReviewKeyRecordsAKeyMadeWhileAnotherExisted(t *testing.T) {
	db := sandbox(t)
	home := filepath.Dir(db)
	if code, _, errs := run("review", "key"); code != ExitOK {
		t.Fatal(errs)
	}
	if _, err := os.Stat(db); err == nil && len(events(t, db)) != 0 {
		t.Fatal("the first key was recorded")
	}
	old, _ := keys.Load(home)
	os.Remove(filepath.Join(home, keys.PrivateFile))
	code, _, errs := run("review", "key")
	if code != ExitOK || !strings.Contains(errs, "本机签名密钥已更换") {
		t.Fatalf("exit %d: %s", code, errs)
	}
	run("review", "key")
	evs := events(t, db)
	if len(evs) != 1 || evs[0].Type != audit.TypeKey || evs[0].Details["change"] != audit.KeyCreated ||
		evs[0].Details["previous_fingerprint"] != old.Fingerprint() {
		t.Fatalf("events %+v", evs)
	}
}
