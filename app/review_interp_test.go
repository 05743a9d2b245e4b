package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/review"
)

// TestEmbeddedInterpretationOpensOnAnotherInstallation: the drafter ticks
// 随文件附带解读材料; the reviewer on another installation opens it from the
// review screen, byte for byte the file the drafter chose.
func TestEmbeddedInterpretationOpensOnAnotherInstallation(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	src := corpus(t, "000-plain.docx")
	zhang := newInstall(t, a, "张三", "drafter")
	li := newInstall(t, a, "李四", "secrecy")
	zpub := zhang.pubFile()
	li.use()
	if _, err := li.u.review.importKey("张三", zpub); err != nil {
		t.Fatal(err)
	}
	material := filepath.Join(t.TempDir(), "解读.pdf")
	want := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte{0, 0xff, 'x', '\n'}, 5000)...)
	if err := os.WriteFile(material, want, 0o600); err != nil {
		t.Fatal(err)
	}
	inbox := t.TempDir()

	r := zhang.use()
	f := openDraft(t, zhang.u, filepath.Base(src))
	f.attribute.SetSelected("主动公开")
	f.docType.SetSelected("政策性文件")
	f.embed.check.SetChecked(true)
	if err := f.chooseInterpretation(material); err != nil {
		t.Fatal(err)
	}
	zhang.u.mark.markTo(filepath.Join(inbox, "通知.docx"))
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("marking failed: %+v", f.last)
	}
	r.setFolder(inbox)
	pick(t, r, "通知.docx")
	r.act(review.ActionSubmit)
	if r.last == nil {
		t.Fatalf("submit: %v", r.lastErr)
	}
	r.u.win.Canvas().Overlays().Top().Hide()

	var opened string
	openInterpFile = func(p string) { opened = p }
	t.Cleanup(func() { openInterpFile = openDocument })
	r = li.use()
	r.setFolder(inbox)
	pick(t, r, "通知-送审.docx")
	if r.interpBtn.Hidden {
		t.Fatal("the review screen offers no 解读材料")
	}
	test.Tap(r.interpBtn)
	if opened == "" || filepath.Base(opened) != "解读.pdf" {
		t.Fatalf("opened %q", opened)
	}
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(opened)) })
	got, err := os.ReadFile(opened)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("extracted material differs (%d bytes, %v)", len(got), err)
	}
	// the trail covers it: the embedded part counts in the content digest
	d, err := docx.Open(filepath.Join(inbox, "通知-送审.docx"))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if !d.HasInterpretation() {
		t.Error("no embedded part")
	}
}
