package flatesplice

import (
	"bytes"
	"compress/flate"
	"errors"
	"math/rand/v2"
	"testing"
)

// edit returns content with ins inserted at at and del bytes removed there.
func edit(content []byte, at, del int, ins []byte) []byte {
	del = min(del, len(content)-at)
	out := append([]byte{}, content[:at]...)
	out = append(out, ins...)
	return append(out, content[at+del:]...)
}

// allBlocks inflates raw, which holds n bytes, recording every block.
func allBlocks(t *testing.T, raw []byte, n int) []Block {
	t.Helper()
	_, blocks, err := inflate(nil, raw, n, 0)
	if err != nil {
		t.Fatal(err)
	}
	return blocks
}

// checkSplice splices raw (whose block starts are blocks) for next, whose
// first keep bytes are raw's content's, and asserts that compress/flate
// inflates the result to next and that the kept prefix is raw's bytes
// verbatim.
func checkSplice(t *testing.T, name string, raw []byte, blocks []Block, next []byte, keep, level int) {
	t.Helper()
	at := Keep(blocks, keep)
	var buf bytes.Buffer
	n, err := Splice(&buf, raw, blocks, keep, next[at.Out:], level)
	if err != nil {
		t.Fatalf("%s: splice at %d: %v", name, keep, err)
	}
	if n != int64(buf.Len()) {
		t.Fatalf("%s: Splice says %d bytes, wrote %d", name, n, buf.Len())
	}
	if !bytes.Equal(buf.Bytes()[:at.Bit/8], raw[:at.Bit/8]) {
		t.Fatalf("%s: the kept blocks were not copied verbatim", name)
	}
	got, ok := stdInflate(buf.Bytes(), len(next)+1)
	if !ok || !bytes.Equal(got, next) {
		t.Fatalf("%s: keep %d (block %v): spliced stream inflates to %d bytes (ok %v), want %d",
			name, keep, at, len(got), ok, len(next))
	}
	// The same tail in two pieces, cut where the old content would end.
	cut := min(max(keep-int(at.Out), 0), len(next)-int(at.Out))
	buf.Reset()
	if _, err := SpliceParts(&buf, raw, blocks, keep, level, next[at.Out:int(at.Out)+cut], next[int(at.Out)+cut:]); err != nil {
		t.Fatalf("%s: SpliceParts: %v", name, err)
	}
	if got, ok := stdInflate(buf.Bytes(), len(next)+1); !ok || !bytes.Equal(got, next) {
		t.Fatalf("%s: keep %d: SpliceParts's stream inflates to %d bytes, want %d", name, keep, len(got), len(next))
	}
}

func TestSpliceOnCorpus(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	spliced := 0
	ins := []byte("<w:t>不予公开</w:t>")
	for _, s := range corpusStreams(t) {
		orig, _ := stdInflate(s.raw, 256<<20)
		blocks := allBlocks(t, s.raw, len(orig))
		// Edits that keep the rest of the part: near the end, as
		// docattr's, and anywhere.
		keeps := []int{len(orig) * 999 / 1000, r.IntN(len(orig) + 1), len(orig)}
		if len(orig) > 256<<10 {
			keeps = keeps[:1]
		}
		for _, keep := range keeps {
			next := edit(orig, keep, r.IntN(40), ins)
			checkSplice(t, s.name, s.raw, blocks, next, keep, flate.BestSpeed)
		}
		// At and just before every block start (the last few of a large
		// part), with the content cut a little after the edit so that
		// only a short tail is deflated.
		if len(orig) > 256<<10 {
			blocks = blocks[max(len(blocks)-3, 0):]
		}
		for _, b := range blocks {
			for _, keep := range []int{int(b.Out), max(int(b.Out)-1, 0)} {
				next := edit(orig[:min(keep+100, len(orig))], keep, 1, ins)
				checkSplice(t, s.name, s.raw, blocks, next, keep, flate.BestSpeed)
				if b.Bit > 0 {
					spliced++
				}
			}
		}
	}
	if spliced == 0 {
		t.Fatal("no corpus stream had a block to splice after")
	}
}

func TestSpliceGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	cases := []struct {
		name  string
		data  []byte
		level int
	}{
		{"xml best speed", xmlLike(r, 600<<10), flate.BestSpeed},
		{"xml default", xmlLike(r, 600<<10), flate.DefaultCompression},
		{"xml huffman only", xmlLike(r, 300<<10), flate.HuffmanOnly},
		{"random stored", randomBytes(r, 300<<10), flate.NoCompression},
		{"random default", randomBytes(r, 300<<10), flate.DefaultCompression},
		{"empty", nil, flate.BestSpeed},
	}
	for _, c := range cases {
		if raceEnabled && len(c.data) > 300<<10 {
			continue
		}
		raw := deflate(t, c.data, c.level)
		blocks := allBlocks(t, raw, len(c.data))
		for range 6 {
			keep := r.IntN(len(c.data) + 1)
			next := edit(c.data, keep, r.IntN(100), randomBytes(r, r.IntN(100)))
			for _, level := range []int{flate.BestSpeed, flate.NoCompression, flate.BestCompression} {
				checkSplice(t, c.name, raw, blocks, next, keep, level)
			}
		}
	}
}

// Every alignment of the splice point in its byte must give a valid
// stream (the stored block's header spills into a second byte from bit 6
// on): fixed blocks of random length move the block starts to every bit.
func TestSpliceEveryBitAlignment(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	var w bitWriter
	var data []byte
	for i := range 40 {
		w.header(i == 39, 1)
		for range r.IntN(12) {
			c := int(r.Uint32() % 256)
			w.fixedSym(c)
			data = append(data, byte(c))
		}
		w.fixedSym(256)
	}
	raw := w.bytes()
	blocks := allBlocks(t, raw, len(data))
	seen := map[int64]bool{}
	for _, b := range blocks {
		seen[b.Bit%8] = true
		checkSplice(t, "fixed blocks", raw, blocks, edit(data, int(b.Out), 1, []byte("x")), int(b.Out), flate.BestSpeed)
	}
	if len(seen) < 8 {
		t.Errorf("block starts at only %d of 8 bit alignments", len(seen))
	}
}

func TestSpliceRefusesWhatIsNotItsStream(t *testing.T) {
	raw := deflate(t, []byte("hello"), flate.BestSpeed)
	var buf bytes.Buffer
	if _, err := Splice(&buf, raw, []Block{{0, 0}, {Bit: 1 << 20, Out: 1}}, 3, nil, flate.BestSpeed); !errors.Is(err, ErrBadBlock) {
		t.Errorf("block past the stream: err %v, want ErrBadBlock", err)
	}
	if _, err := Splice(&buf, raw, nil, 0, nil, 42); err == nil {
		t.Error("level 42 accepted")
	}
}

func TestKeep(t *testing.T) {
	blocks := []Block{{0, 0}, {100, 10}, {200, 10}, {300, 50}}
	cases := []struct {
		keep int
		want Block
	}{
		{0, Block{0, 0}},
		{9, Block{0, 0}},
		{10, Block{200, 10}}, // an empty block at the same offset: the later one
		{49, Block{200, 10}},
		{50, Block{300, 50}},
		{1000, Block{300, 50}},
	}
	for _, c := range cases {
		if got := Keep(blocks, c.keep); got != c.want {
			t.Errorf("Keep(%d) = %v, want %v", c.keep, got, c.want)
		}
	}
	if got := Keep(nil, 5); got != (Block{}) {
		t.Errorf("Keep(nil) = %v", got)
	}
}
