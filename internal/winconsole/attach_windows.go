package winconsole

import (
	"os"
	"syscall"
)

// Attach connects standard output and error to the parent console when
// there is one and they have no handle of their own (a GUI program's
// handles are empty unless the shell redirected them to a file or pipe,
// which then stays as it is).
func Attach() {
	if os.Stdout != nil && os.Stdout.Fd() != 0 && os.Stdout.Fd() != uintptr(syscall.InvalidHandle) &&
		os.Stderr != nil && os.Stderr.Fd() != 0 && os.Stderr.Fd() != uintptr(syscall.InvalidHandle) {
		return // a console program, or both streams redirected
	}
	const attachParentProcess = ^uintptr(0) // (DWORD)-1
	attach := syscall.NewLazyDLL("kernel32.dll").NewProc("AttachConsole")
	if r, _, _ := attach.Call(attachParentProcess); r == 0 {
		return // started from Explorer: no console to print to
	}
	reopen := func(f **os.File, name string) {
		if *f != nil && (*f).Fd() != 0 && (*f).Fd() != uintptr(syscall.InvalidHandle) {
			return // redirected: keep it
		}
		if c, err := os.OpenFile(name, os.O_RDWR, 0); err == nil {
			*f = c
		}
	}
	reopen(&os.Stdout, "CONOUT$")
	reopen(&os.Stderr, "CONOUT$")
}
