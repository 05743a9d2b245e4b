package clean

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/settings"
)

func flowLog(t *testing.T) *audit.Log {
	t.Helper()
	l, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

func poi(t *testing.T, name string) string {
	t.Helper()
	p, _ := filepath.Abs(filepath.Join(poiDir, name))
	if _, err := os.Stat(p); err != nil {
		t.Skipf("corpus file %s not available", name)
	}
	return p
}

var clerk = settings.Actor{Name: "王五", OSUser: "wang", Machine: "pc-1"}

func TestRunWritesCleanedFileAfterItsEvent(t *testing.T) {
	l := flowLog(t)
	in := poi(t, "comment.docx")
	before, _ := digest.File(in)
	out := filepath.Join(t.TempDir(), "已清理.docx")
	res, err := Run(l, in, out, Options{Comments: true}, clerk, "9.9")
	if err != nil {
		t.Fatal(err)
	}
	if res.Comments == 0 || len(res.Removed) == 0 {
		t.Errorf("nothing reported removed: %+v", res)
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	left := Remaining(d, Options{Comments: true})
	d.Close()
	if len(left) > 0 {
		t.Errorf("comments left: %v", left)
	}
	if after, _ := digest.File(in); after != before {
		t.Error("the input was modified")
	}
	got, err := l.Get(res.Event.Seq)
	if err != nil {
		t.Fatal(err)
	}
	outHash, _ := digest.File(out)
	if got.Type != audit.TypeClean || got.Actor != clerk || got.Version != "9.9" || got.OutputSHA256 != outHash ||
		got.InputSHA256 != before || got.Details["options"] != "comments" || got.File != "comment.docx" {
		t.Errorf("event %+v", got)
	}
}

func TestRunRefusesWithoutWritingOrLogging(t *testing.T) {
	l := flowLog(t)
	in := poi(t, "comment.docx")
	dir := t.TempDir()
	link := filepath.Join(dir, "link.docx")
	if err := os.Symlink(in, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		in, out  string
		wantKind error
	}{
		{"output is the input", in, in, ErrSameFile},
		{"output is a link to the input", in, link, ErrSameFile},
		{"input is not a package", filepath.Join(dir, "missing.docx"), filepath.Join(dir, "a.docx"), nil},
		{"output folder missing", in, filepath.Join(dir, "nope", "b.docx"), nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Run(l, tc.in, tc.out, All(), clerk, "")
			if err == nil {
				t.Fatal("not refused")
			}
			if tc.wantKind != nil && !errors.Is(err, tc.wantKind) {
				t.Errorf("error %v, want kind %v", err, tc.wantKind)
			}
		})
	}
	if n, _ := l.Count(audit.Filter{}); n != 0 {
		t.Errorf("%d events recorded for refused runs", n)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*.tmp")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
