package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/settings"
)

// TestRecentListKeepsAbsolutePaths: a draft opened by a relative path is
// remembered by its absolute path, so the list works from another folder.
func TestRecentListKeepsAbsolutePaths(t *testing.T) {
	u := newTestUI(t)
	openDraft(t, u, "000-plain.docx") // corpus() gives a relative path
	if p := u.set.RecentFile[0]; !filepath.IsAbs(p) {
		t.Errorf("recent list holds %q, want an absolute path", p)
	}
}

func TestRecentMissingFileIsRemoved(t *testing.T) {
	u := newTestUI(t)
	gone := filepath.Join(t.TempDir(), "已删除.docx")
	src, err := os.ReadFile(corpus(t, "000-plain.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(gone, src, 0o600); err != nil {
		t.Fatal(err)
	}
	u.open(gone)
	os.Remove(gone)
	u.mark.recent.SetSelected(gone)
	if len(u.dialogKeys) != 1 {
		t.Fatal("opening a missing recent file showed no message")
	}
	for _, p := range u.set.RecentFile {
		if p == gone {
			t.Error("the missing file is still in the recent list")
		}
	}
	if saved, _ := settings.Load(); len(saved.RecentFile) > 0 && strings.Contains(strings.Join(saved.RecentFile, "|"), "已删除") {
		t.Error("the saved settings still list the missing file")
	}
	for _, o := range u.mark.recent.Options {
		if o == gone {
			t.Error("the recent menu still offers the missing file")
		}
	}
}
