//go:build !linux

package hugeheap

// Enabled is false where the kernel's huge pages are not asked for.
func Enabled() bool { return false }

// Ask asks nothing here.
func Ask([]byte) Range { return Range{} }

// Withdraw has nothing to withdraw here.
func (Range) Withdraw() {}

// Reserve does nothing here.
func Reserve(int) {}
