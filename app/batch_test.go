package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
}

func TestBatchMarksCleanDraftsAndRefusesBlocked(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	copyFile(t, corpus(t, "000-plain.docx"), filepath.Join(dir, "a.docx"))
	copyFile(t, corpus(t, "000-pii.docx"), filepath.Join(dir, "b.docx"))
	os.WriteFile(filepath.Join(dir, "~$a.docx"), []byte("lock"), 0o600)
	b := u.batch
	b.setFolder(dir)
	b.attribute.SetSelected("主动公开")
	b.run()
	if len(b.results) != 2 {
		t.Fatalf("%d results, want 2 (the ~$ lock file is skipped)", len(b.results))
	}
	if b.results[0].Err != nil {
		t.Errorf("plain draft refused: %v", b.results[0].Err)
	}
	if b.results[1].Err == nil {
		t.Error("draft with personal data marked 主动公开 without acknowledgement")
	}
	if !strings.Contains(b.status.Text, "已标注 1 份，拒绝 1 份") {
		t.Errorf("summary %q", b.status.Text)
	}
	if _, err := os.Stat(filepath.Join(dir, "a-已标注.docx")); err != nil {
		t.Errorf("marked copy missing: %v", err)
	}
	// A second run skips the marked copy and marks a again under the same name.
	files, _ := drafts(dir)
	if len(files) != 2 {
		t.Errorf("drafts after marking = %v", files)
	}
}

func TestDroppedFileOpensLikeAnyOtherDoor(t *testing.T) {
	u := newTestUI(t)
	p, _ := filepath.Abs(corpus(t, "000-plain.docx"))
	u.tabs.SelectIndex(3)
	u.dropped(fyne.NewPos(10, 10), []fyne.URI{storage.NewFileURI(p)})
	if u.tabs.SelectedIndex() != 0 || u.mark.cur == nil || u.mark.cur.path != p {
		t.Fatalf("drop did not open the draft on the 标注 tab (tab %d)", u.tabs.SelectedIndex())
	}
}

func TestEnglishTranslatesMainButtons(t *testing.T) {
	lang = "en"
	defer func() { lang = "zh" }()
	if tr("标注并保存") != "Mark and save" || tr("未翻译") != "未翻译" {
		t.Error("translation map not applied")
	}
}
