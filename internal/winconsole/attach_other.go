//go:build !windows

package winconsole

// Attach does nothing outside Windows: programs always have their terminal.
func Attach() {}
