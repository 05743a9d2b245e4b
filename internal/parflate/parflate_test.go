package parflate

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// sample is XML-like text with some noise: compressible, as a sheet is.
func sample(n int, seed uint64) []byte {
	rng := rand.New(rand.NewPCG(seed, 7))
	var b bytes.Buffer
	for b.Len() < n {
		b.WriteString(`<row r="`)
		b.WriteString(string(rune('0' + rng.IntN(10))))
		b.WriteString(`"><c t="inlineStr"><is><t>审计事件 `)
		for range rng.IntN(20) {
			b.WriteByte(byte('a' + rng.IntN(26)))
		}
		b.WriteString(`</t></is></c></row>`)
	}
	return b.Bytes()[:n]
}

func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatalf("the stream does not inflate: %v", err)
	}
	return got
}

// Any input, written in any pieces, inflates back to itself as one stream.
func TestRoundTrip(t *testing.T) {
	const block = 4096
	for _, n := range []int{0, 1, block - 1, block, block + 1, 5*block + 17, 40 * block} {
		for _, piece := range []int{1, 333, block, 3 * block} {
			data := sample(n, uint64(n))
			var z bytes.Buffer
			w := newWriter(&z, block)
			for off := 0; off < len(data); off += piece {
				if _, err := w.Write(data[off:min(off+piece, len(data))]); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got := inflate(t, z.Bytes()); !bytes.Equal(got, data) {
				t.Fatalf("n=%d piece=%d: inflated %d bytes, not the %d written", n, piece, len(got), len(data))
			}
		}
	}
}

// The stream ends with a final block: nothing read past it counts, and a
// stream cut short is an error, as for flate.Writer's.
func TestStreamIsFinal(t *testing.T) {
	data := sample(10*BlockSize/4, 3)
	var z bytes.Buffer
	w := newWriter(&z, BlockSize/4)
	w.Write(data)
	w.Close()
	full := z.Bytes()
	withTail := append(append([]byte{}, full...), "trailing garbage"...)
	if got := inflate(t, withTail); !bytes.Equal(got, data) {
		t.Fatal("bytes after the final block were read as data")
	}
	if _, err := io.ReadAll(flate.NewReader(bytes.NewReader(full[:len(full)-3]))); err == nil {
		t.Fatal("a stream without its final block inflated without error")
	}
}

// Size stays close to flate.Writer's at the same level.
func TestSizeCloseToOneStream(t *testing.T) {
	data := sample(8*BlockSize, 5)
	var one, par bytes.Buffer
	fw, _ := flate.NewWriter(&one, flate.BestSpeed)
	fw.Write(data)
	fw.Close()
	w := NewWriter(&par)
	w.Write(data)
	w.Close()
	if float64(par.Len()) > 1.01*float64(one.Len()) {
		t.Fatalf("%d bytes against one stream's %d", par.Len(), one.Len())
	}
}

// A zip entry written through it reads back with a good CRC.
func TestInZip(t *testing.T) {
	data := sample(3*BlockSize+99, 9)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) { return NewWriter(out), nil })
	f, _ := zw.Create("xl/worksheets/sheet1.xml")
	f.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	rc, _ := zr.File[0].Open()
	got, err := io.ReadAll(rc) // checks the CRC at the end
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("read back %d bytes, err %v", len(got), err)
	}
}

type failAfter struct {
	n        int
	writes   int
	attempts int
}

var errFull = errors.New("disk full")

func (f *failAfter) Write(p []byte) (int, error) {
	f.attempts++
	if f.writes == f.n {
		return 0, errFull
	}
	f.writes++
	return len(p), nil
}

// The destination's error stops the stream: later writes and Close return
// it, and nothing more reaches the destination.
func TestDestinationError(t *testing.T) {
	dst := &failAfter{n: 2}
	w := newWriter(dst, 1024)
	data := sample(100*1024, 11)
	var werr error
	for off := 0; off < len(data) && werr == nil; off += 500 {
		_, werr = w.Write(data[off:min(off+500, len(data))])
	}
	if !errors.Is(werr, errFull) {
		t.Fatalf("Write = %v, want the destination's error", werr)
	}
	if err := w.Close(); !errors.Is(err, errFull) {
		t.Fatalf("Close = %v, want the destination's error", err)
	}
	if dst.writes != 2 || dst.attempts != 3 {
		t.Fatalf("destination took %d writes in %d attempts, want 2 in 3", dst.writes, dst.attempts)
	}
	if _, err := w.Write([]byte("x")); !errors.Is(err, ErrClosed) {
		t.Fatalf("Write after Close = %v", err)
	}
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("hello, hello, hello"), uint16(3))
	f.Add(sample(5000, 1), uint16(100))
	f.Fuzz(func(t *testing.T, data []byte, block uint16) {
		var z bytes.Buffer
		w := newWriter(&z, int(block%2048)+1)
		w.Write(data)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if got := inflate(t, z.Bytes()); !bytes.Equal(got, data) {
			t.Fatal("round trip changed the data")
		}
	})
}
