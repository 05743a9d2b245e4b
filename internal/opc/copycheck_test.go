package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/docattr/docattr/internal/hostile"
	"github.com/docattr/docattr/internal/msg"
)

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.ReaderAt
	n atomic.Int64
}

func (c *countingReader) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.r.ReadAt(p, off)
	c.n.Add(int64(n))
	return n, err
}

// picture is incompressible content for a large part.
func picture(n int) []byte {
	pic := make([]byte, n)
	x := uint32(2463534242)
	for i := range pic {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		pic[i] = byte(x)
	}
	return pic
}

// TestCopyChecksLargeParts: in a package opened to edit, a large picture is
// checked by the copy that Write makes of it, so it is read once, and
// damage in it still fails the Write with the part named, as the
// background verification would. A picture the copy cannot check (a
// compressed block among its stored ones) is checked after the copy.
func TestCopyChecksLargeParts(t *testing.T) {
	pic := picture(1 << 20)
	var stored bytes.Buffer
	w, _ := flate.NewWriter(&stored, flate.NoCompression)
	w.Write(pic)
	w.Close()
	// Stored blocks, then a compressed one, no smaller than the content.
	var mixed bytes.Buffer
	w, _ = flate.NewWriter(&mixed, flate.BestSpeed)
	w.Write(pic)
	w.Flush()
	w.Write([]byte("aaaaaaaaaaaaaaaa"))
	w.Close()
	mixedData := append(append([]byte{}, pic...), "aaaaaaaaaaaaaaaa"...)
	entries := func(data, raw []byte, store bool, fn func(*hostile.Entry)) []hostile.Entry {
		return hostile.Edit(hostile.With(hostile.Draft(), hostile.Image, data), hostile.Image, func(e *hostile.Entry) {
			e.Store = store
			if raw != nil {
				e.Raw, e.Method = append([]byte{}, raw...), 8
			}
			if fn != nil {
				fn(e)
			}
		})
	}
	deflated := func(fn func(*hostile.Entry)) []hostile.Entry { return entries(pic, stored.Bytes(), false, fn) }
	long := uint64(len(pic) + 1)
	cases := []struct {
		name     string
		entries  []hostile.Entry
		ok, once bool
	}{
		{"stored blocks", deflated(nil), true, true},
		{"stored blocks, bad CRC", deflated(func(e *hostile.Entry) { e.CRC = hostile.CRC(1) }), false, true},
		{"stored blocks, flipped byte", deflated(func(e *hostile.Entry) { e.Raw[len(e.Raw)/2] ^= 1 }), false, true},
		{"stored blocks, size", deflated(func(e *hostile.Entry) { e.Size = &long }), false, true},
		{"stored blocks, cut", deflated(func(e *hostile.Entry) { e.Raw = e.Raw[:len(e.Raw)-100] }), false, false},
		{"stored blocks, data descriptor", deflated(func(e *hostile.Entry) { e.Descriptor = true }), true, true},
		{"stored blocks, descriptor's CRC", deflated(func(e *hostile.Entry) { e.Descriptor, e.DescCRC = true, hostile.CRC(1) }), false, true},
		{"method store", entries(pic, nil, true, nil), true, true},
		{"method store, flipped byte", entries(pic, nil, true, func(e *hostile.Entry) { e.Raw = append([]byte{}, pic...); e.Method = 0; e.Raw[7] ^= 1 }), false, true},
		{"a compressed block", entries(mixedData, mixed.Bytes(), false, nil), true, false},
		{"a compressed block, flipped byte", entries(mixedData, mixed.Bytes(), false, func(e *hostile.Entry) { e.Raw[1000] ^= 1 }), false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := hostile.Archive{Entries: c.entries}.Bytes()
			cr := &countingReader{r: bytes.NewReader(in)}
			p, err := OpenReaderToEdit(cr, int64(len(in)))
			if err != nil {
				t.Fatal(err)
			}
			defer p.Close()
			// (A cut part is smaller than its content: the verification's.)
			if f := p.File(hostile.Image); !strings.HasSuffix(c.name, "cut") && (f == nil || !copyCheckable(f)) {
				t.Fatal("the picture is not left to the copy: the case tests nothing")
			}
			var out bytes.Buffer
			err = p.Write(&out, Edits{})
			if !c.ok {
				if !errors.Is(err, ErrDamaged) || !strings.Contains(msg.Zh(err), hostile.Image) {
					t.Fatalf("Write: %v, want the damage in %s", err, hostile.Image)
				}
				if err := p.Verify(); !errors.Is(err, ErrDamaged) {
					t.Errorf("Verify after the Write: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := hostile.VerifyBytes(out.Bytes()); err != nil {
				t.Fatal(err)
			}
			if got, want := rawOf(t, out.Bytes(), hostile.Image), rawOf(t, in, hostile.Image); !bytes.Equal(got, want) {
				t.Error("the picture's compressed bytes changed")
			}
			if read := cr.n.Load(); c.once && read >= int64(len(in)+len(pic)/2) {
				t.Errorf("read %d bytes of a %d-byte package: the picture was read more than once", read, len(in))
			}
		})
	}
	// Verify before any Write checks the part itself, and a Write after it
	// copies it without checking it again.
	in := hostile.Archive{Entries: deflated(func(e *hostile.Entry) { e.Raw[len(e.Raw)/2] ^= 1 })}.Bytes()
	p, err := OpenReaderToEdit(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if err := p.Verify(); !errors.Is(err, ErrDamaged) {
		t.Errorf("Verify before Write: %v", err)
	}
	if err := p.Write(io.Discard, Edits{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("Write after Verify: %v", err)
	}
}

// rawOf returns the compressed bytes of part name in the package data.
func rawOf(t *testing.T, data []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if off, err := f.DataOffset(); f.Name == name && err == nil {
			return data[off : off+int64(f.CompressedSize64)]
		}
	}
	t.Fatalf("no part %s", name)
	return nil
}
