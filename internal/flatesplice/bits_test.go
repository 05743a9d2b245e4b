package flatesplice

// A bit writer for building streams by hand in tests: hostile ones, and
// blocks whose boundaries fall at every bit of a byte.

type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

// bits writes the n low bits of v, least significant first.
func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= (v & (1<<n - 1)) << w.n
	w.n += n
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

// code writes a Huffman code, most significant bit first.
func (w *bitWriter) code(c int, n uint8) {
	w.bits(uint64(reverse(c, n)), uint(n))
}

func (w *bitWriter) align() {
	if w.n > 0 {
		w.bits(0, 8-w.n)
	}
}

func (w *bitWriter) bytes() []byte {
	w.align()
	return w.out
}

// header writes a block header.
func (w *bitWriter) header(final bool, typ uint64) {
	f := uint64(0)
	if final {
		f = 1
	}
	w.bits(f|typ<<1, 3)
}

// fixedSym writes a literal/length symbol of the fixed code.
func (w *bitWriter) fixedSym(s int) {
	switch {
	case s < 144:
		w.code(0x30+s, 8)
	case s < 256:
		w.code(0x190+s-144, 9)
	case s < 280:
		w.code(s-256, 7)
	default:
		w.code(0xc0+s-280, 8)
	}
}

// canonical returns the canonical codes for lens (RFC 1951 3.2.2).
func canonical(lens []uint8) []int {
	var count, next [maxCodeLen + 2]int
	for _, n := range lens {
		count[n]++
	}
	count[0] = 0
	code := 0
	for n := 1; n <= maxCodeLen; n++ {
		code = (code + count[n-1]) << 1
		next[n] = code
	}
	codes := make([]int, len(lens))
	for s, n := range lens {
		if n > 0 {
			codes[s] = next[n]
			next[n]++
		}
	}
	return codes
}

// clenLens is a complete code for the 19 code-length symbols.
var clenLens = func() []uint8 {
	l := make([]uint8, 19)
	for s := range l {
		l[s] = 4
		if s >= 13 {
			l[s] = 5
		}
	}
	return l
}()

// dynamicHeader writes a dynamic block's header with the given HLIT+257
// and HDIST+1 counts and code lengths, each length sent as itself (no
// repeat codes), and returns the literal and distance codes.
func (w *bitWriter) dynamicHeader(final bool, lit, dist []uint8) (litCodes, distCodes []int) {
	w.header(final, 2)
	w.bits(uint64(len(lit)-257), 5)
	w.bits(uint64(len(dist)-1), 5)
	w.clenCode()
	cc := canonical(clenLens)
	for _, n := range append(append([]uint8{}, lit...), dist...) {
		w.code(cc[n], clenLens[n])
	}
	return canonical(lit), canonical(dist)
}

// clenCode writes HCLEN = 15 (19 lengths) and clenLens in codeOrder.
func (w *bitWriter) clenCode() {
	w.bits(15, 4)
	for _, s := range codeOrder {
		w.bits(uint64(clenLens[s]), 3)
	}
}

// clenSymbol writes one code-length symbol with its extra bits.
func (w *bitWriter) clenSymbol(s int, extra uint64, n uint) {
	w.code(canonical(clenLens)[s], clenLens[s])
	w.bits(extra, n)
}
