package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"

	"github.com/docattr/docattr/internal/flatesplice"
)

// Deflated is a replaced part's new content, deflated and ready for
// zip.Writer.CreateRaw with Header.
type Deflated struct {
	Raw   []byte // raw DEFLATE stream
	CRC32 uint32 // of the whole new content
	Size  uint64 // uncompressed
	// Reused is how many bytes at the start of Raw are the original
	// part's compressed bytes, kept as they were.
	Reused int64
}

// Header returns the zip header under which to write d with CreateRaw: the
// original entry's name, comment, time and UTF-8 flag, and d's method,
// CRC-32 and sizes. The original's extra fields are not kept: they may hold
// its zip64 sizes, which CreateRaw would write beside the new ones.
func (d Deflated) Header(orig *zip.FileHeader) *zip.FileHeader {
	return &zip.FileHeader{
		Name:               orig.Name,
		Comment:            orig.Comment,
		Modified:           orig.Modified,
		Flags:              orig.Flags & 0x800, // names in UTF-8
		Method:             zip.Deflate,
		CRC32:              d.CRC32,
		CompressedSize64:   uint64(len(d.Raw)),
		UncompressedSize64: d.Size,
	}
}

// ReuseDeflated deflates content, the new content of the part f, keeping
// f's compressed bytes up to the last DEFLATE block that starts before the
// first byte where content and f's content differ, and deflating only the
// rest (see flatesplice.Splice): an edit near the end of a large part costs
// a fraction of a millisecond instead of deflating the whole part. When f
// cannot be reused (not deflated, larger than maxSize, damaged: its
// content does not inflate to its declared size and CRC-32), content is
// deflated whole; the result is correct either way.
func ReuseDeflated(f *zip.File, content []byte, maxSize uint64) (Deflated, error) {
	var raw, orig []byte
	var blocks []flatesplice.Block
	if f.Method == zip.Deflate && f.UncompressedSize64 <= maxSize {
		raw, orig, blocks = inflateForReuse(f)
	}
	return SpliceDeflated(raw, orig, blocks, content)
}

// inflateForReuse returns f's compressed bytes, its content and block
// starts, or nils when any of them cannot be trusted.
func inflateForReuse(f *zip.File) (raw, orig []byte, blocks []flatesplice.Block) {
	rc, err := f.OpenRaw()
	if err != nil {
		return nil, nil, nil
	}
	raw, err = io.ReadAll(io.LimitReader(rc, int64(min(f.CompressedSize64, 1<<40))))
	if err != nil {
		return nil, nil, nil
	}
	size := int(f.UncompressedSize64)
	orig, blocks, err = flatesplice.Inflate(make([]byte, 0, size), raw, size)
	if err != nil || len(orig) != size || crc32.ChecksumIEEE(orig) != f.CRC32 {
		return nil, nil, nil
	}
	return raw, orig, blocks
}

// SpliceDeflated is ReuseDeflated for a caller that already holds the
// part's compressed bytes raw, its content orig and block starts (from
// flatesplice.Inflate of raw, which must inflate to orig: a reader that
// inflated the part once passes them on). With nil raw, content is
// deflated whole.
func SpliceDeflated(raw, orig []byte, blocks []flatesplice.Block, content []byte) (Deflated, error) {
	keep := commonPrefix(orig, content)
	at := flatesplice.Keep(blocks, int64(keep))
	var buf bytes.Buffer
	buf.Grow(int(at.Bit/8) + (len(content)-int(at.Out))/4 + 64)
	if _, err := flatesplice.Splice(&buf, raw, blocks, keep, content[at.Out:], flate.BestSpeed); err != nil {
		return Deflated{}, err
	}
	return Deflated{
		Raw:    buf.Bytes(),
		CRC32:  crc32.ChecksumIEEE(content),
		Size:   uint64(len(content)),
		Reused: at.Bit / 8,
	}, nil
}

// commonPrefix is the length of the longest common prefix of a and b,
// compared a block at a time (bytes.Equal is vectorised).
func commonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	const step = 4 << 10
	i := 0
	for i+step <= n && bytes.Equal(a[i:i+step], b[i:i+step]) {
		i += step
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}
