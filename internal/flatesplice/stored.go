package flatesplice

import (
	"bufio"
	"encoding/binary"
	"hash/crc32"
	"io"
)

// StoredCRC reads a raw DEFLATE stream from r and, when every block of it
// is a stored block (BTYPE 00), returns the CRC-32 (IEEE) and length of
// its content, computed on the stored bytes where they lie in r's buffer:
// nothing is inflated or copied. Word and zip writers deflate pictures and
// other incompressible parts into stored blocks, and verifying such a part
// would otherwise copy it three times (into the inflater's window, out of
// it, into the checksum). ok is false, with r consumed up to somewhere in
// the stream, at the first compressed block and at anything malformed or
// truncated: the caller then reads the part with an inflater, which
// reports what is wrong.
func StoredCRC(r *bufio.Reader) (crc uint32, n int64, ok bool) {
	var hdr [5]byte
	for {
		// A stored block's 3 header bits start a byte here (the stream's
		// first block, or one after a stored block's byte-aligned data);
		// the byte's other 5 bits are padding, then LEN and NLEN.
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			return 0, 0, false
		}
		final, kind := hdr[0]&1 == 1, hdr[0]>>1&3
		size := binary.LittleEndian.Uint16(hdr[1:])
		if kind != 0 || size != ^binary.LittleEndian.Uint16(hdr[3:]) {
			return 0, 0, false
		}
		for left := int(size); left > 0; {
			b, _ := r.Peek(min(left, r.Size()))
			if len(b) == 0 { // truncated
				return 0, 0, false
			}
			crc = crc32.Update(crc, crc32.IEEETable, b)
			_, _ = r.Discard(len(b))
			left -= len(b)
			n += int64(len(b))
		}
		if final {
			return crc, n, true
		}
	}
}
