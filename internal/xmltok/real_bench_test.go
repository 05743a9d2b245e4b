package xmltok

import (
	"io"
	"os"
	"testing"
)

// The real draft's document.xml (make bench), when DOCATTR_BENCH_XML names it.
func benchXML(b *testing.B) []byte {
	p := os.Getenv("DOCATTR_BENCH_XML")
	if p == "" {
		b.Skip("DOCATTR_BENCH_XML not set")
	}
	data, err := os.ReadFile(p)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	return data
}

func BenchmarkRealNext(b *testing.B) {
	data := benchXML(b)
	for b.Loop() {
		s := New(data)
		for {
			_, err := s.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkRealCheck(b *testing.B) {
	data := benchXML(b)
	for b.Loop() {
		if err := Check(data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRealValidChars(b *testing.B) {
	data := benchXML(b)
	for b.Loop() {
		validChars(data)
	}
}
