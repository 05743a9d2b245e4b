package atomicfile

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// alignedBlock returns n bytes of pattern at a directAlign boundary.
func alignedBlock(n int, seed byte) []byte {
	buf := make([]byte, n+directAlign)
	off := 0
	for !(&File{}).directFits(buf[off : off+directAlign]) {
		off++
	}
	b := buf[off : off+n]
	for i := range b {
		b[i] = seed + byte(i%251)
	}
	return b
}

// TestDirectWrites holds a file written with Direct to exactly the bytes
// given, whatever mix of aligned blocks, odd pieces and misaligned buffers
// reaches it, named or unnamed.
func TestDirectWrites(t *testing.T) {
	block := 64 << 10
	misaligned := alignedBlock(block+1, 7)[1:]
	for _, tc := range []struct {
		name   string
		pieces [][]byte
	}{
		{"aligned blocks then a tail", [][]byte{alignedBlock(block, 1), alignedBlock(block, 2), []byte("tail\r\n")}},
		{"a tail first, then blocks at an odd offset", [][]byte{[]byte("\uFEFFhead"), alignedBlock(block, 3), alignedBlock(block, 4)}},
		{"blocks, an odd piece, blocks again", [][]byte{alignedBlock(block, 5), []byte("x"), alignedBlock(block, 6), alignedBlock(3*directAlign, 8)}},
		{"a misaligned buffer", [][]byte{alignedBlock(block, 9), misaligned, alignedBlock(block, 10)}},
		{"one aligned block, nothing else", [][]byte{alignedBlock(directAlign, 11)}},
	} {
		for _, unnamed := range []bool{true, false} {
			mode := map[bool]string{true: "unnamed", false: "named"}[unnamed]
			t.Run(tc.name+", "+mode, func(t *testing.T) {
				SetUnnamed(unnamed)
				defer SetUnnamed(true)
				path := filepath.Join(t.TempDir(), "export.csv")
				f, err := Create(path)
				if err != nil {
					t.Fatal(err)
				}
				defer f.Abort()
				f.Direct = true
				var want []byte
				for _, p := range tc.pieces {
					if n, err := f.Write(p); err != nil || n != len(p) {
						t.Fatalf("write of %d bytes: %d, %v", len(p), n, err)
					}
					want = append(want, p...)
				}
				if err := f.Sync(); err != nil {
					t.Fatal(err)
				}
				if err := f.Commit(); err != nil {
					t.Fatal(err)
				}
				got, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, want) {
					t.Fatalf("file holds %d bytes, not the %d written", len(got), len(want))
				}
			})
		}
	}
}

// TestDirectIsUsed makes sure the direct path is not dead: where the
// folder's file system takes O_DIRECT, an aligned block at an aligned
// offset leaves the descriptor in direct mode, and an odd piece takes it
// out again.
func TestDirectIsUsed(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("direct writes are Linux only")
	}
	f, err := Create(filepath.Join(t.TempDir(), "x"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Abort()
	if setDirect(f.f, true) != nil || setDirect(f.f, false) != nil {
		t.Skip("this file system refuses O_DIRECT")
	}
	f.Direct = true
	block := alignedBlock(2*directAlign, 1)
	if _, err := f.Write(block); err != nil {
		t.Fatal(err)
	}
	if !f.Direct {
		t.Skip("this file system refuses direct writes")
	}
	if !f.directOn {
		t.Fatal("an aligned block was written through the cache")
	}
	// A read back (an unaligned one) works in direct mode too.
	got := make([]byte, 5)
	if _, err := f.ReadAt(got, 3); err != nil || !bytes.Equal(got, block[3:8]) {
		t.Fatalf("read back %v, %v; want %v", got, err, block[3:8])
	}
	if _, err := f.Write(alignedBlock(directAlign, 2)); err != nil || !f.directOn {
		t.Fatalf("direct mode not taken up again after a read: %v", err)
	}
	if _, err := f.Write([]byte("tail")); err != nil {
		t.Fatal(err)
	}
	if f.directOn {
		t.Fatal("an odd piece left the descriptor in direct mode")
	}
}
