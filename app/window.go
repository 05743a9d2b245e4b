package app

import (
	"fyne.io/fyne/v2"
)

// The window must fit the commonest office screen, 1366×768, with room for
// the task bar: it never opens taller than maxWinH or wider than maxWinW,
// whatever size was remembered.
const (
	maxWinW, maxWinH = 1366, 700
	defWinW, defWinH = 1280, 700
	minWinW, minWinH = 800, 500
)

// prefWindow is the remembered window: width and height (Fyne units),
// then, once known, x and y of its outer frame (screen pixels). It lives in
// the app's preferences (Fyne's store for this AppID), not settings.json:
// it is this desk's habit, not a decision the audit log cares about. It is
// one value because one write keeps it: Fyne writes the preferences file
// at the first change and defers changes within the next 100 ms, and its
// save at exit runs on a queue the process does not wait for, so a second
// key set on close is lost.
const prefWindow = "window.geometry"

// Keys of older versions, read when prefWindow is not there yet.
const (
	prefWinW = "window.width"
	prefWinH = "window.height"
)

// windowGeometry returns the remembered size (unclamped) and position.
func windowGeometry(p fyne.Preferences) (w, h float64, x, y int, placed bool) {
	g := p.FloatList(prefWindow)
	if len(g) < 2 {
		return p.FloatWithFallback(prefWinW, defWinW), p.FloatWithFallback(prefWinH, defWinH), 0, 0, false
	}
	if len(g) >= 4 {
		x, y, placed = int(g[2]), int(g[3]), true
	}
	return g[0], g[1], x, y, placed
}

// windowSize is the size to open at: the remembered one, clamped to what a
// 1366×768 screen shows, or the default.
func windowSize(p fyne.Preferences) fyne.Size {
	w, h, _, _, _ := windowGeometry(p)
	return fyne.NewSize(float32(clamp(w, minWinW, maxWinW)), float32(clamp(h, minWinH, maxWinH)))
}

// rememberWindow keeps the window's size and, when placed, its position
// for the next start. Fyne offers no way to place a window: window_pos.go
// reads and sets the position through the native window.
func rememberWindow(p fyne.Preferences, s fyne.Size, x, y int, placed bool) {
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	g := []float64{float64(s.Width), float64(s.Height)}
	if placed {
		g = append(g, float64(x), float64(y))
	}
	p.SetFloatList(prefWindow, g)
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(v, hi)) }

// sizeWindow opens w at the remembered size and remembers size and
// position on close.
func (u *ui) sizeWindow() {
	p := u.app.Preferences()
	u.win.Resize(windowSize(p))
	u.win.SetCloseIntercept(func() {
		x, y, placed := u.position()
		rememberWindow(p, u.win.Canvas().Size(), x, y, placed)
		u.win.Close()
	})
}
