//go:build (linux || freebsd || openbsd || netbsd) && cgo && !wayland

package winpos

/*
#cgo LDFLAGS: -lX11 -lXinerama
#include <X11/Xlib.h>
#include <X11/Xatom.h>
#include <X11/Xutil.h>
#include <X11/extensions/Xinerama.h>

// frameExtents reads _NET_FRAME_EXTENTS (left, right, top, bottom): the
// window manager's frame around the window, 0 without a window manager.
static void frameExtents(Display *d, Window w, long ext[4]) {
	Atom prop = XInternAtom(d, "_NET_FRAME_EXTENTS", True);
	Atom type;
	int format;
	unsigned long n = 0, after;
	unsigned char *data = NULL;
	ext[0] = ext[1] = ext[2] = ext[3] = 0;
	if (prop == None) return;
	if (XGetWindowProperty(d, w, prop, 0, 4, False, XA_CARDINAL, &type, &format, &n, &after, &data) == Success &&
			data != NULL && format == 32 && n == 4) {
		long *v = (long *)data;
		ext[0] = v[0]; ext[1] = v[1]; ext[2] = v[2]; ext[3] = v[3];
	}
	if (data != NULL) XFree(data);
}

// origin puts the window's top-left corner, in root coordinates, in x, y
// and its size in w, h; 0 when the window is gone.
static int origin(Display *d, Window win, int *x, int *y, int *w, int *h) {
	XWindowAttributes a;
	Window child;
	if (!XGetWindowAttributes(d, win, &a)) return 0;
	*w = a.width; *h = a.height;
	return XTranslateCoordinates(d, win, DefaultRootWindow(d), 0, 0, x, y, &child);
}

// screens writes up to max monitor areas (Xinerama, else the root window)
// into r as x, y, w, h and returns how many.
static int screens(Display *d, int *r, int max) {
	int n = 0, i;
	if (XineramaIsActive(d)) {
		XineramaScreenInfo *s = XineramaQueryScreens(d, &n);
		if (s != NULL) {
			if (n > max) n = max;
			for (i = 0; i < n; i++) {
				r[4*i] = s[i].x_org; r[4*i+1] = s[i].y_org; r[4*i+2] = s[i].width; r[4*i+3] = s[i].height;
			}
			XFree(s);
			if (n > 0) return n;
		}
	}
	r[0] = 0; r[1] = 0; r[2] = DisplayWidth(d, DefaultScreen(d)); r[3] = DisplayHeight(d, DefaultScreen(d));
	return 1;
}

// silent keeps Xlib from exiting the program on a protocol error (a window
// id that has gone away): the call just fails.
static int silent(Display *d, XErrorEvent *e) { return 0; }
typedef int (*handler)(Display *, XErrorEvent *);
static handler quietErrors(void) { return XSetErrorHandler(silent); }
static void restoreErrors(handler h) { XSetErrorHandler(h); }
*/
import "C"

// Each call opens its own connection to the X server: window ids are the
// server's, so GLFW's connection and ours name the same window, and ours
// is never used from two goroutines at once. Xlib's error handler is per
// process: it is set for the call and put back after (the app calls from
// Fyne's main goroutine, where GLFW makes its calls too).
func withDisplay(f func(d *C.Display) bool) bool {
	old := C.quietErrors()
	defer C.restoreErrors(old)
	d := C.XOpenDisplay(nil)
	if d == nil {
		return false
	}
	defer C.XCloseDisplay(d)
	return f(d)
}

// Get returns the window's own area (inside any window manager frame), in
// root window coordinates: GLFW gives its windows StaticGravity, so that
// corner is the one XMoveWindow places, whatever frame there is.
func Get(handle uintptr) (Rect, bool) {
	var r Rect
	ok := withDisplay(func(d *C.Display) bool {
		var x, y, w, h C.int
		if handle == 0 || C.origin(d, C.Window(handle), &x, &y, &w, &h) == 0 {
			return false
		}
		r = Rect{X: int(x), Y: int(y), W: int(w), H: int(h)}
		return true
	})
	return r, ok
}

// Frame returns the window manager's frame around the window
// (_NET_FRAME_EXTENTS); zeros without a window manager, or before it has
// framed a window just mapped.
func Frame(handle uintptr) (left, top, right, bottom int) {
	withDisplay(func(d *C.Display) bool {
		var ext [4]C.long
		if handle != 0 {
			C.frameExtents(d, C.Window(handle), &ext[0])
		}
		left, right, top, bottom = int(ext[0]), int(ext[1]), int(ext[2]), int(ext[3])
		return true
	})
	return left, top, right, bottom
}

// Move puts the window's own corner (Get's X, Y) at x, y.
func Move(handle uintptr, x, y int) bool {
	return withDisplay(func(d *C.Display) bool {
		if handle == 0 {
			return false
		}
		C.XMoveWindow(d, C.Window(handle), C.int(x), C.int(y))
		C.XSync(d, C.False)
		return true
	})
}

// Screens returns the monitors' areas (Xinerama), or the whole root window.
func Screens(uintptr) []Rect {
	var out []Rect
	withDisplay(func(d *C.Display) bool {
		var r [4 * 16]C.int
		n := int(C.screens(d, &r[0], 16))
		for i := range n {
			out = append(out, Rect{int(r[4*i]), int(r[4*i+1]), int(r[4*i+2]), int(r[4*i+3])})
		}
		return true
	})
	return out
}
