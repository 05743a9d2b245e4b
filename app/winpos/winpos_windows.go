//go:build windows

package winpos

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32              = windows.NewLazySystemDLL("user32.dll")
	getWindowRect       = user32.NewProc("GetWindowRect")
	setWindowPos        = user32.NewProc("SetWindowPos")
	enumDisplayMonitors = user32.NewProc("EnumDisplayMonitors")
	getMonitorInfo      = user32.NewProc("GetMonitorInfoW")
)

const (
	swpNoSize     = 0x0001
	swpNoZOrder   = 0x0004
	swpNoActivate = 0x0010
)

type rect struct{ left, top, right, bottom int32 }

type monitorInfo struct {
	size          uint32
	monitor, work rect
	flags         uint32
}

// Get returns the window's outer rectangle (GetWindowRect), which Move
// places.
func Get(handle uintptr) (Rect, bool) {
	var r rect
	if handle == 0 {
		return Rect{}, false
	}
	if ok, _, _ := getWindowRect.Call(handle, uintptr(unsafe.Pointer(&r))); ok == 0 {
		return Rect{}, false
	}
	return Rect{int(r.left), int(r.top), int(r.right - r.left), int(r.bottom - r.top)}, true
}

// Frame returns zeros: Get's rectangle includes the frame already.
func Frame(uintptr) (left, top, right, bottom int) { return 0, 0, 0, 0 }

// Move puts the window's outer rectangle at x, y, keeping its size, its
// place among the windows and the focus where they are.
func Move(handle uintptr, x, y int) bool {
	if handle == 0 {
		return false
	}
	ok, _, _ := setWindowPos.Call(handle, 0, uintptr(int32(x)), uintptr(int32(y)), 0, 0, swpNoSize|swpNoZOrder|swpNoActivate)
	return ok != 0
}

// Screens returns the work area (without the task bar) of every monitor.
func Screens(uintptr) []Rect {
	var out []Rect
	cb := syscall.NewCallback(func(monitor, _, _, _ uintptr) uintptr {
		mi := monitorInfo{size: uint32(unsafe.Sizeof(monitorInfo{}))}
		if ok, _, _ := getMonitorInfo.Call(monitor, uintptr(unsafe.Pointer(&mi))); ok != 0 {
			w := mi.work
			out = append(out, Rect{int(w.left), int(w.top), int(w.right - w.left), int(w.bottom - w.top)})
		}
		return 1 // go on
	})
	enumDisplayMonitors.Call(0, 0, cb, 0)
	return out
}
