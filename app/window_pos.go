package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"

	"github.com/docattr/docattr/app/winpos"
)

// nativeHandle is the X11 window id or Windows HWND of w; 0 where there is
// none (Wayland, macOS, the test driver).
func nativeHandle(w fyne.Window) uintptr {
	var h uintptr
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			switch c := ctx.(type) {
			case driver.X11WindowContext:
				h = c.WindowHandle
			case driver.WindowsWindowContext:
				h = c.HWND
			}
		})
	}
	return h
}

// placeWindow moves the shown window to where it was last closed, kept
// whole on one of the screens there are now (a monitor unplugged since
// must not hide it). Without a remembered position the system's placement
// stays.
func (u *ui) placeWindow() {
	_, _, x, y, placed := windowGeometry(u.app.Preferences())
	h := nativeHandle(u.win)
	if !placed || h == 0 {
		return
	}
	cur, ok := winpos.Get(h)
	if !ok {
		return
	}
	// Clamp the window with its frame, then place the window inside it.
	l, t, r, b := winpos.Frame(h)
	outer := winpos.Rect{X: x - l, Y: y - t, W: cur.W + l + r, H: cur.H + t + b}
	x, y = winpos.Clamp(outer, winpos.Screens(h))
	winpos.Move(h, x+l, y+t)
}

// position is where the window stands now, for rememberWindow; false
// where it cannot be read.
func (u *ui) position() (x, y int, ok bool) {
	if h := nativeHandle(u.win); h != 0 {
		if r, ok := winpos.Get(h); ok {
			return r.X, r.Y, true
		}
	}
	return 0, 0, false
}
