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
	if b.planConfirm == nil {
		t.Fatal("the batch started without listing the files first")
	}
	b.planConfirm()
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

// TestBatchListsEveryFileBeforeStarting: the pre-listing names each draft
// with its findings in words, says which will be refused, and lists .doc
// and .odt files with what to do; nothing is written until it is confirmed.
func TestBatchListsEveryFileBeforeStarting(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	copyFile(t, corpus(t, "000-plain.docx"), filepath.Join(dir, "a.docx"))
	copyFile(t, corpus(t, "000-pii.docx"), filepath.Join(dir, "b.docx"))
	copyFile(t, corpus(t, "000-process.docx"), filepath.Join(dir, "c.docx"))
	copyFile(t, corpus(t, "002-plain.doc"), filepath.Join(dir, "d.doc"))
	copyFile(t, corpus(t, "004-secret.odt"), filepath.Join(dir, "e.odt"))
	b := u.batch
	b.setFolder(dir)
	if !strings.Contains(b.folder.Text, "3 份草稿") || !strings.Contains(b.folder.Text, "2 份") {
		t.Errorf("folder line %q does not count the skipped formats", b.folder.Text)
	}
	b.attribute.SetSelected("主动公开")
	b.run()
	text := b.planText
	for _, want := range []string{"a.docx：", "b.docx：须处理：身份证号 1 处", "将被拒绝", "c.docx：", "过程稿标识",
		"d.doc：不能处理，需用 Word/WPS 另存为 .docx", "e.odt：不能处理，需用 Word/WPS 另存为 .docx", "共 3 份草稿", "另有 2 份不是 .docx"} {
		if !strings.Contains(text, want) {
			t.Errorf("pre-listing lacks %q:\n%s", want, text)
		}
	}
	if internalCode.MatchString(text) {
		t.Errorf("pre-listing shows an internal code:\n%s", text)
	}
	if out, _ := filepath.Glob(filepath.Join(dir, "*已标注*")); len(out) != 0 || len(b.results) != 0 {
		t.Fatalf("files written before confirmation: %v", out)
	}
	b.planConfirm()
	if len(b.results) != 3 {
		t.Fatalf("%d results after confirming, want 3", len(b.results))
	}
	// The 征求意见稿 marked 主动公开 shows its warning in the results.
	var process *int
	for i, r := range b.results {
		if filepath.Base(r.Input) == "c.docx" {
			process = &i
		}
	}
	if process == nil || b.results[*process].Err != nil {
		t.Fatalf("process draft: %+v", b.results)
	}
	if r := b.results[*process]; resultWord(r) != "已标注，有提醒" || !strings.Contains(strings.Join(resultNotes(r), ""), "过程稿标识") {
		t.Errorf("process draft result %q notes %q", resultWord(r), resultNotes(r))
	}
	if !strings.Contains(b.status.Text, "带提醒") {
		t.Errorf("summary %q does not mention the warnings", b.status.Text)
	}
}

// TestBatchReplacesExistingOutputsOnlyWhenConfirmed: a second run asks;
// "另存新名称" keeps the first outputs byte for byte.
func TestBatchReplacesExistingOutputsOnlyWhenConfirmed(t *testing.T) {
	u := newTestUI(t)
	dir := t.TempDir()
	copyFile(t, corpus(t, "000-plain.docx"), filepath.Join(dir, "a.docx"))
	b := u.batch
	b.setFolder(dir)
	b.attribute.SetSelected("主动公开")
	b.run()
	b.planConfirm()
	out := filepath.Join(dir, "a-已标注.docx")
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	b.run()
	if !strings.Contains(b.planText, "1 个输出文件已存在") {
		t.Errorf("pre-listing %q does not warn of the existing output", b.planText)
	}
	b.planConfirm()
	if b.replaceAnswer == nil {
		t.Fatal("an existing output was about to be replaced without asking")
	}
	b.replaceAnswer(false)
	if again, _ := os.ReadFile(out); string(again) != string(first) {
		t.Error("the existing output changed although replacing was declined")
	}
	if b.results[0].Err != nil || b.results[0].Output == out {
		t.Errorf("declined replace wrote %q (%v), want a new name", b.results[0].Output, b.results[0].Err)
	}
	b.run()
	b.planConfirm()
	b.replaceAnswer(true)
	if b.results[0].Err != nil || b.results[0].Output != out {
		t.Errorf("confirmed replace wrote %q (%v), want %q", b.results[0].Output, b.results[0].Err, out)
	}
}

func TestIsMarkedCopyKnowsRenamedOutputs(t *testing.T) {
	for base, want := range map[string]bool{"通知-已标注": true, "通知-已标注(2)": true, "通知-已标注(x)": false,
		"通知": false, "通知(2)": false, "已标注的说明": false} {
		if got := isMarkedCopy(base); got != want {
			t.Errorf("isMarkedCopy(%q) = %v, want %v", base, got, want)
		}
	}
}
