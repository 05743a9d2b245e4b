// Package hugeheap backs the Go heap's first blocks, and on request the
// memory a large mark is about to fill, with transparent huge pages where
// the kernel gives them only to memory that asks (decision 028). On a
// virtual machine the first write to a 4 KB page costs a fault the
// hypervisor must back (about 12 µs on the build machine); a 2 MB page
// costs one fault for 512 of them.
//
// The command's main imports it for its start: Go initialises packages in
// import-path order as far as their imports allow, and this package needs
// only syscall and unsafe, so it runs before the initialisers of the
// larger libraries, whose allocations are what the start pays for.
// Reserve is for a command about to build a large document in memory;
// Ask, for a large buffer while it is filled (internal/prefault).
package hugeheap

// BlockSize is the size of a huge page (with 4 KB pages, the only ones
// this package asks for).
const BlockSize = 2 << 20

// Range is the memory a request named: whole blocks, [lo, hi); the zero
// Range when nothing was asked.
type Range struct{ lo, hi uintptr }
