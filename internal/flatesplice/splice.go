package flatesplice

import (
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"sync"
)

// ErrBadBlock is returned by Splice when the block to splice at lies
// outside src: blocks and src do not belong together.
var ErrBadBlock = errors.New("flatesplice: splice point outside the stream")

// Keep returns the block to splice at for an edit that leaves the content
// before offset keep unchanged: the last block (in stream order) starting
// at or before keep. Its Out is where the new tail starts. Without blocks
// it returns the zero Block, which means deflating everything.
func Keep(blocks []Block, keep int) Block {
	var k Block
	for _, b := range blocks {
		if b.Out > int64(keep) {
			break
		}
		k = b
	}
	return k
}

// Splice writes to w a raw DEFLATE stream whose content is the content of
// src up to Keep(blocks, keep).Out followed by tail, and returns the bytes
// written. blocks must be what Inflate returned for src, and the caller
// passes tail = newContent[Keep(blocks, keep).Out:].
//
// The stream is sound because:
//   - the blocks before the splice point are copied bit for bit, so they
//     decode to exactly what they decoded to before, back-references
//     included (they only refer to content before themselves, all kept);
//     none of them is final, as only the last block of a stream is;
//   - the copy usually ends inside a byte, and a compressor writes whole
//     bytes, so an empty stored block (BFINAL 0, BTYPE 00, padding to the
//     byte, LEN 0000, NLEN FFFF — compress/flate's sync flush) follows: it
//     adds no content and leaves the stream byte-aligned;
//   - the tail is deflated by a fresh compress/flate writer, which never
//     refers back before its own start, and ends the stream with its final
//     block.
//
// level is a compress/flate level. When the splice point is the start of
// the stream, the result is simply tail deflated.
func Splice(w io.Writer, src []byte, blocks []Block, keep int, tail []byte, level int) (written int64, err error) {
	return SpliceParts(w, src, blocks, keep, level, tail)
}

// SpliceParts is Splice with the tail given in pieces, deflated one after
// another as one tail: a caller that holds the new content as the old
// content up to keep and a new ending passes content[Keep(blocks,
// keep).Out:keep] and the ending, without joining them.
func SpliceParts(w io.Writer, src []byte, blocks []Block, keep int, level int, tail ...[]byte) (written int64, err error) {
	at := Keep(blocks, keep)
	if at.Bit < 0 || at.Out < 0 || at.Bit > int64(len(src))*8 {
		return 0, fmt.Errorf("%w: bit %d of %d bytes", ErrBadBlock, at.Bit, len(src))
	}
	cw := &countWriter{w: w}
	if at.Bit > 0 {
		if err := writePrefix(cw, src, at.Bit); err != nil {
			return cw.n, err
		}
	}
	fw, err := Writer(cw, level)
	if err != nil {
		return cw.n, err
	}
	defer Release(fw, level)
	for _, t := range tail {
		if _, err := fw.Write(t); err != nil {
			return cw.n, err
		}
	}
	if err := fw.Close(); err != nil {
		return cw.n, err
	}
	return cw.n, nil
}

// writePrefix writes the first bits bits of src and, unless they end on a
// byte boundary, the empty stored block that aligns them.
func writePrefix(w io.Writer, src []byte, bits int64) error {
	full, rest := bits/8, uint(bits%8)
	if _, err := w.Write(src[:full]); err != nil {
		return err
	}
	if rest == 0 {
		return nil
	}
	// The header's 3 zero bits go after the rest bits of the last byte;
	// from bit 6 on they spill into one more byte. Zero padding up to the
	// byte, then LEN and NLEN.
	tail := []byte{src[full] & (1<<rest - 1)}
	if rest+3 > 8 {
		tail = append(tail, 0)
	}
	tail = append(tail, 0x00, 0x00, 0xff, 0xff)
	_, err := w.Write(tail)
	return err
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// A flate.Writer carries about a megabyte of tables, and its first use
// costs a page fault for each page of its hash table (read before it is
// written, so twice, the second with a TLB flush on every core the process
// runs on): one pool per level, shared with opc's writer of whole parts.
var writerPools [flate.BestCompression - flate.HuffmanOnly + 1]sync.Pool

// Writer returns a pooled flate writer of the level, reset to write to w;
// Release returns it.
func Writer(w io.Writer, level int) (*flate.Writer, error) {
	if level < flate.HuffmanOnly || level > flate.BestCompression {
		return nil, fmt.Errorf("flatesplice: invalid compression level %d", level)
	}
	if fw, ok := writerPools[level-flate.HuffmanOnly].Get().(*flate.Writer); ok {
		fw.Reset(w)
		return fw, nil
	}
	return flate.NewWriter(w, level)
}

// Release returns a writer from Writer to the pool.
func Release(fw *flate.Writer, level int) {
	fw.Reset(nil)
	writerPools[level-flate.HuffmanOnly].Put(fw)
}
