package publish

import (
	"crypto/sha256"
	"encoding/hex"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// The hash Finish returns is that of the file as committed, whatever the
// sizes of the writes (below, at and above the size hashed beside the
// file's write).
func TestFinishHashesWhatWasWritten(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 1, handOff - 1, handOff, handOff + 1, 3*handOff + 777} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(r.Uint32())
		}
		path := filepath.Join(t.TempDir(), "out.docx")
		out, err := Create(path)
		if err != nil {
			t.Fatal(err)
		}
		for rest := data; len(rest) > 0; {
			n := min(len(rest), 1+r.IntN(handOff/3))
			if _, err := out.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
		}
		sum, err := out.Finish()
		if err != nil {
			t.Fatal(err)
		}
		if err := out.tmp.Commit(); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want := sha256.Sum256(got)
		if sum != hex.EncodeToString(want[:]) || len(got) != size {
			t.Errorf("size %d: Finish gave %s, the file (%d bytes) hashes to %x", size, sum, len(got), want)
		}
		out.Abort() // after commit: a no-op, and the hasher stays stopped
	}
}

// An output aborted before Finish releases its hasher.
func TestAbortBeforeFinish(t *testing.T) {
	out, err := Create(filepath.Join(t.TempDir(), "out.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := out.Write(make([]byte, 2*handOff+5)); err != nil {
		t.Fatal(err)
	}
	out.Abort()
	out.Abort()
	if s := <-out.hash.sum; len(s) != 64 {
		t.Errorf("hasher did not end: %q", s)
	}
}
