package opc

import "io"

// OpenReader is Open on bytes the caller holds open (the publish path
// reads, hashes and stamps one open file): the same checks, and every part
// verified in the background (Verify waits for the verdict). Close stops
// the verification but does not close r.
func OpenReader(r io.ReaderAt, size int64) (*Package, error) {
	p, err := openReaderAt(r, size, DefaultLimits)
	if err != nil {
		return nil, err
	}
	p.startVerify(false)
	return p, nil
}

// OpenReaderToEdit is OpenToEdit on bytes the caller holds open: the main
// part is left to Write's check of its replacement, and the verification
// waits for StartVerifying.
func OpenReaderToEdit(r io.ReaderAt, size int64) (*Package, error) {
	p, err := openReaderAt(r, size, DefaultLimits)
	if err != nil {
		return nil, err
	}
	p.startVerify(true)
	return p, nil
}
