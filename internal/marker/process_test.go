package marker_test

// kill -9 in the middle of marking: every acknowledged mark stays in the
// log with its output, the log verifies, and the next run leaves no
// temporary file. The marking runs in a child process (this test binary,
// selected by an environment variable), as in internal/audit.

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/marker"
)

const markHelperEnv = "DOCATTR_MARK_HELPER"

// TestMarkHelperProcess marks DOCATTR_IN into DOCATTR_OUT/NNN.docx for
// NNN from DOCATTR_FROM to DOCATTR_TO-1, printing "ack NNN seq sha output"
// after each acknowledged mark.
func TestMarkHelperProcess(t *testing.T) {
	if os.Getenv(markHelperEnv) == "" {
		t.Skip("helper process for TestKillDuringMarking")
	}
	if os.Getenv("DOCATTR_NAMED_TEMPS") == "1" {
		atomicfile.SetUnnamed(false)
	}
	from, _ := strconv.Atoi(os.Getenv("DOCATTR_FROM"))
	to, _ := strconv.Atoi(os.Getenv("DOCATTR_TO"))
	l, err := audit.Open(os.Getenv("DOCATTR_DB"), audit.Options{Version: "child", Timeout: 5 * time.Second})
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	for i := from; i < to; i++ {
		out := filepath.Join(os.Getenv("DOCATTR_OUT"), fmt.Sprintf("%03d.docx", i))
		r := marker.Mark(l, []marker.Job{{Input: os.Getenv("DOCATTR_IN"), Output: out}}, benchRequest(), nil)[0]
		if r.Err != nil {
			fmt.Println("error", r.Err)
			os.Exit(3)
		}
		fmt.Printf("ack %d %d %s %s\n", i, r.Event.Seq, r.Event.OutputSHA256, r.Output)
	}
	l.Close()
	fmt.Println("done")
	os.Exit(0)
}

type ack struct {
	seq       uint64
	sum, path string
}

// markChild runs the helper over [from, to); it is killed with SIGKILL
// killAfter after its first acknowledgement (never, if negative). It
// returns the acknowledgements it printed.
func markChild(t *testing.T, env []string, from, to int, named bool, killAfter time.Duration) map[int]ack {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestMarkHelperProcess$")
	cmd.Env = append(append(os.Environ(), env...), markHelperEnv+"=1",
		"DOCATTR_FROM="+strconv.Itoa(from), "DOCATTR_TO="+strconv.Itoa(to),
		"DOCATTR_NAMED_TEMPS="+map[bool]string{true: "1", false: "0"}[named])
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	acks := map[int]ack{}
	var timer <-chan time.Time
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				cmd.Wait()
				return acks
			}
			f := strings.Fields(line)
			switch {
			case len(f) == 5 && f[0] == "ack":
				i, _ := strconv.Atoi(f[1])
				seq, _ := strconv.ParseUint(f[2], 10, 64)
				acks[i] = ack{seq, f[3], f[4]}
				if timer == nil && killAfter >= 0 {
					timer = time.After(killAfter)
				}
			case strings.HasPrefix(line, "error"):
				cmd.Process.Kill()
				t.Fatalf("child: %s", line)
			}
		case <-timer:
			cmd.Process.Kill() // SIGKILL: no deferred cleanup runs
			timer = nil
		}
	}
}

func TestKillDuringMarking(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	src := filepath.Join(benchCorpus, "000-plain.docx")
	if _, err := os.Stat(src); err != nil {
		t.Skip("corpus not found")
	}
	dir := t.TempDir()
	in, out, db := filepath.Join(dir, "通知.docx"), filepath.Join(dir, "out"), filepath.Join(dir, "audit.db")
	data, _ := os.ReadFile(src)
	os.WriteFile(in, data, 0o644)
	os.Mkdir(out, 0o755)
	env := []string{"DOCATTR_HOME=" + filepath.Join(dir, "home"), "DOCATTR_DB=" + db, "DOCATTR_IN=" + in, "DOCATTR_OUT=" + out}

	const marks = 50
	acked := map[int]ack{}
	next, rounds := 0, 0
	for ; next < marks; rounds++ {
		round := rounds
		if round > 10*marks {
			t.Fatalf("no progress after %d rounds (%d marks acknowledged)", round, len(acked))
		}
		kill := time.Duration(rand.IntN(4000)) * time.Microsecond
		for i, a := range markChild(t, env, next, marks, round%2 == 1, kill) {
			acked[i] = a
			next = max(next, i+1)
		}
	}
	// The next run: one more mark, not killed, with named temporaries so
	// that it sweeps what the killed ones left.
	for i, a := range markChild(t, env, marks, marks+1, true, -1) {
		acked[i] = a
	}

	l, err := audit.Open(db, audit.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if r, err := l.Verify(); err != nil || !r.OK {
		t.Fatalf("audit verify after kill -9: %+v %v", r, err)
	}
	recorded := map[string]bool{} // output path → an event (not compensated) claims it
	l.List(audit.Filter{}, func(e audit.Event) error {
		if e.Type == audit.TypeMark {
			recorded[e.Details["output"]+" "+e.OutputSHA256] = true
		}
		return nil
	})
	for i, a := range acked {
		ev, err := l.Get(a.seq)
		if err != nil || ev.OutputSHA256 != a.sum || ev.Details["output"] != a.path {
			t.Errorf("mark %d (seq %d) not in the log as acknowledged: %+v %v", i, a.seq, ev, err)
		}
		if got, err := digest.File(a.path); err != nil || got != a.sum {
			t.Errorf("mark %d: output %s missing or different", i, a.path)
		}
	}
	ents, _ := os.ReadDir(out)
	for _, e := range ents {
		p := filepath.Join(out, e.Name())
		if atomicfile.IsTempName(e.Name()) || strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left after the next run: %s", e.Name())
			continue
		}
		if sum, _ := digest.File(p); !recorded[p+" "+sum] {
			t.Errorf("%s exists without its event", e.Name())
		}
	}
	t.Logf("%d rounds, %d marks acknowledged, %d files", rounds, len(acked), len(ents))
}
