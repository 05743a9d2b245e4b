package opc

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// The verifier streams the binary parts (pictures, fonts, embedded
// files) through compress/flate to check their CRC-32 without holding them
// (XML parts and parts read are inflated whole by flatesplice instead), and
// each new inflater allocates its 32 KB window and tables, which a
// one-draft command then has to fault in. The verifier uses one at a time,
// so a few pooled ones serve every part and every draft of a batch.
var inflaters sync.Pool // of flate readers, which implement flate.Resetter

// newInflater returns a pooled inflater reading the deflate stream r.
func newInflater(r io.Reader) io.ReadCloser {
	if fr, ok := inflaters.Get().(io.ReadCloser); ok {
		if fr.(flate.Resetter).Reset(r, nil) == nil {
			return &inflater{fr: fr}
		}
	}
	return &inflater{fr: flate.NewReader(r)}
}

type inflater struct {
	fr io.ReadCloser // nil once closed
}

func (i *inflater) Read(p []byte) (int, error) {
	if i.fr == nil {
		return 0, errClosed
	}
	return i.fr.Read(p)
}

// Close returns the inflater to the pool, holding no reference to the
// part's reader there.
func (i *inflater) Close() error {
	if i.fr == nil {
		return nil
	}
	fr := i.fr
	i.fr = nil
	err := fr.Close()
	if fr.(flate.Resetter).Reset(bytes.NewReader(nil), nil) == nil {
		inflaters.Put(fr)
	}
	return err
}
