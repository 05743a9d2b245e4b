// Package writebehind hands a stream's bytes to another goroutine to write,
// so the goroutine that produces them (an audit export formatting a
// million rows) never waits for the file. On two cores the formatting and
// the kernel's copy of the bytes into the page cache, which an export of a
// large log spends a third of its time in, overlap instead of adding up.
package writebehind

import (
	"errors"
	"io"
	"sync"
)

// blockSize is how many bytes are handed over at a time, and blocks how
// many may be in flight: a producer far ahead of the file waits instead of
// filling memory.
const (
	blockSize = 256 << 10
	blocks    = 4
)

// ErrClosed is returned by a Write after Close.
var ErrClosed = errors.New("writebehind: write after close")

// Writer buffers what is written to it and writes it to the destination
// on its own goroutine, in order. The first error of the destination is
// returned by a later Write and by Close; nothing is written after it.
// A Writer is for one producer goroutine; Close must be called, once the
// producer is done, to write the rest and end the goroutine.
type Writer struct {
	dst    io.Writer
	cur    []byte
	full   chan []byte
	free   chan []byte
	done   chan struct{}
	mu     sync.Mutex
	err    error // the destination's first error, under mu
	closed bool
}

// New starts a Writer writing to dst.
func New(dst io.Writer) *Writer {
	w := &Writer{dst: dst, full: make(chan []byte, blocks), free: make(chan []byte, blocks), done: make(chan struct{})}
	for range blocks {
		w.free <- nil // allocated when first needed: a short export stays small
	}
	go w.run()
	return w
}

func (w *Writer) run() {
	defer close(w.done)
	for b := range w.full {
		if w.failed() == nil {
			if _, err := w.dst.Write(b); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			}
		}
		w.free <- b[:0]
	}
}

func (w *Writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// Write copies p into the current block, handing blocks over as they fill.
func (w *Writer) Write(p []byte) (int, error) {
	if w.closed {
		return 0, ErrClosed
	}
	if err := w.failed(); err != nil {
		return 0, err
	}
	n := 0
	for len(p) > 0 {
		if w.cur == nil {
			w.cur = <-w.free
			if w.cur == nil {
				w.cur = make([]byte, 0, blockSize)
			}
		}
		c := copy(w.cur[len(w.cur):cap(w.cur)], p)
		w.cur = w.cur[:len(w.cur)+c]
		p, n = p[c:], n+c
		if len(w.cur) == cap(w.cur) {
			w.full <- w.cur
			w.cur = nil
		}
	}
	return n, nil
}

// Close hands over what is left, waits until the destination has taken
// everything, and returns its first error.
func (w *Writer) Close() error {
	if w.closed {
		return ErrClosed
	}
	w.closed = true
	if len(w.cur) > 0 {
		w.full <- w.cur
		w.cur = nil
	}
	close(w.full)
	<-w.done
	return w.failed()
}
