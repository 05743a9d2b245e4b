package flatesplice

import (
	"bufio"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"math/rand/v2"
	"testing"
)

// TestStoredCRC: streams of stored blocks give their content's CRC and
// length; streams with a compressed block, or damaged, are not claimed.
func TestStoredCRC(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 300<<10)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	deflate := func(data []byte, level int, flush bool) []byte {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, level)
		w.Write(data[:len(data)/2])
		if flush {
			w.Flush()
		}
		w.Write(data[len(data)/2:])
		w.Close()
		return b.Bytes()
	}
	text := bytes.Repeat([]byte("关于做好公文公开属性认定工作的通知。"), 2000)
	cases := []struct {
		name   string
		stream []byte
		data   []byte
		ok     bool
	}{
		{"stored", deflate(random, flate.NoCompression, false), random, true},
		{"stored, flushed", deflate(random, flate.NoCompression, true), random, true},
		{"empty", deflate(nil, flate.NoCompression, false), nil, true},
		{"incompressible at best speed", deflate(random, flate.BestSpeed, false), random, false},
		{"text", deflate(text, flate.BestSpeed, false), text, false},
		{"truncated", deflate(random, flate.NoCompression, false)[:1000], nil, false},
		{"no final block", deflate(random, flate.NoCompression, true)[:len(deflate(random, flate.NoCompression, true))-5], nil, false},
		{"bad NLEN", append([]byte{1, 3, 0, 0, 0}, "abc"...), nil, false},
		{"nothing", nil, nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			crc, n, ok := StoredCRC(bufio.NewReaderSize(bytes.NewReader(c.stream), 4096))
			if c.name == "incompressible at best speed" {
				// compress/flate stores what it cannot shrink: either answer
				// is right as long as a claim is true.
				c.ok = ok
			}
			if ok != c.ok {
				t.Fatalf("ok = %v, want %v", ok, c.ok)
			}
			if ok && (crc != crc32.ChecksumIEEE(c.data) || n != int64(len(c.data))) {
				t.Fatalf("crc %08x n %d, want %08x %d", crc, n, crc32.ChecksumIEEE(c.data), len(c.data))
			}
		})
	}
}

// FuzzStoredCRC: whatever StoredCRC claims, compress/flate agrees with.
func FuzzStoredCRC(f *testing.F) {
	f.Add([]byte{1, 3, 0, 0xfc, 0xff, 'a', 'b', 'c'})
	f.Add([]byte{0, 1, 0, 0xfe, 0xff, 'a', 1, 0, 0, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, stream []byte) {
		crc, n, ok := StoredCRC(bufio.NewReaderSize(bytes.NewReader(stream), 16))
		if !ok {
			return
		}
		var out bytes.Buffer
		if _, err := out.ReadFrom(flate.NewReader(bytes.NewReader(stream))); err != nil {
			t.Fatalf("claimed a stream compress/flate refuses: %v", err)
		}
		if crc != crc32.ChecksumIEEE(out.Bytes()) || n != int64(out.Len()) {
			t.Fatal("claim differs from compress/flate's content")
		}
	})
}
