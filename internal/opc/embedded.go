package opc

import "io"

// OpenReaderAt opens a package held in r, such as a Word document embedded
// in another one, with the same checks and limits as Open. Close is a no-op
// for it; r must stay valid while the package is used.
func OpenReaderAt(r io.ReaderAt, size int64, lim Limits) (*Package, error) {
	return openReaderAt(r, size, lim)
}
