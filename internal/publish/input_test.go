package publish

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/digest"
)

// An input that changes while it is read is refused; one that does not
// has the hash of exactly the bytes read.
func TestInputChangedWhileReadIsRefused(t *testing.T) {
	data := corpusBytes(t)
	cases := []struct {
		name   string
		change func(path string) error
	}{
		{"unchanged", nil},
		{"appended to", func(p string) error {
			f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			_, err = f.Write([]byte("x"))
			return err
		}},
		{"rewritten in place, same size", func(p string) error {
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			defer f.Close()
			time.Sleep(10 * time.Millisecond) // a coarse clock must still see it
			_, err = f.WriteAt([]byte("Q"), int64(len(data)/2))
			return err
		}},
		{"rewritten, then its time set back", func(p string) error {
			st, _ := os.Stat(p)
			time.Sleep(10 * time.Millisecond)
			f, err := os.OpenFile(p, os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			f.WriteAt([]byte("Q"), 100)
			f.Close()
			return os.Chtimes(p, st.ModTime(), st.ModTime())
		}},
		{"replaced by another file", func(p string) error {
			tmp := p + ".new"
			if err := os.WriteFile(tmp, data, 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, p)
		}},
		{"truncated", func(p string) error { return os.Truncate(p, 10) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "通知.docx")
			os.WriteFile(p, data, 0o644)
			in, err := OpenInput(p)
			if err != nil {
				t.Fatal(err)
			}
			defer in.Close()
			buf := make([]byte, in.Size())
			if _, err := in.ReadAt(buf, 0); err != nil {
				t.Fatal(err)
			}
			if c.change != nil {
				if err := c.change(p); err != nil {
					t.Fatal(err)
				}
			}
			sum, err := in.Sum()
			if c.change == nil {
				if err != nil || sum != digest.Bytes(buf) {
					t.Fatalf("got %s, %v; want the hash of the bytes read", sum, err)
				}
				return
			}
			if !errors.Is(err, ErrInputChanged) {
				t.Fatalf("got %s, %v; want ErrInputChanged", sum, err)
			}
		})
	}
}

func TestOpenInputMissing(t *testing.T) {
	if _, err := OpenInput(filepath.Join(t.TempDir(), "none.docx")); err == nil {
		t.Fatal("opened a missing file")
	}
}

// ReadAt answers as the file's own ReadAt does, for an input held in
// memory and for one read from the file, at every kind of offset; Sum is
// the hash of the file.
func TestInputReadAt(t *testing.T) {
	small := []byte("PK\x03\x04 通知正文")
	large := make([]byte, memInput+1)
	for i := range large {
		large[i] = byte(i * 7)
	}
	for _, data := range [][]byte{small, large} {
		p := filepath.Join(t.TempDir(), "通知.docx")
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		in, err := OpenInput(p)
		if err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		n := int64(len(data))
		for _, c := range []struct{ off, size int64 }{{0, n}, {0, 4}, {3, 5}, {n - 2, 8}, {n, 1}, {n + 5, 1}, {0, 0}} {
			got, want := make([]byte, c.size), make([]byte, c.size)
			gn, gerr := in.ReadAt(got, c.off)
			wn, werr := f.ReadAt(want, c.off)
			if gn != wn || !errors.Is(gerr, werr) || !bytes.Equal(got, want) {
				t.Errorf("%d-byte input: ReadAt(%d bytes, %d) = %d, %v; the file's = %d, %v", n, c.size, c.off, gn, gerr, wn, werr)
			}
		}
		if sum, err := in.Sum(); err != nil || sum != digest.Bytes(data) {
			t.Errorf("%d-byte input: Sum = %s, %v; want the file's hash", n, sum, err)
		}
		f.Close()
		in.Close()
	}
}
