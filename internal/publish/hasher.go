package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"sync"
)

// hasher computes the SHA-256 of an output as it is written, on another
// goroutine: Write copies the bytes into blocks that the goroutine hashes,
// so the output is never read back and the hashing overlaps the writing
// (on the second core when there is one). A copy into a block costs a
// fraction of reading the bytes back from the file.
type hasher struct {
	cur   *[]byte
	full  chan *[]byte
	sum   chan string
	close sync.Once
}

const hashBlock = 256 << 10

var hashBlocks = sync.Pool{New: func() any { b := make([]byte, 0, hashBlock); return &b }}

func newHasher() *hasher {
	h := &hasher{full: make(chan *[]byte, 8), sum: make(chan string, 1)}
	go func() {
		s := sha256.New()
		for b := range h.full {
			s.Write(*b)
			*b = (*b)[:0]
			hashBlocks.Put(b)
		}
		h.sum <- hex.EncodeToString(s.Sum(nil))
	}()
	return h
}

// write adds p, which the file has accepted, to the hash.
func (h *hasher) write(p []byte) {
	for len(p) > 0 {
		if h.cur == nil {
			h.cur = hashBlocks.Get().(*[]byte)
		}
		b := *h.cur
		n := min(len(p), cap(b)-len(b))
		*h.cur = append(b, p[:n]...)
		p = p[n:]
		if len(*h.cur) == cap(*h.cur) {
			h.full <- h.cur
			h.cur = nil
		}
	}
}

// stop ends the goroutine; the hash is then ready on h.sum. Safe to call
// more than once.
func (h *hasher) stop() {
	h.close.Do(func() {
		if h.cur != nil && len(*h.cur) > 0 {
			h.full <- h.cur
		}
		h.cur = nil
		close(h.full)
	})
}
