package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestMarkFormRecordsClassification: the mark form's 定密 fields reach the
// record; a level set without them is named in the notes, as the CLI does.
func TestMarkFormRecordsClassification(t *testing.T) {
	u := newTestUI(t)
	u.set.Machine.Secret = true
	f := openDraft(t, u, "000-plain.docx")
	f.setAttribute("withheld")
	f.basis.SetSelected("条例第十四条")
	test.Type(f.reason, "依法确定为国家秘密")
	f.secrecy.SetSelected("秘密")
	f.validate()
	if !strings.Contains(f.notes.Text, "定密责任人") {
		t.Errorf("a level without its 定密 record is not named: %q", f.notes.Text)
	}
	f.classify.classifier.SetText("王五")
	f.classify.basis.SetText("保密事项范围第三项")
	f.classify.scope.SetText("班子成员")
	if strings.Contains(f.notes.Text, "定密责任人（") {
		t.Errorf("complete record still warned: %q", f.notes.Text)
	}
	u.mark.markTo(filepath.Join(t.TempDir(), "out.docx"))
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("mark: %+v", f.last)
	}
	if r := f.last.Record; r.Classifier != "王五" || r.SecrecyBasis != "保密事项范围第三项" || r.Scope != "班子成员" || r.DerivedFrom != "" {
		t.Errorf("record %+v", r)
	}
}
