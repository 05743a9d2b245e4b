package app

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
)

// TestTabOrderFollowsTheForm: from 法律依据, Tab visits the form's fields
// top to bottom and reaches the acknowledgement and then 标注并保存.
func TestTabOrderFollowsTheForm(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(maxWinW, maxWinH))
	f := openDraft(t, u, "000-pii.docx")
	f.setAttribute("public")
	f.ack.SetText("已核对，号码为公开的办事电话和示例") // the button is enabled, so Tab can reach it
	if f.saveBtn.Disabled() {
		t.Fatalf("the form still refuses: %q", f.problems.Text)
	}
	c := u.win.Canvas()
	c.Focus(f.basis)
	var seen []fyne.Focusable
	for range 20 {
		c.FocusNext()
		seen = append(seen, c.Focused())
		if c.Focused() == fyne.Focusable(f.saveBtn) {
			break
		}
	}
	want := []fyne.Focusable{f.reason, f.reasons, f.secrecy, f.period}
	for i, w := range want {
		if i >= len(seen) || seen[i] != w {
			t.Fatalf("Tab order from 法律依据: %s, want %s first", names(seen), names(want))
		}
	}
	n := len(seen)
	if n < 2 || seen[n-1] != fyne.Focusable(f.saveBtn) || seen[n-2] != fyne.Focusable(f.ack) {
		t.Errorf("Tab does not reach 确认说明 and then 标注并保存: %s", names(seen))
	}
}

func names(list []fyne.Focusable) string {
	s := ""
	for _, o := range list {
		s += fmt.Sprintf("%T ", o)
	}
	return s
}
