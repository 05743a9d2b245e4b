package flatesplice

import (
	"bytes"
	"compress/flate"
	"errors"
	"testing"
)

// litLens returns 257 literal/length code lengths with the given ones set.
func litLens(set map[int]uint8) []uint8 {
	l := make([]uint8, 257+1)
	for s, n := range set {
		l[s] = n
	}
	return l
}

// fourCodes is a complete literal/length code: 'a', 'b', end of block and
// length 3, two bits each.
var fourCodes = litLens(map[int]uint8{'a': 2, 'b': 2, 256: 2, 257: 2})

// dynamicStream writes one final dynamic block with lit and dist lengths
// and lets body write its symbols.
func dynamicStream(lit, dist []uint8, body func(w *bitWriter, lc, dc []int)) []byte {
	var w bitWriter
	lc, dc := w.dynamicHeader(true, lit, dist)
	body(&w, lc, dc)
	return w.bytes()
}

// ababa writes a, b, then a length-3 match at distance 2, then end of block.
func ababa(distBit int) func(w *bitWriter, lc, dc []int) {
	return func(w *bitWriter, lc, dc []int) {
		w.code(lc['a'], 2)
		w.code(lc['b'], 2)
		w.code(lc[257], 2)
		w.bits(uint64(distBit), 1) // distance code 1 (distance 2) or 0
		w.code(lc[256], 2)
	}
}

// manualClen writes a dynamic header up to its code-length symbols and lets
// syms write them.
func manualClen(hlit, hdist uint64, syms func(w *bitWriter)) []byte {
	var w bitWriter
	w.header(true, 2)
	w.bits(hlit, 5)
	w.bits(hdist, 5)
	w.clenCode()
	syms(&w)
	return w.bytes()
}

func fixedStream(body func(w *bitWriter)) []byte {
	var w bitWriter
	w.header(true, 1)
	body(&w)
	return w.bytes()
}

func TestInflateRefusesHostileStreams(t *testing.T) {
	valid := deflate(t, bytes.Repeat([]byte("公文公开属性 "), 200), flate.BestSpeed)
	cases := []struct {
		name   string
		src    []byte
		maxOut int
		want   error
	}{
		{"empty input", nil, 100, ErrTruncated},
		{"reserved block type", []byte{0x07}, 100, ErrCorrupt},
		{"stored NLEN not the complement", []byte{0x01, 5, 0, 0, 0, 'a'}, 100, ErrCorrupt},
		{"stored data cut short", []byte{0x01, 5, 0, 0xfa, 0xff, 'a', 'b'}, 100, ErrTruncated},
		{"stored header cut short", []byte{0x01, 5, 0}, 100, ErrTruncated},
		{"no final block", []byte{0x00, 0, 0, 0xff, 0xff}, 100, ErrTruncated},
		{"distance before the start", fixedStream(func(w *bitWriter) {
			w.fixedSym('a')
			w.fixedSym(257)
			w.code(1, 5) // distance 2, one byte written
			w.fixedSym(256)
		}), 100, ErrCorrupt},
		{"fixed symbol 286", fixedStream(func(w *bitWriter) { w.fixedSym(286) }), 100, ErrCorrupt},
		{"fixed symbol 287", fixedStream(func(w *bitWriter) { w.fixedSym(287) }), 100, ErrCorrupt},
		{"fixed distance code 30", fixedStream(func(w *bitWriter) {
			w.fixedSym('a')
			w.fixedSym(257)
			w.code(30, 5)
		}), 100, ErrCorrupt},
		{"HLIT above 286", manualClen(30, 0, func(*bitWriter) {}), 100, ErrCorrupt},
		{"HDIST above 30", manualClen(0, 30, func(*bitWriter) {}), 100, ErrCorrupt},
		{"over-subscribed code-length code", func() []byte {
			var w bitWriter
			w.header(true, 2)
			w.bits(0, 10)
			w.bits(15, 4)
			for range 19 {
				w.bits(1, 3)
			}
			return w.bytes()
		}(), 100, ErrCorrupt},
		{"incomplete code-length code", func() []byte {
			var w bitWriter
			w.header(true, 2)
			w.bits(0, 10)
			w.bits(0, 4) // 4 lengths: 16, 17, 18, 0
			w.bits(2, 3)
			w.bits(2, 3)
			w.bits(0, 3)
			w.bits(0, 3)
			return w.bytes()
		}(), 100, ErrCorrupt},
		{"repeat with nothing to repeat", manualClen(0, 0, func(w *bitWriter) {
			w.clenSymbol(16, 0, 2)
		}), 100, ErrCorrupt},
		{"repeat past the last length", manualClen(0, 0, func(w *bitWriter) {
			w.clenSymbol(18, 127, 7)
			w.clenSymbol(18, 127, 7)
			w.clenSymbol(18, 0, 7)
		}), 100, ErrCorrupt},
		{"incomplete literal code", dynamicStream(litLens(map[int]uint8{'a': 2, 256: 2}), []uint8{1, 1}, ababa(1)), 100, ErrCorrupt},
		{"over-subscribed literal code", dynamicStream(litLens(map[int]uint8{'a': 1, 'b': 1, 256: 1}), []uint8{1, 1}, ababa(1)), 100, ErrCorrupt},
		{"over-subscribed distance code", dynamicStream(fourCodes, []uint8{1, 1, 1}, ababa(1)), 100, ErrCorrupt},
		{"degenerate distance code used where it has no code",
			dynamicStream(fourCodes, []uint8{0, 1}, ababa(1)), 100, ErrCorrupt},
		{"empty distance code used", dynamicStream(fourCodes, []uint8{0}, ababa(0)), 100, ErrCorrupt},
		{"output over the limit", valid, 200*len("公文公开属性 ") - 1, ErrTooLarge},
		{"bomb over the limit", deflate(t, make([]byte, 8<<20), flate.BestSpeed), 1 << 20, ErrTooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, blocks, err := Inflate(nil, c.src, c.maxOut)
			if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
			if out != nil || blocks != nil {
				t.Error("content or blocks returned with an error")
			}
			if _, ok := stdInflate(c.src, c.maxOut); ok {
				t.Error("compress/flate accepts it: the case tests nothing")
			}
		})
	}
}

func TestInflateAcceptsWhatCompressFlateAccepts(t *testing.T) {
	valid := deflate(t, bytes.Repeat([]byte("公文公开属性 "), 200), flate.BestSpeed)
	cases := []struct {
		name string
		src  []byte
		want string
	}{
		{"dynamic block with a match", dynamicStream(fourCodes, []uint8{1, 1}, ababa(1)), "ababa"},
		{"degenerate distance code, its one code used", dynamicStream(fourCodes, []uint8{0, 1}, ababa(0)), "ababa"},
		{"data after the final block", append([]byte{0x01, 1, 0, 0xfe, 0xff, 'x'}, "trailing garbage"...), "x"},
		{"empty stored block then the final one", []byte{0x00, 0, 0, 0xff, 0xff, 0x01, 1, 0, 0xfe, 0xff, 'y'}, "y"},
		{"output exactly at the limit", valid, string(bytes.Repeat([]byte("公文公开属性 "), 200))},
		{"empty content", deflate(t, nil, flate.BestSpeed), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := Inflate(nil, c.src, len(c.want))
			if err != nil || string(out) != c.want {
				t.Fatalf("got %q, %v; want %q", out, err, c.want)
			}
			if std, ok := stdInflate(c.src, len(c.want)); !ok || string(std) != c.want {
				t.Errorf("compress/flate disagrees: %q, %v", std, ok)
			}
		})
	}
}

// Every proper prefix of a valid stream is refused.
func TestInflateRefusesEveryTruncation(t *testing.T) {
	streams := [][]byte{
		deflate(t, []byte("short"), flate.BestSpeed),
		deflate(t, bytes.Repeat([]byte("<w:p>公文</w:p>"), 3000), flate.DefaultCompression),
		deflate(t, randomBytes(newRand(), 3000), flate.NoCompression),
		dynamicStream(fourCodes, []uint8{1, 1}, ababa(1)),
	}
	for i, s := range streams {
		for n := range len(s) {
			if _, _, err := Inflate(nil, s[:n], 1<<20); err == nil {
				t.Fatalf("stream %d cut to %d of %d bytes: accepted", i, n, len(s))
			}
		}
	}
}

// A stream of a million empty blocks (10 bits each) records one block, not
// a million: the list stays within maxOut/BlockGap+1 entries.
func TestInflateBlockListStaysSmall(t *testing.T) {
	var w bitWriter
	for range 1_000_000 {
		w.header(false, 1)
		w.fixedSym(256)
	}
	w.header(true, 1)
	for range 5000 {
		w.fixedSym('a')
	}
	w.fixedSym(256)
	out, blocks, err := Inflate(nil, w.bytes(), 5000)
	if err != nil || len(out) != 5000 {
		t.Fatalf("%d bytes, %v", len(out), err)
	}
	if len(blocks) != 1 {
		t.Errorf("%d blocks recorded, want 1 (the final block is less than BlockGap after the first)", len(blocks))
	}
}
