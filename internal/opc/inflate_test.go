package opc

import (
	"bytes"
	"compress/flate"
	"io"
	"strings"
	"sync"
	"testing"
)

// Pooled inflaters give every stream's bytes, also when several goroutines
// inflate at once, also after a stream that failed; a closed one reads
// nothing more.
func TestInflaterPool(t *testing.T) {
	deflate := func(s string) []byte {
		var b bytes.Buffer
		w, _ := flate.NewWriter(&b, flate.BestSpeed)
		io.WriteString(w, s)
		w.Close()
		return b.Bytes()
	}
	texts := []string{"", "通知", strings.Repeat("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", 5000)}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for i := range 20 {
				want := texts[(g+i)%len(texts)]
				r := newInflater(bytes.NewReader(deflate(want)))
				got, err := io.ReadAll(r)
				r.Close()
				if err != nil || string(got) != want {
					t.Errorf("inflated %d bytes, %v; want %d bytes", len(got), err, len(want))
				}
				bad := newInflater(bytes.NewReader([]byte{0xff, 0xff, 0xff}))
				if _, err := io.ReadAll(bad); err == nil {
					t.Error("a corrupt stream inflated without error")
				}
				bad.Close()
			}
		})
	}
	wg.Wait()
	r := newInflater(bytes.NewReader(deflate("abc")))
	r.Close()
	if n, err := r.Read(make([]byte, 8)); n != 0 || err == nil {
		t.Errorf("Read after Close = %d, %v; want an error", n, err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close = %v", err)
	}
}
