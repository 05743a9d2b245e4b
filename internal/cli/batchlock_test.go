package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/audit"
)

// The helper process: runs the docattr command line that follows "--" in
// its arguments as a child, as a second docattr process would. The
// arguments go on the command line, not in a variable: a batch of 10,000
// names is far more than one environment string may hold.
const cliHelperEnv = "DOCATTR_CLI_HELPER"

func TestCLIHelperProcess(t *testing.T) {
	if os.Getenv(cliHelperEnv) == "" {
		t.Skip("helper process for other tests")
	}
	args := os.Args
	for len(args) > 0 && args[0] != "--" {
		args = args[1:]
	}
	if len(args) == 0 {
		os.Exit(2)
	}
	os.Exit(Run(args[1:], os.Stdout, os.Stderr))
}

// batchFiles is the size of the batch below: 200 in the tests, and what
// DOCATTR_BATCH_FILES says when make bench runs it at 10,000 (issue 16).
func batchFiles(t *testing.T) int {
	n := 200 // several chunks of the marker's 64
	if v := os.Getenv("DOCATTR_BATCH_FILES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 {
			t.Fatalf("DOCATTR_BATCH_FILES=%q", v)
		}
	}
	return n
}

// A long `docattr mark` batch in another process leaves the audit log
// usable: the app (here: this process) opens, verifies and lists it while
// the batch runs, never waiting for the batch to end, and sees the batch's
// events land chunk by chunk. It logs how many reads ran during the batch
// and the longest of them, a line make bench reports.
func TestLogIsUsableWhileAnotherProcessRunsABatch(t *testing.T) {
	db := sandbox(t)
	src, err := os.ReadFile(corpus(t, "000-plain.docx"))
	if err != nil {
		t.Fatal(err)
	}
	n := batchFiles(t)
	in, outDir := t.TempDir(), t.TempDir()
	args := []string{"--db", db, "mark", "--attr", "public", "--out-dir", outDir}
	for i := range n {
		name := fmt.Sprintf("d%05d.docx", i) // short: 10,000 of them go on one command line
		if err := os.WriteFile(filepath.Join(in, name), src, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, name)
	}
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestCLIHelperProcess$", "--"}, args...)...)
	cmd.Dir = in
	cmd.Env = append(os.Environ(), cliHelperEnv+"=1")
	var childErr strings.Builder
	cmd.Stderr = &childErr
	began := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	t.Cleanup(func() { cmd.Process.Kill(); <-done })

	var during []int // events seen by reads that ended before the batch did
	var longest time.Duration
	for running := true; running; {
		select {
		case err := <-done:
			done <- err
			running = false
			continue
		case <-time.After(20 * time.Millisecond):
		}
		readStart := time.Now()
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
		took := time.Since(readStart)
		if err != nil || !r.OK || listed != r.Events {
			t.Fatalf("while the batch ran: verify %+v, listed %d, %v", r, listed, err)
		}
		select {
		case err := <-done:
			done <- err
			running = false // this read may have overlapped the end: not counted
		default:
			during = append(during, r.Events)
			longest = max(longest, took)
		}
	}
	err = <-done
	done <- err // the cleanup waits on it: a failed batch must not hang the test
	if err != nil {
		t.Fatalf("batch: %v\n%s", err, childErr.String())
	}
	batch := time.Since(began)
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
	t.Logf("batch of %d files: %d ms; reads during it: %d; longest read: %d ms",
		n, batch.Milliseconds(), len(during), longest.Milliseconds())
}
