package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"fmt"
	"hash/crc32"
	"io"

	"github.com/docattr/docattr/internal/flatesplice"
	"github.com/docattr/docattr/internal/prefault"
	"github.com/docattr/docattr/internal/xmltok"
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

// Inflated is a part read for editing: its compressed bytes, its content
// and, for a deflated part, where its DEFLATE blocks start. Deflate turns
// the part's new content back into a compressed stream, reusing Raw up to
// the first change.
type Inflated struct {
	Raw     []byte
	Content []byte
	Blocks  []flatesplice.Block // nil for a stored part
}

// InflatePart reads the part f for editing with flatesplice's inflater
// (faster than compress/flate, and it records the block starts), within
// maxSize, checking its size and CRC-32 as Read does and refusing with
// Read's errors (damaged, too large). Content is the part's bytes as
// stored: no UTF-16 conversion.
func InflatePart(f *zip.File, maxSize uint64) (*Inflated, error) {
	return inflatePart(f, maxSize, nil)
}

// inflatePart is InflatePart for a part of the archive whole, when that is
// held in memory (nil if not): a deflated part's compressed bytes are then
// a slice of it, not a copy (a megabyte of fresh memory for a long draft's
// main part). A stored part is still copied: its content is its raw bytes,
// and a caller of Read may change the bytes it gets.
func inflatePart(f *zip.File, maxSize uint64, whole []byte) (*Inflated, error) {
	name := f.Name
	if f.UncompressedSize64 > maxSize {
		return nil, tooLarge("部件 "+name+" 过大", "part "+name+" too large")
	}
	if f.Method != zip.Deflate && f.Method != zip.Store {
		return nil, badMethod(name, f.Method)
	}
	// DEFLATE expands incompressible data by a few bytes per block at most.
	if f.CompressedSize64 > maxSize+maxSize/64+1<<20 {
		return nil, tooLarge("部件 "+name+" 过大", "part "+name+" too large")
	}
	raw, err := rawBytes(f, whole)
	if err != nil {
		return nil, err
	}
	in := &Inflated{Raw: raw, Content: raw}
	if f.Method == zip.Deflate {
		// Presized by the declared size, trusted no further than the
		// compressed bytes could honestly inflate to (as readFile).
		size := int(f.UncompressedSize64)
		dst := make([]byte, 0, min(size, max(8<<20, 64*len(raw))))
		stop := prefault.Behind(dst[:cap(dst)])
		in.Content, in.Blocks, err = flatesplice.Inflate(dst, raw, size)
		stop()
		switch {
		case errors.Is(err, flatesplice.ErrTooLarge): // more than the directory says
			return nil, readError(name, zip.ErrFormat)
		case errors.Is(err, flatesplice.ErrTruncated):
			return nil, readError(name, io.ErrUnexpectedEOF)
		case err != nil:
			return nil, damaged(name, err)
		}
	}
	if uint64(len(in.Content)) != f.UncompressedSize64 {
		return nil, readError(name, zip.ErrFormat)
	}
	if crc32.ChecksumIEEE(in.Content) != f.CRC32 {
		return nil, badChecksum(name)
	}
	return in, nil
}

// rawBytes returns f's compressed bytes: a slice of whole (see
// inflatePart) when f is deflated and lies inside it, else a copy.
func rawBytes(f *zip.File, whole []byte) ([]byte, error) {
	if whole != nil && f.Method == zip.Deflate {
		if off, err := f.DataOffset(); err == nil && off >= 0 && off <= int64(len(whole)) &&
			f.CompressedSize64 <= uint64(int64(len(whole))-off) {
			end := off + int64(f.CompressedSize64)
			return whole[off:end:end], nil
		}
	}
	rc, err := f.OpenRaw()
	if err != nil {
		return nil, damaged(f.Name, err)
	}
	raw := make([]byte, f.CompressedSize64)
	if _, err := io.ReadFull(rc, raw); err != nil {
		return nil, readError(f.Name, err)
	}
	return raw, nil
}

// ReuseDeflated deflates content, the new content of the part f, reusing
// f's compressed bytes before the first change (InflatePart, then
// Deflate). A part that cannot be reused (damaged, over maxSize) is no
// error here: content is deflated whole, which is correct either way.
func ReuseDeflated(f *zip.File, content []byte, maxSize uint64) (Deflated, error) {
	in, err := InflatePart(f, maxSize)
	if err != nil {
		in = nil
	}
	return in.Deflate(content)
}

// Deflate returns content, the part's new content, deflated: in's
// compressed bytes up to the last DEFLATE block that starts at or before
// the first byte where content differs from in.Content are kept as they
// are, and only the rest is deflated (flatesplice.Splice, decision 019).
// An edit near the end of a large part costs a millisecond or two instead
// of deflating the whole part. A nil in, or a stored part, is deflated
// whole.
func (in *Inflated) Deflate(content []byte) (Deflated, error) {
	var raw, orig []byte
	var blocks []flatesplice.Block
	if in != nil {
		raw, orig, blocks = in.Raw, in.Content, in.Blocks
	}
	keep := xmltok.CommonPrefix(orig, content)
	at := flatesplice.Keep(blocks, keep)
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

// DeflateEdited is Deflate for new content given as in.Content[:keep]
// followed by tail (an Edits.Edited whose Base is in.Content), without
// joining them and without searching for the first change: keep is it.
// keep counts bytes of in.Content as stored, so Base must be in.Content
// itself, not a UTF-16 part converted to UTF-8 (Deflate serves that case).
func (in *Inflated) DeflateEdited(keep int, tail []byte) (Deflated, error) {
	if keep < 0 || keep > len(in.Content) {
		return Deflated{}, fmt.Errorf("edit keeps %d of %d bytes", keep, len(in.Content))
	}
	at := flatesplice.Keep(in.Blocks, keep)
	var buf bytes.Buffer
	buf.Grow(int(at.Bit/8) + (keep-int(at.Out)+len(tail))/4 + 64)
	if _, err := flatesplice.SpliceParts(&buf, in.Raw, in.Blocks, keep, flate.BestSpeed, in.Content[at.Out:keep], tail); err != nil {
		return Deflated{}, err
	}
	return Deflated{
		Raw:    buf.Bytes(),
		CRC32:  crc32.Update(crc32.ChecksumIEEE(in.Content[:keep]), crc32.IEEETable, tail),
		Size:   uint64(keep + len(tail)),
		Reused: at.Bit / 8,
	}, nil
}
