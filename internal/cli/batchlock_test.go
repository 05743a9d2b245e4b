package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/audit"
)

// The helper process: runs one docattr command line (arguments separated
// by 0x1f in the variable) as a child, as a second docattr process would.
const cliHelperEnv = "DOCATTR_CLI_HELPER"

func TestCLIHelperProcess(t *testing.T) {
	args := os.Getenv(cliHelperEnv)
	if args == "" {
		t.Skip("helper process for other tests")
	}
	os.Exit(Run(strings.Split(args, "\x1f"), os.Stdout, os.Stderr))
}

// A long `docattr mark` batch in another process leaves the audit log
// usable: the app (here: this process) opens, verifies and lists it while
// the batch runs, never waiting for the batch to end, and sees the batch's
// events land chunk by chunk.
func TestLogIsUsableWhileAnotherProcessRunsABatch(t *testing.T) {
	db := sandbox(t)
	src, err := os.ReadFile(corpus(t, "000-plain.docx"))
	if err != nil {
		t.Fatal(err)
	}
	const n = 200 // several chunks of the marker's 64
	in, outDir := t.TempDir(), t.TempDir()
	args := []string{"--db", db, "mark", "--attr", "public", "--out-dir", outDir}
	for i := range n {
		p := filepath.Join(in, fmt.Sprintf("draft-%03d.docx", i))
		if err := os.WriteFile(p, src, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, p)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestCLIHelperProcess$")
	cmd.Env = append(os.Environ(), cliHelperEnv+"="+strings.Join(args, "\x1f"))
	var childErr strings.Builder
	cmd.Stderr = &childErr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill(); <-done })

	var during []int // events seen by reads that ended before the batch did
	for running := true; running; {
		select {
		case err := <-done:
			done <- err
			running = false
			continue
		case <-time.After(20 * time.Millisecond):
		}
		l, err := audit.Open(db, audit.Options{ReadOnly: true, Timeout: 2 * time.Second})
		if errors.Is(err, audit.ErrNotFound) {
			continue // the batch has not created the log yet
		}
		if err != nil {
			t.Fatalf("the log could not be opened while the batch ran: %v", err)
		}
		r, err := l.Verify()
		listed := 0
		if err == nil {
			err = l.List(audit.Filter{Type: audit.TypeMark}, func(audit.Event) error { listed++; return nil })
		}
		l.Close()
		if err != nil || !r.OK || listed != r.Events {
			t.Fatalf("while the batch ran: verify %+v, listed %d, %v", r, listed, err)
		}
		select {
		case err := <-done:
			done <- err
			running = false // this read may have overlapped the end: not counted
		default:
			during = append(during, r.Events)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("batch: %v\n%s", err, childErr.String())
	}
	done <- nil
	if got := len(events(t, db)); got != n {
		t.Fatalf("the batch recorded %d events, want %d", got, n)
	}
	partial := false
	for _, k := range during {
		partial = partial || 0 < k && k < n
	}
	if !partial {
		t.Errorf("no read saw the batch half done (events seen during the batch: %v)", during)
	}
}
