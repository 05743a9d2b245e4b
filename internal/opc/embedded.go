package opc

import "io"

// OpenReaderAt opens a package held in r, such as a Word document embedded
// in another one, with the same checks and limits as Open, every part
// verified in the background. Close stops the verification; r must stay
// valid while the package is used.
func OpenReaderAt(r io.ReaderAt, size int64, lim Limits) (*Package, error) {
	p, err := openReaderAt(r, size, lim)
	if err != nil {
		return nil, err
	}
	p.startVerify(false)
	return p, nil
}
