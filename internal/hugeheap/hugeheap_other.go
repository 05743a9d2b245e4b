//go:build !linux

package hugeheap

// Reserve does nothing where the kernel's huge pages are not asked for.
func Reserve(int) {}
