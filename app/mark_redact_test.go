package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/digest"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/hostile"
	"github.com/docattr/docattr/internal/redact"
	"github.com/docattr/docattr/internal/scan"
)

func openPII(t *testing.T, u *ui) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "通知.docx")
	if err := os.WriteFile(in, hostile.PIIDraft(), 0o644); err != nil {
		t.Fatal(err)
	}
	u.open(in)
	if u.mark.cur == nil {
		t.Fatal("draft not opened")
	}
	return in
}

func personalLeft(t *testing.T, out string) []scan.Finding {
	t.Helper()
	d, err := docx.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	left, _ := redact.Remaining(d, redact.Options{})
	return left
}

// TestSuggestionRedactsMarksAndSavesInOneAction: 采用建议 on a draft with
// personal numbers chooses 遮盖后主动公开; one 标注并保存 masks, marks and
// saves a copy, the draft stays as it was.
func TestSuggestionRedactsMarksAndSavesInOneAction(t *testing.T) {
	u := newTestUI(t)
	in := openPII(t, u)
	before, _ := digest.File(in)
	if !strings.Contains(u.mark.suggest.Text, "建议遮盖") {
		t.Errorf("suggestion: %q", u.mark.suggest.Text)
	}
	u.mark.applySuggestion()
	f := u.mark.form
	if f.attributeID() != attr.Public || len(f.red.kinds) == 0 || !f.red.note.Visible() {
		t.Fatalf("采用建议: attribute %q, kinds %v", f.attributeID(), f.red.kinds)
	}
	if f.saveBtn.Disabled() {
		t.Fatalf("save disabled: %q", f.problems.Text)
	}
	out := filepath.Join(t.TempDir(), "通知-已标注.docx")
	u.mark.markTo(out)
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("mark: %+v", f.last)
	}
	if left := personalLeft(t, out); len(left) > 0 {
		t.Errorf("numbers left: %+v", left)
	}
	if after, _ := digest.File(in); after != before {
		t.Error("the draft changed")
	}
	if got := eventTypes(t, u.dbPath); len(got) != 1 || got[0] != audit.TypeMark {
		t.Errorf("events %v", got)
	}
	if f.last.Event.Details["masked"] == "" {
		t.Errorf("event details %v", f.last.Event.Details)
	}
	f.red.set(nil) // 不遮盖: public with personal numbers needs the acknowledgement again
	if !f.saveBtn.Disabled() {
		t.Error("public without masking is accepted")
	}
}

// TestRedactPickedFinding: 遮盖 on one finding of the list masks that
// number alone into a copy, with a redact event.
func TestRedactPickedFinding(t *testing.T) {
	u := newTestUI(t)
	openPII(t, u)
	id := -1
	for i, f := range u.mark.cur.report.Findings {
		if f.Kind == scan.KindMobile && f.Excerpt == "138****8000" {
			id = i
		}
	}
	if id < 0 {
		t.Fatal("no table mobile among the findings")
	}
	u.mark.findings.Select(id)
	r := u.mark.form.red
	if r.picked == nil || r.act.Disabled() {
		t.Fatal("selecting a number does not offer 遮盖")
	}
	out := filepath.Join(t.TempDir(), "通知-已遮盖.docx")
	r.redactTo(out, redact.Options{Kinds: []string{r.picked.Kind}, Only: []scan.Finding{*r.picked}})
	if r.lastErr != nil || r.last == nil || len(r.last.Items) != 1 {
		t.Fatalf("redact: %+v %v", r.last, r.lastErr)
	}
	if got := eventTypes(t, u.dbPath); len(got) != 1 || got[0] != audit.TypeRedact {
		t.Errorf("events %v", got)
	}
	if left := personalLeft(t, out); len(left) == 0 {
		t.Error("every number was masked, not only the picked one")
	}
}
