package app

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/clean"
	"github.com/docattr/docattr/internal/docx"
)

func TestCleanButtonWritesCleanedCopyWithEvent(t *testing.T) {
	u := newTestUI(t)
	in := filepath.Join("..", "..", "shared", "corpus", "poi", "comment.docx")
	if _, err := os.Stat(in); err != nil {
		t.Skip("corpus file comment.docx not available")
	}
	u.open(in)
	if u.mark.cur == nil {
		t.Fatal("comment.docx not opened")
	}
	out := filepath.Join(t.TempDir(), "comment-已清理.docx")
	u.mark.cleanTo(out, clean.Options{Comments: true, Metadata: true})
	if u.mark.lastCleanErr != nil || u.mark.lastClean == nil || u.mark.lastClean.Comments == 0 {
		t.Fatalf("clean: %+v, %v", u.mark.lastClean, u.mark.lastCleanErr)
	}
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	left := clean.Remaining(d, clean.Options{Comments: true, Metadata: true})
	d.Close()
	if len(left) > 0 {
		t.Errorf("hidden data left: %v", left)
	}
	if got := eventTypes(t, u.dbPath); len(got) != 1 || got[0] != audit.TypeClean {
		t.Errorf("log holds %v, want one clean event", got)
	}

	// the same file as output is refused with the engine's words
	u.mark.cleanTo(in, clean.All())
	if u.mark.lastCleanErr == nil {
		t.Error("cleaning over the original was not refused")
	}
}
