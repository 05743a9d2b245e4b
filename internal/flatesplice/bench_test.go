package flatesplice

import (
	"bytes"
	"compress/flate"
	"io"
	"os"
	"testing"
)

// benchXML is the real draft's document.xml (make bench) when
// DOCATTR_BENCH_XML names it, else a generated one of the same size.
func benchXML(b *testing.B) []byte {
	b.Helper()
	if p := os.Getenv("DOCATTR_BENCH_XML"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		return data
	}
	return xmlLike(newRand(), 10<<20)
}

// benchStreams are the raw streams inflated by the benchmarks: the draft
// deflated by Go at two levels, a stream from DOCATTR_BENCH_RAW (a raw
// deflate file written by another program, such as zlib) if set, and the
// corpus's streams (Word, WPS, LibreOffice) one after another.
func benchStreams(b *testing.B) []stream {
	xml := benchXML(b)
	s := []stream{
		{"go-bestspeed", deflate(b, xml, flate.BestSpeed)},
		{"go-default", deflate(b, xml, flate.DefaultCompression)},
	}
	if p := os.Getenv("DOCATTR_BENCH_RAW"); p != "" {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		s = append(s, stream{"raw-file", raw})
	}
	return s
}

func BenchmarkInflate(b *testing.B) {
	for _, s := range benchStreams(b) {
		want, ok := stdInflate(s.raw, 1<<30)
		if !ok {
			b.Fatalf("%s: compress/flate refuses it", s.name)
		}
		dst := make([]byte, 0, len(want))
		b.Run(s.name+"/flatesplice", func(b *testing.B) {
			b.SetBytes(int64(len(want)))
			for b.Loop() {
				if _, _, err := Inflate(dst, s.raw, len(want)); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(s.name+"/compress-flate", func(b *testing.B) {
			b.SetBytes(int64(len(want)))
			r := flate.NewReader(nil)
			for b.Loop() {
				r.(flate.Resetter).Reset(bytes.NewReader(s.raw), nil)
				if _, err := io.ReadFull(r, dst[:len(want)]); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInflateCorpus inflates every deflated part of the corpus
// packages (mostly Word, WPS and LibreOffice streams, small parts).
func BenchmarkInflateCorpus(b *testing.B) {
	streams := corpusStreams(b)
	var size int64
	wants := make([][]byte, len(streams))
	for i, s := range streams {
		wants[i], _ = stdInflate(s.raw, 256<<20)
		size += int64(len(wants[i]))
	}
	b.Run("flatesplice", func(b *testing.B) {
		b.SetBytes(size)
		var dst []byte
		for b.Loop() {
			for i, s := range streams {
				out, _, err := Inflate(dst, s.raw, len(wants[i]))
				if err != nil {
					b.Fatal(err)
				}
				dst = out
			}
		}
	})
	b.Run("compress-flate", func(b *testing.B) {
		b.SetBytes(size)
		r := flate.NewReader(nil)
		var dst []byte
		for b.Loop() {
			for i, s := range streams {
				r.(flate.Resetter).Reset(bytes.NewReader(s.raw), nil)
				dst = append(dst[:0], make([]byte, len(wants[i]))...)
				if _, err := io.ReadFull(r, dst); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}

// BenchmarkSplice: an edit at 99.9 % of the draft's document.xml (where
// docattr's note under the date lands), spliced, against deflating the
// whole edited part at BestSpeed as a plain write does.
func BenchmarkSplice(b *testing.B) {
	xml := benchXML(b)
	keep := len(xml) * 999 / 1000
	next := edit(xml, keep, 0, []byte(`<w:p><w:r><w:t>（此件依申请公开）</w:t></w:r></w:p>`))
	for _, s := range benchStreams(b) {
		_, blocks, err := Inflate(nil, s.raw, len(xml))
		if err != nil {
			b.Fatal(err)
		}
		at := Keep(blocks, keep)
		b.Run(s.name+"/splice", func(b *testing.B) {
			b.SetBytes(int64(len(next)))
			var out bytes.Buffer
			for b.Loop() {
				out.Reset()
				if _, err := Splice(&out, s.raw, blocks, keep, next[at.Out:], flate.BestSpeed); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("deflate-bestspeed", func(b *testing.B) {
		b.SetBytes(int64(len(next)))
		var out bytes.Buffer
		fw, _ := flate.NewWriter(&out, flate.BestSpeed)
		for b.Loop() {
			out.Reset()
			fw.Reset(&out)
			fw.Write(next)
			fw.Close()
		}
	})
}
