//go:build !windows && !((linux || freebsd || openbsd || netbsd) && cgo && !wayland)

package winpos

// Get reports false: this platform (Wayland, macOS, a build without cgo)
// gives no position this package can read.
func Get(uintptr) (Rect, bool) { return Rect{}, false }

// Frame returns zeros.
func Frame(uintptr) (left, top, right, bottom int) { return 0, 0, 0, 0 }

// Move reports false: the system places the window.
func Move(uintptr, int, int) bool { return false }

// Screens returns nothing: no position is restored, so none is clamped.
func Screens(uintptr) []Rect { return nil }
