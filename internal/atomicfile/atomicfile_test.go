package atomicfile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestCheckTarget(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.docx")
	db := filepath.Join(dir, "audit.db")
	os.WriteFile(in, []byte("x"), 0o644)
	os.WriteFile(db, []byte("x"), 0o600)
	link := filepath.Join(dir, "link.docx")
	os.Symlink(in, link)
	cases := []struct {
		name, out string
		want      error
	}{
		{"fine", filepath.Join(dir, "out.docx"), nil},
		{"the input", in, ErrSameFile},
		{"the input by another name", filepath.Join(dir, ".", "in.docx"), ErrSameFile},
		{"a link to the input", link, ErrSameFile},
		{"the audit log", db, ErrOutputPath},
		{"a folder", dir, ErrOutputPath},
		{"missing folder", filepath.Join(dir, "no", "out.docx"), ErrOutputPath},
		{"empty", "", ErrOutputPath},
	}
	for _, c := range cases {
		err := CheckTarget(in, c.out, db)
		if (c.want == nil) != (err == nil) || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("%s: got %v want %v", c.name, err, c.want)
		}
	}
}

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
