package writebehind

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"testing"
)

// The destination gets every byte, in order, whatever the write sizes.
func TestWritesEverythingInOrder(t *testing.T) {
	src := make([]byte, 3*blockSize*blocks+12345)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range src {
		src[i] = byte(rng.Uint32())
	}
	for _, tc := range []struct {
		name  string
		sizes []int
	}{
		{"bytes", []int{1}},
		{"small", []int{7, 100, 3}},
		{"block", []int{blockSize}},
		{"larger than a block", []int{blockSize*2 + 1}},
		{"all at once", []int{len(src)}},
		{"nothing", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var dst bytes.Buffer
			w := New(&dst)
			want := src
			if tc.sizes == nil {
				want = nil
			}
			for off, i := 0, 0; off < len(want); i++ {
				n := min(tc.sizes[i%len(tc.sizes)], len(want)-off)
				got, err := w.Write(want[off : off+n])
				if err != nil || got != n {
					t.Fatalf("Write(%d bytes) = %d, %v", n, got, err)
				}
				off += n
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(dst.Bytes(), want) {
				t.Fatalf("destination got %d bytes, differing from the %d written", dst.Len(), len(want))
			}
		})
	}
}

// failing takes limit bytes, then fails every write.
type failing struct {
	limit   int
	got     bytes.Buffer
	writes  int
	errSeen int
}

var errDisk = errors.New("disk full")

func (f *failing) Write(p []byte) (int, error) {
	if f.got.Len()+len(p) > f.limit {
		f.errSeen++
		return 0, errDisk
	}
	f.writes++
	return f.got.Write(p)
}

// The destination's error comes back from a later Write and from Close,
// nothing is written after it, and a producer that keeps writing is not
// left waiting.
func TestDestinationErrorStopsWriting(t *testing.T) {
	dst := &failing{limit: blockSize}
	w := New(dst)
	chunk := make([]byte, 4096)
	var werr error
	for range 40 * blockSize / len(chunk) {
		if _, werr = w.Write(chunk); werr != nil {
			break
		}
	}
	err := w.Close()
	if !errors.Is(err, errDisk) {
		t.Fatalf("Close = %v, want the destination's error", err)
	}
	if werr != nil && !errors.Is(werr, errDisk) {
		t.Fatalf("Write = %v, want the destination's error", werr)
	}
	if dst.errSeen != 1 {
		t.Fatalf("destination asked %d times after failing, want once", dst.errSeen)
	}
	if dst.got.Len() != blockSize {
		t.Fatalf("destination holds %d bytes, want the %d taken before the error", dst.got.Len(), blockSize)
	}
	if _, err := w.Write(chunk); !errors.Is(err, ErrClosed) {
		t.Fatalf("Write after Close = %v, want ErrClosed", err)
	}
	if err := w.Close(); !errors.Is(err, ErrClosed) {
		t.Fatalf("second Close = %v, want ErrClosed", err)
	}
}

// The producer's buffer may be reused as soon as Write returns.
func TestWriteCopies(t *testing.T) {
	var dst bytes.Buffer
	w := New(&dst)
	buf := []byte("abc")
	w.Write(buf)
	copy(buf, "xyz")
	w.Write(buf)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if dst.String() != "abcxyz" {
		t.Fatalf("destination got %q", dst.String())
	}
}
