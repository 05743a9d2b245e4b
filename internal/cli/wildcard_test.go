package cli

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestExpandWildcards(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.docx", "a.docx", "c.txt", "通知1.docx", "通知2.docx"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	p := func(n string) string { return filepath.Join(dir, n) }
	for _, tc := range []struct {
		name, goos string
		in, want   []string
	}{
		{"star", "windows", []string{p("*.docx")}, []string{p("a.docx"), p("b.docx"), p("通知1.docx"), p("通知2.docx")}},
		{"question mark", "windows", []string{p("通知?.docx")}, []string{p("通知1.docx"), p("通知2.docx")}},
		{"plain names kept in order", "windows", []string{p("c.txt"), p("a.docx")}, []string{p("c.txt"), p("a.docx")}},
		{"no match stays as typed", "windows", []string{p("*.xlsx")}, []string{p("*.xlsx")}},
		{"bad pattern stays as typed", "windows", []string{p("[*.docx")}, []string{p("[*.docx")}},
		{"mixed", "windows", []string{p("*.txt"), p("b.docx")}, []string{p("c.txt"), p("b.docx")}},
		{"unix shells expand themselves", "linux", []string{p("*.docx")}, []string{p("*.docx")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := expandFor(tc.goos, tc.in); !slices.Equal(got, tc.want) {
				t.Errorf("expandFor(%q, %q) = %q, want %q", tc.goos, tc.in, got, tc.want)
			}
		})
	}
}
