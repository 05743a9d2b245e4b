package opc

import (
	"bytes"
	"compress/flate"
	"io"
	"sync"
)

// Every part read or verified gets an inflater, and each new one allocates
// its 32 KB window and tables: about twenty per small draft, most of what
// a one-draft command then has to fault in. The verifier and the readers
// use one at a time each, so a few pooled ones serve them all.
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
