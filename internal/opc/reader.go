package opc

import "io"

// OpenReader is Open on bytes the caller holds open (the publish path
// reads, hashes and stamps one open file). Close does not close r.
func OpenReader(r io.ReaderAt, size int64) (*Package, error) {
	return openReaderAt(r, size, DefaultLimits)
}
