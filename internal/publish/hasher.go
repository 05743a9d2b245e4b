package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
)

// hasher computes the SHA-256 of an output as it is written, so the output
// is never read back. A large write is hashed on another goroutine while
// the file takes the same bytes (on the second core when there is one),
// and Write returns once both are done: the caller's buffer is hashed
// where it lies, never copied. (Copying every write into blocks for a
// hashing goroutine to take at its pace cost a copy of the whole output.)
// Small writes (headers, the zip writer's buffered bits) are hashed on
// the spot: handing them over would cost more than hashing them.
type hasher struct {
	h     hash.Hash
	work  chan []byte
	done  chan struct{}
	sum   chan string
	close sync.Once
}

// handOff is the least write hashed beside the file's write.
const handOff = 64 << 10

func newHasher() *hasher {
	return &hasher{h: sha256.New(), sum: make(chan string, 1)}
}

// write writes p with fileWrite and hashes what the file accepted.
func (h *hasher) write(p []byte, fileWrite func([]byte) (int, error)) (int, error) {
	if len(p) < handOff {
		n, err := fileWrite(p)
		h.h.Write(p[:n])
		return n, err
	}
	if h.work == nil {
		h.work, h.done = make(chan []byte), make(chan struct{})
		go func() {
			for b := range h.work {
				h.h.Write(b)
				h.done <- struct{}{}
			}
		}()
	}
	h.work <- p
	n, err := fileWrite(p)
	<-h.done
	if n < len(p) {
		// The file took less: what was hashed is not the file. The
		// write failed, and its output is abandoned; the hash too.
		h.h.Reset()
	}
	return n, err
}

// stop ends the goroutine; the hash is then ready on h.sum. Safe to call
// more than once.
func (h *hasher) stop() {
	h.close.Do(func() {
		if h.work != nil {
			close(h.work)
		}
		h.sum <- hex.EncodeToString(h.h.Sum(nil))
	})
}
