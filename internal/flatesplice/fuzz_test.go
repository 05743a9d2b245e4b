package flatesplice

import (
	"bytes"
	"compress/flate"
	"math/rand/v2"
	"testing"
)

const fuzzMaxOut = 1 << 20

// FuzzInflate: on any input Inflate agrees with compress/flate — the same
// content, or both refuse — and never panics.
func FuzzInflate(f *testing.F) {
	for _, s := range corpusStreams(f) {
		if len(s.raw) < 2048 {
			f.Add(s.raw)
		}
	}
	f.Add(dynamicStream(fourCodes, []uint8{1, 1}, ababa(1)))
	f.Add(dynamicStream(fourCodes, []uint8{0, 1}, ababa(0)))
	f.Add([]byte{0x00, 0, 0, 0xff, 0xff, 0x01, 1, 0, 0xfe, 0xff, 'y'})
	f.Add(deflate(f, bytes.Repeat([]byte("公文 "), 300), flate.HuffmanOnly))
	f.Fuzz(func(t *testing.T, src []byte) {
		got, blocks, err := Inflate(nil, src, fuzzMaxOut)
		want, ok := stdInflate(src, fuzzMaxOut)
		if ok != (err == nil) {
			t.Fatalf("compress/flate ok %v, Inflate err %v", ok, err)
		}
		if ok && !bytes.Equal(got, want) {
			t.Fatalf("content differs: %d bytes, compress/flate %d", len(got), len(want))
		}
		if ok && (len(blocks) == 0 || blocks[0] != (Block{})) {
			t.Fatalf("blocks %v", blocks)
		}
	})
}

// FuzzSplice: for any content, way of deflating it, and edit, the spliced
// stream inflates to the edited content.
func FuzzSplice(f *testing.F) {
	f.Add([]byte("<w:p><w:r><w:t>公文公开属性</w:t></w:r></w:p>"), uint64(0), []byte("不予公开"))
	f.Add(bytes.Repeat([]byte("<w:t>a</w:t>"), 100), uint64(1), []byte{})
	f.Add(bytes.Repeat([]byte{0}, 500), uint64(2), []byte("x"))
	f.Add([]byte{}, uint64(3), []byte("new"))
	f.Fuzz(func(t *testing.T, data []byte, seed uint64, ins []byte) {
		if len(data) > 64<<10 {
			return
		}
		r := rand.New(rand.NewPCG(seed, seed>>32))
		raw := fuzzDeflate(t, r, data)
		keep := r.IntN(len(data) + 1)
		next := edit(data, keep, r.IntN(8), ins)
		levels := []int{flate.HuffmanOnly, flate.NoCompression, flate.BestSpeed, flate.DefaultCompression}
		checkSplice(t, "fuzz", raw, allBlocks(t, raw, len(data)), next, keep, levels[r.IntN(len(levels))])
	})
}

// fuzzDeflate deflates data in one of several shapes: compress/flate at
// some level with sync flushes at random points (byte-aligned blocks), or
// hand-made fixed blocks of random length (blocks at any bit).
func fuzzDeflate(t *testing.T, r *rand.Rand, data []byte) []byte {
	if r.IntN(3) == 0 {
		var w bitWriter
		for rest := data; ; {
			n := min(r.IntN(64), len(rest))
			final := n == len(rest)
			w.header(final, 1)
			for _, c := range rest[:n] {
				w.fixedSym(int(c))
			}
			w.fixedSym(256)
			if final {
				return w.bytes()
			}
			rest = rest[n:]
		}
	}
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, r.IntN(11)-1)
	if err != nil {
		t.Fatal(err)
	}
	for rest := data; len(rest) > 0; {
		n := min(1+r.IntN(len(rest)), len(rest))
		fw.Write(rest[:n])
		if r.IntN(2) == 0 {
			fw.Flush()
		}
		rest = rest[n:]
	}
	fw.Close()
	return buf.Bytes()
}
