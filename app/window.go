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

// Preference keys of the remembered window size. They live in the app's
// preferences (Fyne's store for this AppID), not settings.json: the size is
// this desk's habit, not a decision the audit log cares about.
const (
	prefWinW = "window.width"
	prefWinH = "window.height"
)

// windowSize is the size to open at: the remembered one, clamped to what a
// 1366×768 screen shows, or the default.
func windowSize(p fyne.Preferences) fyne.Size {
	w := p.FloatWithFallback(prefWinW, defWinW)
	h := p.FloatWithFallback(prefWinH, defWinH)
	return fyne.NewSize(float32(clamp(w, minWinW, maxWinW)), float32(clamp(h, minWinH, maxWinH)))
}

// rememberWindowSize keeps the window's size for the next start. Fyne
// offers no way to place a window, so the position is the system's choice.
func rememberWindowSize(p fyne.Preferences, s fyne.Size) {
	if s.Width <= 0 || s.Height <= 0 {
		return
	}
	p.SetFloat(prefWinW, float64(s.Width))
	p.SetFloat(prefWinH, float64(s.Height))
}

func clamp(v, lo, hi float64) float64 { return max(lo, min(v, hi)) }

// sizeWindow opens w at the remembered size and remembers it on close.
func (u *ui) sizeWindow() {
	p := u.app.Preferences()
	u.win.Resize(windowSize(p))
	u.win.SetCloseIntercept(func() {
		rememberWindowSize(p, u.win.Canvas().Size())
		u.win.Close()
	})
}
