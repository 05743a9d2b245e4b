package atomicfile

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteFileAtomic(t *testing.T) {
	p := filepath.Join(t.TempDir(), "s.json")
	if err := WriteFile(p, []byte("one"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(p)
	st, _ := os.Stat(p)
	if string(b) != "two" || st.Mode().Perm() != 0o600 {
		t.Errorf("content %q mode %v", b, st.Mode())
	}
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

func TestAbortRemovesTemp(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "x"))
	if err != nil {
		t.Fatal(err)
	}
	f.Write(make([]byte, writebackChunk+1))
	f.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left behind: %v", entries)
	}
}

// forEachMode runs a test with unnamed temporary files (where the system
// has them) and with the named fallback.
func forEachMode(t *testing.T, f func(t *testing.T)) {
	for _, unnamed := range []bool{true, false} {
		name := map[bool]string{true: "unnamed", false: "named"}[unnamed]
		t.Run(name, func(t *testing.T) {
			SetUnnamed(unnamed)
			defer SetUnnamed(true)
			f(t)
		})
	}
}

func TestCommitCreatesAndReplaces(t *testing.T) {
	forEachMode(t, func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "out.docx")
		for _, content := range []string{"first", "second"} { // create, then replace
			f, err := Create(p)
			if err != nil {
				t.Fatal(err)
			}
			f.Write([]byte(content))
			if err := f.Sync(); err != nil {
				t.Fatal(err)
			}
			if ents, _ := os.ReadDir(dir); len(ents) > 2 {
				t.Errorf("more than one temporary file: %v", ents)
			}
			if err := f.Commit(); err != nil {
				t.Fatal(err)
			}
			f.Abort() // harmless after Commit
			if b, _ := os.ReadFile(p); string(b) != content {
				t.Errorf("got %q want %q", b, content)
			}
		}
		if ents, _ := os.ReadDir(dir); len(ents) != 1 {
			t.Errorf("left behind: %v", ents)
		}
	})
}

func TestUnnamedTempHasNoName(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "x"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	ents, _ := os.ReadDir(dir)
	if f.unnamed && len(ents) != 0 {
		t.Errorf("unnamed temporary file is visible: %v", ents)
	}
	if !f.unnamed && len(ents) != 1 {
		t.Errorf("named temporary file: %v", ents)
	}
}

func TestSweepRemovesOnlyOurStaleTemps(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, old, old)
		return p
	}
	SetUnnamed(false)
	defer SetUnnamed(true)
	live, err := Create(filepath.Join(dir, "busy.docx")) // a live writer's temp
	if err != nil {
		t.Fatal(err)
	}
	defer live.Abort()
	live.Write([]byte("being written"))
	stale := write(".docattr-0123456789abcdef.tmp", "left by a crash")
	keep := []string{
		write(".docattr-0123456789abcdeg.tmp", "not hex: not ours"),
		write(".docattr-0123456789abcdef.tmp.docx", "not ours"),
		write(".通知.docx.123456.tmp", "another program's"),
		write("通知.docx", "a user's file"),
	}
	os.Chtimes(live.name, old, old)
	if n := Sweep(dir); n != 1 {
		t.Errorf("removed %d files, want 1", n)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Error("stale temporary file kept")
	}
	for _, p := range append(keep, live.name) {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed", filepath.Base(p))
		}
	}
}
