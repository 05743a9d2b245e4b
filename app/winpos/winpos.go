// Package winpos reads and sets where the app's window stands on the
// screen, which Fyne 2.7 cannot do: the app remembers the position on close
// and restores it on start (issue 13).
//
// It works on the native window handle Fyne's driver.NativeWindow gives
// (an X11 Window id or a Windows HWND): through Xlib (cgo; the GUI links
// X11 through GLFW already) and through user32 (syscall, no cgo). Elsewhere
// (Wayland, macOS, a build without cgo) Get and Move report false and the
// system places the window.
//
// A position is the corner Move places, in screen pixels, which is the
// corner Get reports, so a window does not creep at each start: on Windows
// the outer frame's, on X11 the window's own, inside the window manager's
// frame (GLFW windows have StaticGravity). Frame tells the frame around
// Get's area, where it is known, so that clamping keeps the title bar on
// the screen too. Screens lists the visible monitor areas (the work areas
// on Windows, without the task bar); Clamp keeps a remembered position on
// one of them, so a monitor unplugged since, or a changed resolution,
// never hides the window.
package winpos

// Rect is an area of the screen in pixels: X, Y its top-left corner.
type Rect struct{ X, Y, W, H int }

// overlap is the area r and s share.
func (r Rect) overlap(s Rect) int {
	w := min(r.X+r.W, s.X+s.W) - max(r.X, s.X)
	h := min(r.Y+r.H, s.Y+s.H) - max(r.Y, s.Y)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// distance is how far r's top-left corner is from s (0 inside s).
func (r Rect) distance(s Rect) int {
	dx := max(s.X-r.X, 0, r.X-(s.X+s.W-1))
	dy := max(s.Y-r.Y, 0, r.Y-(s.Y+s.H-1))
	return dx*dx + dy*dy
}

// Clamp returns the position for a window at w (its remembered position
// and current size) so that it stands wholly on one of screens: the one it
// overlaps most, else the nearest. A window larger than the screen keeps
// its top-left corner (and so its title bar) on it. With no screens known
// w's position is kept.
func Clamp(w Rect, screens []Rect) (x, y int) {
	best, bestOverlap, bestDist := -1, 0, 0
	for i, s := range screens {
		if s.W <= 0 || s.H <= 0 {
			continue
		}
		o, d := w.overlap(s), w.distance(s)
		if best < 0 || o > bestOverlap || o == bestOverlap && d < bestDist {
			best, bestOverlap, bestDist = i, o, d
		}
	}
	if best < 0 {
		return w.X, w.Y
	}
	s := screens[best]
	x = max(min(w.X, s.X+s.W-w.W), s.X)
	y = max(min(w.Y, s.Y+s.H-w.H), s.Y)
	return x, y
}
