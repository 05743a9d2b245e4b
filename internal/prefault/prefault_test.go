package prefault

import (
	"bytes"
	"runtime"
	"sync"
	"testing"
)

// TestBehindLeavesTheBytesAlone fills buffers while Behind maps them: what
// the caller wrote is all there, and what it did not write is zero.
func TestBehindLeavesTheBytesAlone(t *testing.T) {
	for _, size := range []int{MinSize - 1, MinSize, 3*MinSize + 12345, 16 << 20} {
		b := make([]byte, size)
		stop := Behind(b)
		half := size / 2
		for i := range half {
			b[i] = byte(i*7 + 1)
		}
		stop()
		stop = Behind(b[half:]) // a second helper on part of it
		for i := half; i < size-size/8; i++ {
			b[i] = byte(i*7 + 1)
		}
		stop()
		for i := range size - size/8 {
			if b[i] != byte(i*7+1) {
				t.Fatalf("size %d: byte %d is %d, wrote %d", size, i, b[i], byte(i*7+1))
			}
		}
		if !bytes.Equal(b[size-size/8:], make([]byte, size/8)) {
			t.Fatalf("size %d: the bytes never written are not zero", size)
		}
	}
}

// TestBehindStopsAtOnce: stop returns even when the helper has much left,
// and stop may be called from the caller while other goroutines work.
func TestBehindStopsAtOnce(t *testing.T) {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := make([]byte, 32<<20)
			Behind(b)()
			b[len(b)-1] = 1
		}()
	}
	wg.Wait()
}

// TestPopulateMapsThePages checks the system call does what Behind relies
// on: after it, the pages of a fresh buffer are resident.
func TestPopulateMapsThePages(t *testing.T) {
	if !supported() || runtime.GOOS != "linux" {
		t.Skip("no MADV_POPULATE_WRITE here")
	}
	b := make([]byte, 8<<20)
	if !populate(b) {
		if !supported() {
			t.Skip("the kernel refused MADV_POPULATE_WRITE")
		}
		t.Fatal("populate failed")
	}
	in, all := resident(t, b)
	if in < all-2 { // the partial pages at the ends are left alone
		t.Fatalf("%d of %d pages resident after populate", in, all)
	}
	runtime.KeepAlive(b)
}
