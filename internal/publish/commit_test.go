package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/docattr/docattr/internal/atomicfile"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
)

const corpusFile = "../../../shared/corpus/gongwen/000-plain.docx"

func corpusBytes(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(corpusFile)
	if err != nil {
		t.Skip("corpus not found")
	}
	return b
}

func finished(t *testing.T, path string, data []byte) (*Output, string) {
	t.Helper()
	out, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := out.Write(data); err != nil {
		t.Fatal(err)
	}
	sum, err := out.Finish()
	if err != nil {
		t.Fatal(err)
	}
	return out, sum
}

func allEvents(t *testing.T, log *audit.Log) []audit.Event {
	t.Helper()
	var evs []audit.Event
	if err := log.List(audit.Filter{}, func(e audit.Event) error { evs = append(evs, e); return nil }); err != nil {
		t.Fatal(err)
	}
	if r, err := log.Verify(); err != nil || !r.OK {
		t.Fatalf("audit verify: %+v %v", r, err)
	}
	return evs
}

func noTemps(t *testing.T, dir string) {
	t.Helper()
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		if atomicfile.IsTempName(e.Name()) {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestCommitPublishesAfterTheEvent(t *testing.T) {
	for _, unnamed := range []bool{true, false} {
		t.Run(map[bool]string{true: "unnamed", false: "named"}[unnamed], func(t *testing.T) {
			atomicfile.SetUnnamed(unnamed)
			defer atomicfile.SetUnnamed(true)
			_, log := installation(t)
			data := corpusBytes(t)
			dir := t.TempDir()
			path := filepath.Join(dir, "通知-已标注.docx")
			os.WriteFile(path, []byte("older copy"), 0o644) // replaced: the guard allowed it
			out, sum := finished(t, path, data)
			ev, err := Commit(log, out, audit.Event{Type: audit.TypeMark, File: "通知.docx", OutputSHA256: sum})
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := digest.File(path); got != sum || sum != digest.Bytes(data) || ev.Seq != 1 {
				t.Errorf("published %s, event %d says %s", got, ev.Seq, sum)
			}
			noTemps(t, dir)
		})
	}
}

// On Windows a file open in Word cannot be replaced: the probe must say
// so before any event is recorded.
func TestOutputInUseRecordsNothing(t *testing.T) {
	_, log := installation(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "通知-已标注.docx")
	os.WriteFile(path, []byte("open in Word"), 0o644)
	replaceable = func(p string) error {
		if p == path {
			return errors.New("sharing violation")
		}
		return nil
	}
	defer func() { replaceable = canReplace }()
	out, sum := finished(t, path, corpusBytes(t))
	other, _ := finished(t, filepath.Join(dir, "other.docx"), []byte("fine"))
	res := CommitAll(log, []Item{
		{out, audit.Event{Type: audit.TypeMark, File: "通知.docx", OutputSHA256: sum}},
		{other, audit.Event{Type: audit.TypeMark, File: "other.docx"}},
	})
	if !errors.Is(res[0].Err, ErrInUse) || res[0].Event.Seq != 0 {
		t.Errorf("in use: %+v", res[0])
	}
	if res[1].Err != nil || res[1].Event.Seq != 1 {
		t.Errorf("the other output: %+v", res[1])
	}
	if b, _ := os.ReadFile(path); string(b) != "open in Word" {
		t.Error("the open file was replaced")
	}
	if evs := allEvents(t, log); len(evs) != 1 || evs[0].File != "other.docx" {
		t.Errorf("events: %+v", evs)
	}
	noTemps(t, dir)
}

// A rename that fails after the event committed is compensated by a
// publish.failed event naming it; no temporary file is left.
func TestRenameFailureIsRecorded(t *testing.T) {
	for _, unnamed := range []bool{true, false} {
		t.Run(map[bool]string{true: "unnamed", false: "named"}[unnamed], func(t *testing.T) {
			atomicfile.SetUnnamed(unnamed)
			defer atomicfile.SetUnnamed(true)
			_, log := installation(t)
			dir := t.TempDir()
			path := filepath.Join(dir, "通知-已标注.docx")
			out, sum := finished(t, path, corpusBytes(t))
			// The destination turns into a folder with a file in it after
			// the checks: no rename can replace that.
			os.MkdirAll(filepath.Join(path, "x"), 0o755)
			ev, err := Commit(log, out, audit.Event{Type: audit.TypeClean, DocID: "d1", File: "通知.docx", OutputSHA256: sum})
			if !errors.Is(err, ErrNotPublished) {
				t.Fatalf("got %v, want ErrNotPublished", err)
			}
			evs := allEvents(t, log)
			if len(evs) != 2 {
				t.Fatalf("events: %+v", evs)
			}
			f := evs[1]
			if f.Type != audit.TypePublishFailed || f.Details["failed_seq"] != strconv.FormatUint(ev.Seq, 10) ||
				f.Details["failed_hash"] != evs[0].Hash || f.Details["failed_type"] != audit.TypeClean ||
				f.Details["output"] != path || f.Reason == "" || f.DocID != "d1" {
				t.Errorf("compensating event: %+v", f)
			}
			if st, _ := os.Stat(path); st == nil || !st.IsDir() {
				t.Error("destination changed")
			}
			noTemps(t, dir)
		})
	}
}

func TestAbortLeavesNothing(t *testing.T) {
	for _, unnamed := range []bool{true, false} {
		atomicfile.SetUnnamed(unnamed)
		dir := t.TempDir()
		out, _ := finished(t, filepath.Join(dir, "x.docx"), []byte("draft"))
		out.Abort()
		if ents, _ := os.ReadDir(dir); len(ents) != 0 {
			t.Errorf("unnamed=%v: left %v", unnamed, ents)
		}
	}
	atomicfile.SetUnnamed(true)
}
