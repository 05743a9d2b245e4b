package flatesplice

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"path/filepath"
	"testing"
)

// stream is one raw DEFLATE stream and where it came from.
type stream struct {
	name string
	raw  []byte
}

// corpusStreams returns every deflated part of the corpus packages: streams
// written by Word, WPS, LibreOffice, POI and Go, with stored, fixed and
// dynamic blocks.
func corpusStreams(t testing.TB) []stream {
	t.Helper()
	var out []stream
	seen := map[string]bool{}
	for _, dir := range []string{"real", "gongwen", "poi"} {
		files, _ := filepath.Glob(filepath.Join("../../../shared/corpus", dir, "*"))
		for _, path := range files {
			zr, err := zip.OpenReader(path)
			if err != nil {
				continue // not a zip (.doc, manifest.json) or a damaged one
			}
			for _, f := range zr.File {
				if f.Method != zip.Deflate {
					continue
				}
				rc, err := f.OpenRaw()
				if err != nil {
					continue
				}
				raw, err := io.ReadAll(rc)
				if err != nil {
					continue
				}
				if !seen[string(raw)] { // templates share their styles, themes, fonts
					seen[string(raw)] = true
					out = append(out, stream{filepath.Base(path) + "/" + f.Name, raw})
				}
			}
			zr.Close()
		}
	}
	if len(out) < 50 {
		t.Fatalf("only %d corpus streams found: is ../shared/corpus there?", len(out))
	}
	if raceEnabled {
		sample := out[:0]
		for i := 0; i < len(out); i += 8 {
			sample = append(sample, out[i])
		}
		out = sample
	}
	return out
}

// stdInflate is compress/flate's verdict on src: its content, and whether
// it read the stream to its final block without error.
func stdInflate(src []byte, maxOut int) ([]byte, bool) {
	r := flate.NewReader(bytes.NewReader(src))
	buf := bytes.NewBuffer(make([]byte, 0, min(maxOut+1, 16*len(src)+512)))
	_, err := buf.ReadFrom(io.LimitReader(r, int64(maxOut)+1))
	if err != nil || buf.Len() > maxOut {
		return buf.Bytes(), false
	}
	return buf.Bytes(), true
}

func deflate(t testing.TB, data []byte, level int) []byte {
	t.Helper()
	var buf bytes.Buffer
	fw, err := flate.NewWriter(&buf, level)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	fw.Close()
	return buf.Bytes()
}

// xmlLike makes n bytes of repetitive markup with some noise, the shape of
// a document.xml.
func xmlLike(r *rand.Rand, n int) []byte {
	words := []string{`<w:p><w:pPr><w:jc w:val="center"/></w:pPr>`, `<w:r><w:t>`, `</w:t></w:r>`,
		`</w:p>`, "公文公开属性", `<w:rPr><w:rFonts w:ascii="仿宋_GB2312"/><w:sz w:val="32"/></w:rPr>`}
	var b bytes.Buffer
	for b.Len() < n {
		if r.IntN(4) == 0 {
			for range r.IntN(20) {
				b.WriteByte(byte(r.Uint32()))
			}
		}
		b.WriteString(words[r.IntN(len(words))])
	}
	return b.Bytes()[:n]
}

func TestInflateMatchesCompressFlateOnCorpus(t *testing.T) {
	streams := corpusStreams(t)
	var types [4]int
	for _, s := range streams {
		want, ok := stdInflate(s.raw, 256<<20)
		if !ok {
			t.Fatalf("%s: compress/flate refuses a corpus stream", s.name)
		}
		got, blocks, err := Inflate(nil, s.raw, len(want))
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("%s: content differs from compress/flate's", s.name)
		}
		checkBlocks(t, s.name, s.raw, blocks, len(want), BlockGap)
		_, all, _ := inflate(nil, s.raw, len(want), 0)
		checkBlocks(t, s.name, s.raw, all, len(want), 0)
		for _, b := range all {
			types[bitsAt(s.raw, b.Bit+1, 2)]++ // BTYPE
		}
	}
	t.Logf("%d streams; blocks: %d stored, %d fixed, %d dynamic", len(streams), types[0], types[1], types[2])
	if types[0] == 0 || types[1] == 0 || types[2] == 0 {
		t.Errorf("the corpus no longer has every kind of block: %v", types)
	}
}

// checkBlocks asserts that blocks start at {0,0}, follow each other at
// least gap bytes of content apart, and lie within the stream. That each
// is a real block start is what the splice tests check.
func checkBlocks(t *testing.T, name string, raw []byte, blocks []Block, size, gap int) {
	t.Helper()
	if len(blocks) == 0 || blocks[0] != (Block{}) {
		t.Fatalf("%s: first block %v, want {0 0}", name, blocks)
	}
	for i := 1; i < len(blocks); i++ {
		if blocks[i].Bit <= blocks[i-1].Bit || blocks[i].Out < blocks[i-1].Out+int64(gap) {
			t.Fatalf("%s: block %d %v does not follow %v", name, i, blocks[i], blocks[i-1])
		}
	}
	if last := blocks[len(blocks)-1]; last.Bit >= int64(len(raw))*8 || last.Out > int64(size) {
		t.Fatalf("%s: last block %v out of bounds", name, last)
	}
}

func TestInflateMatchesCompressFlateOnGeneratedData(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	sizes := []int{0, 1, 2, 100, 258, 32 << 10, 70 << 10, 1 << 20}
	if raceEnabled {
		sizes = sizes[:7]
	}
	levels := []int{flate.HuffmanOnly, flate.NoCompression, flate.BestSpeed, 2, flate.DefaultCompression, flate.BestCompression}
	for _, n := range sizes {
		for _, data := range [][]byte{xmlLike(r, n), bytes.Repeat([]byte{'a'}, n), randomBytes(r, n)} {
			for _, level := range levels {
				raw := deflate(t, data, level)
				got, blocks, err := Inflate(make([]byte, 0, r.IntN(n+1)), raw, n)
				if err != nil {
					t.Fatalf("size %d level %d: %v", n, level, err)
				}
				if !bytes.Equal(got, data) {
					t.Fatalf("size %d level %d: content differs", n, level)
				}
				checkBlocks(t, "generated", raw, blocks, n, BlockGap)
			}
		}
	}
}

func randomBytes(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func newRand() *rand.Rand { return rand.New(rand.NewPCG(7, 11)) }

// bitsAt reads n bits of a stream from bit offset bit, least significant first.
func bitsAt(raw []byte, bit int64, n int) int {
	v := 0
	for i := range n {
		p := bit + int64(i)
		v |= int(raw[p/8]>>(p%8)&1) << i
	}
	return v
}
