package app

import (
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/internal/settings"
)

// overlayText joins the text of every label in the top overlay (a dialog).
func overlayText(u *ui) string {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range rendered(w) {
				walk(c)
			}
		}
	}
	walk(top)
	return b.String()
}

// rendered returns a widget's rendered children.
func rendered(w fyne.Widget) []fyne.CanvasObject {
	return w.CreateRenderer().Objects()
}

// TestSettingsRefuseHostileName: the engine's refusal reaches the settings
// screen; nothing is saved and nothing is logged.
func TestSettingsRefuseHostileName(t *testing.T) {
	u := newTestUI(t)
	s := u.prefs
	s.name.SetText("张三\u202e")
	s.save()
	if got := overlayText(u); !strings.Contains(got, "“姓名”中含有不可见的控制字符（U+202E），请删除后重试") {
		t.Errorf("dialog shows %q", got)
	}
	if saved, _ := settings.Load(); saved.Name == "张三\u202e" {
		t.Error("the name was saved")
	}
	if _, err := os.Stat(u.dbPath); err == nil {
		t.Error("an audit log was written")
	}
}
