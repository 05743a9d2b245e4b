package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestWindowSizeFitsLaptopScreen(t *testing.T) {
	a := test.NewTempApp(t)
	p := a.Preferences()
	if s := windowSize(p); s.Width > maxWinW || s.Height > maxWinH {
		t.Errorf("default size %v is larger than %dx%d", s, maxWinW, maxWinH)
	}
	rememberWindow(p, fyne.NewSize(1900, 1000), 0, 0, false)
	if s := windowSize(p); s.Width != maxWinW || s.Height != maxWinH {
		t.Errorf("a remembered 1900x1000 opens at %v, want clamped to %dx%d", s, maxWinW, maxWinH)
	}
	rememberWindow(p, fyne.NewSize(1000, 600), 0, 0, false)
	if s := windowSize(p); s.Width != 1000 || s.Height != 600 {
		t.Errorf("remembered 1000x600, opens at %v", s)
	}
}

// within reports whether o lies wholly inside the window's canvas.
func within(u *ui, o fyne.CanvasObject) bool {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	size, c := o.Size(), u.win.Canvas().Size()
	return o.Visible() && size.Height > 0 && pos.X >= 0 && pos.Y >= 0 && pos.X+size.Width <= c.Width && pos.Y+size.Height <= c.Height
}

func TestMarkFormFitsAt1366x700(t *testing.T) {
	u := newTestUI(t)
	u.win.SetPadded(false)
	u.win.Resize(fyne.NewSize(maxWinW, maxWinH))
	f := openDraft(t, u, "000-pii.docx")
	u.mark.applySuggestion()
	f.red.set(nil)                                   // 不遮盖: publish the numbers as they are
	f.setAttribute("public")                         // publishing a PII draft asks for the acknowledgement
	u.win.Resize(fyne.NewSize(maxWinW-1, maxWinH-1)) // lay out again with the acknowledgement shown
	u.win.Resize(fyne.NewSize(maxWinW, maxWinH))
	if !f.ackBox.Visible() {
		t.Fatal("publishing a PII draft does not ask for the acknowledgement")
	}
	for name, o := range map[string]fyne.CanvasObject{"标注并保存": f.saveBtn, "确认说明": f.ack, "red hint": f.problems} {
		if !within(u, o) {
			t.Errorf("%s is not within the 1366x700 window (at %v size %v)", name, fyne.CurrentApp().Driver().AbsolutePositionForObject(o), o.Size())
		}
	}
	// Every field of the form shows without scrolling its pane, also with
	// a basis and its article text shown.
	f.setAttribute("on-request")
	f.basis.SetSelected(f.basis.Options[0])
	u.win.Resize(fyne.NewSize(maxWinW-1, maxWinH-1))
	u.win.Resize(fyne.NewSize(maxWinW, maxWinH))
	d := fyne.CurrentApp().Driver()
	sc := u.mark.formScroll
	bottom := d.AbsolutePositionForObject(sc).Y + sc.Size().Height
	for name, o := range map[string]fyne.CanvasObject{"采用建议": u.mark.useSugg, "法律依据": f.basis, "理由": f.reason,
		"保密期限": f.period, "文件类型": f.docType, "解读材料": f.interp} {
		if y := d.AbsolutePositionForObject(o).Y + o.Size().Height; y > bottom {
			t.Errorf("%s ends at %v, below the form pane's visible bottom %v: it needs scrolling", name, y, bottom)
		}
	}
}

// TestWindowPositionIsRemembered: a position is remembered only once one
// was kept, 0,0 and positions left of or above the main screen included
// (placeWindow clamps them to a screen; winpos tests the clamping), and
// with the size in one preference value.
func TestWindowPositionIsRemembered(t *testing.T) {
	p := test.NewTempApp(t).Preferences()
	if _, _, _, _, placed := windowGeometry(p); placed {
		t.Fatal("a fresh installation has a remembered position; want the system's placement")
	}
	for _, c := range [][2]int{{0, 0}, {120, 40}, {-1800, -200}} {
		rememberWindow(p, fyne.NewSize(1000, 600), c[0], c[1], true)
		w, h, x, y, placed := windowGeometry(p)
		if !placed || x != c[0] || y != c[1] || w != 1000 || h != 600 {
			t.Errorf("remembered 1000x600 at %v, got %vx%v at %d,%d placed=%v", c, w, h, x, y, placed)
		}
	}
	rememberWindow(p, fyne.NewSize(1100, 650), 0, 0, false)
	if _, _, _, _, placed := windowGeometry(p); placed {
		t.Error("a window whose position cannot be read (Wayland) still has the old position")
	}
	// A size kept by an older version still opens at that size.
	q := test.NewTempApp(t).Preferences()
	q.SetFloat(prefWinW, 1100)
	q.SetFloat(prefWinH, 640)
	if s := windowSize(q); s.Width != 1100 || s.Height != 640 {
		t.Errorf("older keys 1100x640 open at %v", s)
	}
}
