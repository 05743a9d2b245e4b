package opc

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/binary"
	"io"
	"sync"
)

// Drafts of one office share their template's parts: a batch of twenty
// carries twenty byte-identical styles parts of several hundred KB, and
// checking each costs more than the rest of its draft. A part whose raw
// entry (compressed bytes, method, CRC-32 and sizes: everything the verdict
// depends on) hashes to the SHA-256 of a part that passed before in this
// process passes again without being inflated and checked. Only passes are
// remembered, only of XML parts large enough to be worth it.

// Digest is the SHA-256 of a part's raw zip entry and of the directory
// fields that decide how it reads; equal digests mean equal content.
type Digest [sha256.Size]byte

const (
	knownMinSize = 32 << 10 // uncompressed: below this a check is cheap
	knownMaxRaw  = 4 << 20  // compressed: above this hashing is not cheap
	knownMax     = 512      // digests remembered; the set is emptied when full
)

var known = struct {
	sync.Mutex
	m map[Digest]struct{}
}{m: map[Digest]struct{}{}}

// PartDigest returns the digest of a part's raw entry, or false for a part
// that is missing, read with a data descriptor, or outside the sizes worth
// remembering. It reads the compressed bytes only.
func (p *Package) PartDigest(name string) (Digest, bool) {
	f := p.File(name)
	if f == nil {
		return Digest{}, false
	}
	return digest(f)
}

func digest(f *zip.File) (Digest, bool) {
	if f.Flags&0x8 != 0 || f.UncompressedSize64 < knownMinSize || f.CompressedSize64 > knownMaxRaw {
		return Digest{}, false
	}
	r, err := f.OpenRaw()
	if err != nil {
		return Digest{}, false
	}
	h := sha256.New()
	var head [2 + 4 + 8 + 8]byte
	binary.LittleEndian.PutUint16(head[0:], f.Method)
	binary.LittleEndian.PutUint32(head[2:], f.CRC32)
	binary.LittleEndian.PutUint64(head[6:], f.UncompressedSize64)
	binary.LittleEndian.PutUint64(head[14:], f.CompressedSize64)
	h.Write(head[:])
	if n, err := io.Copy(h, r); err != nil || uint64(n) != f.CompressedSize64 {
		return Digest{}, false
	}
	var d Digest
	h.Sum(d[:0])
	return d, true
}

func isKnown(d Digest) bool {
	known.Lock()
	defer known.Unlock()
	_, ok := known.m[d]
	return ok
}

func remember(d Digest) {
	known.Lock()
	defer known.Unlock()
	if len(known.m) >= knownMax {
		clear(known.m)
	}
	known.m[d] = struct{}{}
}
