package audit

// Tests that need a second process: the file lock and kill -9 durability.

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/msg"
)

// The helper process: run by tests below as a child, selected by env.
const helperEnv = "DOCATTR_AUDIT_HELPER"

func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		t.Skip("helper process for other tests")
	}
	path := os.Getenv("DOCATTR_AUDIT_DB")
	l, err := Open(path, Options{Version: "child"})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	switch mode {
	case "hold": // keep the lock until stdin closes
		fmt.Println("ready")
		bufio.NewReader(os.Stdin).ReadString('\n')
	case "append": // append forever, printing each acknowledged seq
		for i := 0; ; i++ {
			evs, err := l.Append(sample("doc-"+strconv.Itoa(i%7), zhang, time.Time{}), Event{Type: TypeClean})
			if err != nil {
				fmt.Println("error", err)
				os.Exit(3)
			}
			fmt.Println(evs[1].Seq)
		}
	}
	l.Close()
	os.Exit(0)
}

func helper(t *testing.T, mode, path string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode, "DOCATTR_AUDIT_DB="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Process.Kill(); cmd.Wait() })
	return cmd, bufio.NewScanner(out)
}

func TestOpenWhileAnotherProcessHoldsTheLogFailsFast(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	_, out := helper(t, "hold", path)
	if !out.Scan() || out.Text() != "ready" {
		t.Fatalf("child did not start: %q", out.Text())
	}
	for _, ro := range []bool{false, true} {
		start := time.Now()
		_, err := Open(path, Options{Timeout: 100 * time.Millisecond, ReadOnly: ro})
		took := time.Since(start)
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("readOnly=%v: err = %v, want ErrLocked", ro, err)
		}
		var me *msg.Error
		if !errors.As(err, &me) || me.Zh != "审计日志正被另一个 docattr 程序使用，请关闭后重试" || me.En != "the audit log is in use by another docattr process" {
			t.Fatalf("message = %v", err)
		}
		if took > 2*time.Second { // well under DefaultTimeout: the option is honoured
			t.Fatalf("Open took %v with a 100ms timeout", took)
		}
	}
}

func TestKill9LosesNoAcknowledgedEvent(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "audit.db")
	cmd, out := helper(t, "append", path)
	var acked uint64
	for out.Scan() && acked < 60 {
		seq, err := strconv.ParseUint(out.Text(), 10, 64)
		if err != nil {
			t.Fatalf("child said %q", out.Text())
		}
		acked = seq
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	cmd.Wait()
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	h, _ := l.Head()
	if h.Seq < acked {
		t.Fatalf("head %d after kill, but the child acknowledged %d", h.Seq, acked)
	}
	for seq := uint64(1); seq <= acked; seq++ {
		if _, err := l.Get(seq); err != nil {
			t.Fatalf("acknowledged event %d: %v", seq, err)
		}
	}
	if h.Seq%2 != 0 {
		t.Fatalf("head %d is odd: half of a two-event Append survived", h.Seq)
	}
	rep, err := l.Verify()
	if err != nil || !rep.OK {
		t.Fatalf("verify after kill -9: %+v %v", rep, err)
	}
}
