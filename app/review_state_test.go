package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/docattr/docattr/internal/review"
)

// TestReviewStateNamesThePendingStep: where the settings put the 处室负责人
// before the secrecy review, a submitted document reads 待处室负责人审核 in
// the queue, the details pane and the result of the submit — never
// 待保密审查.
func TestReviewStateNamesThePendingStep(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())
	zhang := newInstall(t, a, "张三", "drafter")
	zhang.u.set.HeadReview = true
	inbox := t.TempDir()
	r := zhang.use()
	f := openDraft(t, zhang.u, "000-plain.docx")
	f.attribute.SetSelected("主动公开")
	zhang.u.mark.markTo(filepath.Join(inbox, "通知.docx"))
	if f.last == nil || f.last.Err != nil {
		t.Fatalf("marking failed: %+v", f.last)
	}
	r.setFolder(inbox)
	pick(t, r, "通知.docx")
	r.act(review.ActionSubmit)
	if r.last == nil || r.last.Waits != review.RoleHead {
		t.Fatalf("submit: %+v, %v", r.last, r.lastErr)
	}
	if text := overlayText(zhang.u); !strings.Contains(text, "已送审，待处室负责人审核") {
		t.Errorf("the submit's result does not name the head's step: %q", text)
	}
	if top := zhang.u.win.Canvas().Overlays().Top(); top != nil {
		top.Hide()
	}
	line, _ := pick(t, r, "通知-送审.docx")
	for _, text := range []string{line, r.state.Text} {
		if !strings.Contains(text, "已送审，待处室负责人审核") || strings.Contains(text, "待保密审查") {
			t.Errorf("shown as %q", text)
		}
	}
}
