package flatesplice

import "math/bits"

// A table entry is one uint32, read by the decoding loop without branches
// on the common path:
//
//	bits  0-4   codeword length to consume (the full length, also in subtables)
//	bit   5     subtable pointer (primary tables only)
//	bit   6     literal byte
//	bit   7     special: end of block, or (with extra = 1) an invalid code
//	bits  8-15  extra bits after the code (length/distance), or subtable bits
//	bits 16-31  value: literal, base length, base distance or subtable offset
const (
	lenMask     = 0x1f
	flagSub     = 1 << 5
	flagLit     = 1 << 6
	flagSpecial = 1 << 7

	entryEOB     = flagSpecial
	entryInvalid = flagSpecial | 1<<8
)

const (
	maxCodeLen = 15
	litBits    = 10 // primary table bits for literal/length codes
	distBits   = 8  // primary table bits for distance codes
	clenBits   = 7  // code-length codes are at most 7 bits: no subtables

	maxNumLit  = 286 // HLIT+257 above this is refused, as compress/flate does
	maxNumDist = 30
)

// table is a two-level decoding table: a primary table indexed by the next
// root bits of the stream, and subtables for longer codes.
type table struct {
	primary []uint32
	sub     []uint32
}

// litSym and distSym give the entry (without code length) for each symbol.
var litSym, distSym, clenSym [288]uint32

var lengthBase = [...]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
	35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
var lengthExtra = [...]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
	3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
var distBase = [...]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
	257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
var distExtra = [...]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
	7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}

// The fixed Huffman tables of RFC 1951 section 3.2.6, built once.
var fixedLit, fixedDist table

func init() {
	for s := range litSym {
		switch {
		case s < 256:
			litSym[s] = flagLit | uint32(s)<<16
		case s == 256:
			litSym[s] = entryEOB
		case s < maxNumLit:
			i := s - 257
			litSym[s] = uint32(lengthExtra[i])<<8 | uint32(lengthBase[i])<<16
		default: // 286 and 287 exist in the fixed code but are not valid
			litSym[s] = entryInvalid
		}
	}
	for s := range distSym {
		if s < maxNumDist {
			distSym[s] = uint32(distExtra[s])<<8 | uint32(distBase[s])<<16
		} else {
			distSym[s] = entryInvalid
		}
	}
	for s := range clenSym {
		clenSym[s] = uint32(s) << 16
	}
	var lens [288]uint8
	for s := range lens {
		switch {
		case s < 144:
			lens[s] = 8
		case s < 256:
			lens[s] = 9
		case s < 280:
			lens[s] = 7
		default:
			lens[s] = 8
		}
	}
	fixedLit.primary = make([]uint32, 1<<litBits)
	fixedDist.primary = make([]uint32, 1<<distBits)
	if !fixedLit.build(lens[:], litSym[:], litBits) {
		panic("flatesplice: fixed literal table")
	}
	for s := range 32 {
		lens[s] = 5
	}
	if !fixedDist.build(lens[:32], distSym[:], distBits) {
		panic("flatesplice: fixed distance table")
	}
}

// build fills t from the code lengths of a canonical Huffman code (RFC 1951
// section 3.2.2) with the entries sym gives. It returns false when the code
// is over-subscribed or incomplete, with compress/flate's exceptions: an
// empty code, and a single code of length 1, are accepted (their unused
// bit patterns decode to entryInvalid).
func (t *table) build(lens []uint8, sym []uint32, root uint) bool {
	var count [maxCodeLen + 1]int
	maxLen := 0
	for _, n := range lens {
		count[n]++
		maxLen = max(maxLen, int(n))
	}
	count[0] = 0
	left := 1
	for n := 1; n <= maxCodeLen; n++ {
		left = left<<1 - count[n]
		if left < 0 {
			return false // over-subscribed
		}
	}
	complete := left == 0
	if !complete && maxLen != 0 && !(maxLen == 1 && count[1] == 1) {
		return false // incomplete
	}
	if !complete {
		for i := range t.primary {
			t.primary[i] = entryInvalid
		}
	}
	// next[n] is the next canonical code of length n.
	var next [maxCodeLen + 2]int
	code := 0
	for n := 1; n <= maxCodeLen; n++ {
		code = (code + count[n-1]) << 1
		next[n] = code
	}
	t.sub = t.sub[:0]
	rootMask := 1<<root - 1
	// Subtables first: each primary slot reached by a longer code points
	// to a subtable as wide as the longest code through that slot.
	if maxLen > int(root) {
		var subLen [1 << litBits]uint8
		c := next
		for _, n := range lens {
			if int(n) > int(root) {
				r := reverse(c[n], n)
				c[n]++
				p := r & rootMask
				subLen[p] = max(subLen[p], n-uint8(root))
			}
		}
		for p := 0; p <= rootMask; p++ {
			if subLen[p] == 0 {
				continue
			}
			off := len(t.sub)
			size := 1 << subLen[p]
			for range size {
				t.sub = append(t.sub, entryInvalid)
			}
			t.primary[p] = flagSub | uint32(subLen[p])<<8 | uint32(off)<<16
		}
	}
	for s, n := range lens {
		if n == 0 {
			continue
		}
		r := reverse(next[n], n)
		next[n]++
		e := sym[s] | uint32(n)
		if int(n) <= int(root) {
			for i := r; i <= rootMask; i += 1 << n {
				t.primary[i] = e
			}
			continue
		}
		ptr := t.primary[r&rootMask]
		off := int(ptr >> 16)
		sbits := int(ptr>>8) & 0xff
		for i := r >> root; i < 1<<sbits; i += 1 << (int(n) - int(root)) {
			t.sub[off+i] = e
		}
	}
	return true
}

// reverse returns the n low bits of code in reverse order: DEFLATE packs
// Huffman codes starting with their most significant bit.
func reverse(code int, n uint8) int {
	return int(bits.Reverse16(uint16(code)) >> (16 - n))
}
