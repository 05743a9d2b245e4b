package docx

import (
	"io"

	"github.com/docattr/docattr/internal/opc"
)

// OpenReader is Open on bytes the caller holds open; path names them in
// messages. Close does not close r.
func OpenReader(path string, r io.ReaderAt, size int64) (*Document, error) {
	pkg, err := opc.OpenReader(r, size)
	if err != nil {
		return nil, err
	}
	d := &Document{Pkg: pkg, Path: path}
	if err := d.read(); err != nil {
		return nil, err
	}
	return d, nil
}
