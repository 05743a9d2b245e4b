package docx

import (
	"io"

	"github.com/docattr/docattr/internal/opc"
)

// OpenReader is Open on bytes the caller holds open; path names them in
// messages. Like Open it waits for opc's verification of every part, so a
// damaged package is refused with the part named. Close does not close r.
func OpenReader(path string, r io.ReaderAt, size int64) (*Document, error) {
	d, err := openPkg(path, func() (*opc.Package, error) { return opc.OpenReader(r, size) })
	if err != nil {
		return nil, err
	}
	if err := d.Pkg.Verify(); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// OpenReaderToWrite is OpenToWrite on bytes the caller holds open: it
// returns once the text is read while verification goes on; opc's Write
// waits for it and refuses to finish an output from a damaged package.
func OpenReaderToWrite(path string, r io.ReaderAt, size int64) (*Document, error) {
	return openPkg(path, func() (*opc.Package, error) { return opc.OpenReaderToEdit(r, size) })
}
