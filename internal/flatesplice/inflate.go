// Package flatesplice inflates raw DEFLATE streams (RFC 1951) into memory
// while recording where each block starts, and splices a stream: it keeps
// the compressed bits of the blocks before an edit verbatim and deflates
// only what follows. docattr's edits of word/document.xml land near the
// end of the part, so re-deflating it whole spends most of the time of a
// write on bytes that did not change; splicing spends it on the tail only.
//
// Inflate is a whole-buffer decoder: the input is a []byte (a zip entry's
// compressed bytes, read with archive/zip's OpenRaw) and the output grows
// to at most a maximum the caller gives (the part's declared size). It is
// hardened for hostile input: every malformed stream returns an error
// wrapping ErrCorrupt, ErrTruncated or ErrTooLarge, never a panic; memory
// is bounded by the maximum output (briefly 1.5 times it while the output
// grows, not at all beyond a presized dst) and a few kilobytes of tables;
// and it accepts and refuses exactly what compress/flate does
// (FuzzInflate checks both). Bytes after the final block are ignored, as
// compress/flate ignores them.
//
// There is no io.Reader form: the one caller inflates a whole part to edit
// it, and a reader would need a sliding window and a decoder that can stop
// mid-block, giving up the speed (back-references copied within one
// buffer, the bit buffer kept in registers through a block) that is the
// reason this package exists.
//
// Splice writes a stream whose content is the original content up to a
// block boundary followed by new bytes; see its comment for why the result
// is a valid stream.
package flatesplice

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Errors returned by Inflate, wrapped with the bit offset where the stream
// went wrong.
var (
	ErrCorrupt   = errors.New("flatesplice: invalid deflate data")
	ErrTruncated = errors.New("flatesplice: deflate data ends before its final block")
	ErrTooLarge  = errors.New("flatesplice: inflated data exceeds the limit")
)

// Block is where one DEFLATE block starts: Bit is the offset of its 3-bit
// header in the compressed stream (bit 0 is the least significant bit of
// the first byte), Out the offset in the inflated content of its first
// byte. Every block start is a valid splice point.
type Block struct {
	Bit int64
	Out int64
}

// decoder is the state of one Inflate call. The bit buffer b holds nb
// valid bits (at least 56 after a refill); bits above nb are zero or the
// stream's next bits, so reloading them is harmless. Past the end of src
// the buffer is filled with zero bytes (pos counts them too): a stream
// that uses them is truncated, which Inflate reports.
type decoder struct {
	src    []byte
	pos    int
	b      uint64
	nb     uint
	buf    []byte // output; len(buf) is the room allocated so far
	o      int    // bytes of output written
	maxOut int

	lit, dist, clen table
	litPrimary      [1 << litBits]uint32
	distPrimary     [1 << distBits]uint32
	clenPrimary     [1 << clenBits]uint32
	lens            [maxNumLit + maxNumDist]uint8
}

// BlockGap is the least content between two blocks Inflate records.
// Writers make blocks of 16–64 KiB; a hostile stream of empty or one-byte
// blocks (two bytes of input each) would otherwise make the list several
// times larger than the input. Skipping a block costs a splice at most
// BlockGap more bytes to deflate.
const BlockGap = 1 << 10

// Inflate decodes the raw DEFLATE stream src into dst's storage (dst's
// contents are overwritten; its capacity is used when large enough) and
// returns the content and block starts in stream order: the first block,
// at {0, 0}, and every block that starts at least BlockGap bytes of
// content after the last one recorded (so at most maxOut/BlockGap+1). The
// content may not exceed maxOut bytes: a stream that inflates to more
// returns ErrTooLarge. On error the returned content and blocks are nil.
func Inflate(dst []byte, src []byte, maxOut int) (out []byte, blocks []Block, err error) {
	return inflate(dst, src, maxOut, BlockGap)
}

// inflate is Inflate recording blocks gap bytes apart (tests use 0: every
// block).
func inflate(dst []byte, src []byte, maxOut, gap int) (out []byte, blocks []Block, err error) {
	if maxOut < 0 {
		maxOut = 0
	}
	d := &decoder{src: src, maxOut: maxOut, buf: dst[:cap(dst)]}
	if len(d.buf) > maxOut {
		d.buf = d.buf[:maxOut]
	}
	d.lit.primary = d.litPrimary[:]
	d.dist.primary = d.distPrimary[:]
	d.clen.primary = d.clenPrimary[:]
	blocks = make([]Block, 0, 16)
	for {
		if err := d.refill(); err != nil {
			return nil, nil, err
		}
		if gap == 0 || len(blocks) == 0 || int64(d.o) >= blocks[len(blocks)-1].Out+int64(gap) {
			blocks = append(blocks, Block{Bit: d.bitPos(), Out: int64(d.o)})
		}
		final := d.b&1 == 1
		typ := (d.b >> 1) & 3
		d.b >>= 3
		d.nb -= 3
		switch typ {
		case 0:
			err = d.stored()
		case 1:
			err = d.huffman(&fixedLit, &fixedDist)
		case 2:
			if err = d.readTables(); err == nil {
				err = d.huffman(&d.lit, &d.dist)
			}
		default:
			err = d.corrupt()
		}
		if err != nil {
			return nil, nil, err
		}
		if final {
			break
		}
	}
	if d.bitPos() > int64(len(src))*8 {
		return nil, nil, d.truncated()
	}
	return d.buf[:d.o], blocks, nil
}

func (d *decoder) bitPos() int64 { return int64(d.pos)*8 - int64(d.nb) }

func (d *decoder) corrupt() error {
	if d.bitPos() > int64(len(d.src))*8 {
		return d.truncated() // garbage decoded from the zero bytes past the end
	}
	return fmt.Errorf("%w (bit %d)", ErrCorrupt, d.bitPos())
}

func (d *decoder) truncated() error {
	return fmt.Errorf("%w (%d bytes)", ErrTruncated, len(d.src))
}

func (d *decoder) tooLarge() error {
	return fmt.Errorf("%w (%d bytes)", ErrTooLarge, d.maxOut)
}

// refill tops the bit buffer up to at least 56 bits.
func (d *decoder) refill() error {
	if d.pos+8 <= len(d.src) {
		d.b |= binary.LittleEndian.Uint64(d.src[d.pos:]) << d.nb
		d.pos += int(63-d.nb) >> 3
		d.nb |= 56
		return nil
	}
	return d.refillSlow()
}

// refillSlow refills near the end of src, with zero bytes past it. More
// than 8 of those in the stream so far means bits past the end were
// consumed (the buffer holds at most 63).
func (d *decoder) refillSlow() error {
	for d.nb < 56 {
		if d.pos < len(d.src) {
			d.b |= uint64(d.src[d.pos]) << d.nb
		}
		d.pos++
		d.nb += 8
	}
	if d.pos > len(d.src)+8 {
		return d.truncated()
	}
	return nil
}

// grow makes room for need more bytes of output, within maxOut.
func (d *decoder) grow(need int) error {
	if need > d.maxOut-d.o {
		return d.tooLarge()
	}
	n := min(max(2*len(d.buf), d.o+need, 64<<10), d.maxOut)
	buf := make([]byte, n)
	copy(buf, d.buf[:d.o])
	d.buf = buf
	return nil
}

// stored copies a stored block (BTYPE 00): byte-aligned LEN, NLEN, data.
func (d *decoder) stored() error {
	d.b >>= d.nb & 7
	d.nb &^= 7
	p := d.pos - int(d.nb/8)
	d.b, d.nb, d.pos = 0, 0, p
	if p+4 > len(d.src) {
		return d.truncated()
	}
	n := int(binary.LittleEndian.Uint16(d.src[p:]))
	if uint16(n) != ^binary.LittleEndian.Uint16(d.src[p+2:]) {
		return d.corrupt()
	}
	p += 4
	if n > len(d.src)-p {
		return d.truncated()
	}
	if n > len(d.buf)-d.o {
		if err := d.grow(n); err != nil {
			return err
		}
	}
	copy(d.buf[d.o:], d.src[p:p+n])
	d.o += n
	d.pos = p + n
	return nil
}

var codeOrder = [...]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// readTables reads a dynamic block's code lengths (RFC 1951 section 3.2.7)
// into d.lit and d.dist, refusing what compress/flate refuses.
func (d *decoder) readTables() error {
	// The header and the 19 code-length code lengths take at most 71 bits.
	if err := d.refill(); err != nil {
		return err
	}
	nlit := int(d.b&0x1f) + 257
	ndist := int(d.b>>5&0x1f) + 1
	nclen := int(d.b>>10&0xf) + 4
	d.b >>= 14
	d.nb -= 14
	if nlit > maxNumLit || ndist > maxNumDist {
		return d.corrupt()
	}
	var clens [19]uint8
	for i := range nclen {
		if i == 14 {
			if err := d.refill(); err != nil {
				return err
			}
		}
		clens[codeOrder[i]] = uint8(d.b & 7)
		d.b >>= 3
		d.nb -= 3
	}
	if !d.clen.build(clens[:], clenSym[:], clenBits) {
		return d.corrupt()
	}
	lens := d.lens[:nlit+ndist]
	for i := 0; i < len(lens); {
		if err := d.refill(); err != nil {
			return err
		}
		e := d.clen.primary[d.b&(1<<clenBits-1)]
		if e&flagSpecial != 0 {
			return d.corrupt()
		}
		d.b >>= e & lenMask
		d.nb -= uint(e & lenMask)
		sym := e >> 16
		if sym < 16 {
			lens[i] = uint8(sym)
			i++
			continue
		}
		var rep int
		var fill uint8
		switch sym {
		case 16:
			if i == 0 {
				return d.corrupt()
			}
			rep, fill = 3+int(d.b&3), lens[i-1]
			d.b >>= 2
			d.nb -= 2
		case 17:
			rep = 3 + int(d.b&7)
			d.b >>= 3
			d.nb -= 3
		default:
			rep = 11 + int(d.b&0x7f)
			d.b >>= 7
			d.nb -= 7
		}
		if rep > len(lens)-i {
			return d.corrupt()
		}
		for range rep {
			lens[i] = fill
			i++
		}
	}
	if !d.lit.build(lens[:nlit], litSym[:], litBits) || !d.dist.build(lens[nlit:], distSym[:], distBits) {
		return d.corrupt()
	}
	return nil
}
