package opc

import (
	"bytes"
	"compress/flate"
	"github.com/docattr/docattr/internal/flatesplice"
	"io"
	"runtime"
	"sync"
)

// Deflating an edited part is the one serial step of Write that grows with
// the document. A large write is therefore cut into segments that are
// deflated side by side, each ending with a sync flush (an empty stored
// block that leaves the stream byte-aligned and not final): the segments
// concatenated are one valid deflate stream, as pgzip does it. Each segment
// starts without history, which costs a fraction of a percent of size.
const (
	parallelMin = 512 << 10 // below this, goroutines cost more than they save
	segmentMin  = 256 << 10
)

// bestSpeed takes a BestSpeed writer from the pool flatesplice shares.
func bestSpeed(w io.Writer) *flate.Writer {
	fw, _ := flatesplice.Writer(w, flate.BestSpeed) // a valid level: no error
	return fw
}

// entryWriter is the compressor Write registers with archive/zip: small
// writes go through one pooled flate writer, taken at the first small
// write; a large one is deflated in segments (see parallelMin).
type entryWriter struct {
	out   io.Writer
	fw    *flate.Writer // nil until a small write
	dirty bool          // fw holds data not yet flushed
}

func newEntryWriter(out io.Writer) (io.WriteCloser, error) {
	return &entryWriter{out: out}, nil
}

func (e *entryWriter) Write(p []byte) (int, error) {
	if len(p) < parallelMin || runtime.GOMAXPROCS(0) < 2 {
		if e.fw == nil {
			e.fw = bestSpeed(e.out)
		}
		e.dirty = e.dirty || len(p) > 0
		return e.fw.Write(p)
	}
	if e.dirty { // align what came before, so the segments can follow it
		if err := e.fw.Flush(); err != nil {
			return 0, err
		}
		e.dirty = false
	}
	if err := deflateSegments(e.out, p); err != nil {
		return 0, err
	}
	return len(p), nil
}

// finalBlock is an empty, final stored block: it ends a stream whose
// last segment was sync-flushed, or is a whole empty stream by itself.
var finalBlock = []byte{0x01, 0x00, 0x00, 0xff, 0xff}

// Close ends the stream and returns fw to the pool.
func (e *entryWriter) Close() error {
	if e.fw == nil {
		_, err := e.out.Write(finalBlock)
		return err
	}
	err := e.fw.Close()
	flatesplice.Release(e.fw, flate.BestSpeed)
	e.fw = nil
	return err
}

// deflateSegments writes p to out as sync-flushed deflate segments
// compressed concurrently; the stream is left open (not final).
func deflateSegments(out io.Writer, p []byte) error {
	n := min(runtime.GOMAXPROCS(0), len(p)/segmentMin)
	size := (len(p) + n - 1) / n
	bufs := make([]bytes.Buffer, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		seg := p[i*size : min((i+1)*size, len(p))]
		if i == n-1 { // the last one on this goroutine
			errs[i] = deflateSegment(&bufs[i], seg)
			break
		}
		wg.Go(func() { errs[i] = deflateSegment(&bufs[i], seg) })
	}
	wg.Wait()
	for i := range bufs {
		if errs[i] != nil {
			return errs[i]
		}
		if _, err := out.Write(bufs[i].Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func deflateSegment(buf *bytes.Buffer, seg []byte) error {
	buf.Grow(len(seg)/4 + 64)
	fw := bestSpeed(buf)
	defer flatesplice.Release(fw, flate.BestSpeed)
	if _, err := fw.Write(seg); err != nil {
		return err
	}
	return fw.Flush()
}
