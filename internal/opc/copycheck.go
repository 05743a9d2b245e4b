package opc

import (
	"archive/zip"
	"bufio"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"sync"

	"github.com/docattr/docattr/internal/flatesplice"
)

// A package opened to edit is written out with most of its bytes copied
// raw, and for a draft with pictures most of those are the pictures'. The
// background verification used to read each picture to check its CRC-32,
// and Write then read it again to copy it: a 15 MB picture was read from
// the file twice besides the input's hash. A large part that is not XML
// and that can be checked without inflating (stored, or deflated into
// stored blocks, as writers do with what does not compress) is therefore
// left to the copy, which checks the bytes as they pass (copyChecked).
// Anything the copy cannot settle — a compressed block after all, a part
// removed or replaced and so never copied, Verify called before any Write —
// is checked by verifyLeft as before, so the verdict and its message are
// those of the verification either way; damage found by the copy fails the
// Write before the output is finished.

// copyCheckMin is the least compressed size left to the copy; smaller parts
// cost the verification less than their bookkeeping would.
const copyCheckMin = 64 << 10

// errUnproven is copyChecked's verdict on a part it copied but could not
// check (a compressed block): verifyLeft checks it.
var errUnproven = errors.New("part copied but not checked")

// copyCheckable reports whether f is left to the copy in a package opened
// to edit.
func copyCheckable(f *zip.File) bool {
	if f.CompressedSize64 < copyCheckMin {
		return false
	}
	switch f.Method {
	case zip.Store:
		return true
	case zip.Deflate:
		return f.CompressedSize64 >= f.UncompressedSize64 // stored blocks: see storedOnly
	}
	return false
}

// copyPart copies f raw into zw; a part left to the copy is checked on the
// way, and damage found is returned as the verification would report it.
func (p *Package) copyPart(zw *zip.Writer, f *zip.File, buf []byte) error {
	v := p.ver
	if v == nil || v.claims[f] == nil || v.claims[f].Load() != byCopy {
		return wrapCopy(f, copyRaw(zw, f, buf))
	}
	v.left.Lock()
	_, done := v.left.done[f]
	v.left.Unlock()
	if done { // checked already (Verify, or an earlier Write)
		return wrapCopy(f, copyRaw(zw, f, buf))
	}
	verdict, err := p.copyChecked(zw, f, buf)
	if err != nil {
		return wrapCopy(f, err)
	}
	if verdict == errUnproven {
		return nil
	}
	v.left.Lock()
	v.setVerdict(f, verdict)
	v.left.Unlock()
	return verdict
}

func wrapCopy(f *zip.File, err error) error {
	if err != nil {
		return fmt.Errorf("copy part %s: %w", f.Name, err)
	}
	return nil
}

// copyReaders and copyBufPool hold 1 MiB: every read of a raw copy is
// written at once, and a write of 64 KiB or more is hashed on another
// goroutine (publish's hasher), so the buffer's size sets how often two
// goroutines wake each other: with 1 MiB instead of 256 KiB a mark of the
// big draft (a 15 MB picture) switched 225 times instead of 281, and its
// CPU fell by about 2 ms (perf stat, 25 runs in turn).
var (
	copyReaders = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 1<<20) }}
	copyBufPool = sync.Pool{New: func() any { b := make([]byte, 1<<20); return &b }}
)

// copyChecked is copyRaw that also checks the part's CRC-32 on the bytes
// it copies. err is a fault of the copy (reading, writing); verdict is the
// part's: nil, damage, or errUnproven.
func (p *Package) copyChecked(zw *zip.Writer, f *zip.File, buf []byte) (verdict, err error) {
	r, err := f.OpenRaw()
	if err != nil {
		return nil, err
	}
	fh := f.FileHeader
	w, err := zw.CreateRaw(&fh)
	if err != nil {
		return nil, err
	}
	var crc uint32
	var n int64
	if f.Method == zip.Store {
		h := crc32.NewIEEE()
		if n, err = io.CopyBuffer(io.MultiWriter(w, h), r, buf); err != nil {
			return nil, err
		}
		crc = h.Sum32()
	} else {
		// Every byte read from the part goes to the output as it is read
		// (the tee); StoredCRC sums the stored blocks in the reader's
		// buffer, and the rest of the part is read through after it.
		br := copyReaders.Get().(*bufio.Reader)
		defer copyReaders.Put(br)
		br.Reset(io.TeeReader(r, w))
		var ok bool
		crc, n, ok = flatesplice.StoredCRC(br)
		for err == nil {
			_, err = br.Discard(br.Size())
		}
		br.Reset(nil)
		if err != io.EOF {
			return nil, err
		}
		if !ok {
			return errUnproven, nil
		}
	}
	if err := p.descriptorOK(f); err != nil {
		return err, nil
	}
	if uint64(n) != f.UncompressedSize64 {
		return readError(f.Name, zip.ErrFormat), nil
	}
	if crc != f.CRC32 {
		return badChecksum(f.Name), nil
	}
	return nil, nil
}
