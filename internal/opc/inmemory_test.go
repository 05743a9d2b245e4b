package opc

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"testing"
	"unsafe"
)

// memArchive is an archive held in memory, as publish.Input holds a small
// input.
type memArchive struct {
	*bytes.Reader
	data []byte
}

func (m memArchive) Bytes() []byte { return m.data }

// within reports whether b lies inside whole.
func within(b, whole []byte) bool {
	p, lo := uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(unsafe.Pointer(unsafe.SliceData(whole)))
	return p >= lo && p+uintptr(len(b)) <= lo+uintptr(len(whole))
}

// TestInMemoryArchiveLendsCompressedBytes: a package over an archive held
// in memory reads a deflated part's compressed bytes there, not into a
// copy, and reads what a package over the file reads.
func TestInMemoryArchiveLendsCompressedBytes(t *testing.T) {
	path := "../../../shared/corpus/real/rail_notice_qinfang.docx"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skip("corpus not found")
	}
	p, err := OpenReaderToEdit(memArchive{bytes.NewReader(data), data}, int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	got, err := p.ReadToEdit(p.Main)
	if err != nil {
		t.Fatal(err)
	}
	in := p.inflated.get(p.Main)
	if in == nil || !within(in.Raw, data) || cap(in.Raw) != len(in.Raw) {
		t.Fatal("the main part's compressed bytes were copied (or may be appended to)")
	}
	q, err := OpenToEdit(path)
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	want, err := q.ReadToEdit(q.Main)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("in memory and from the file differ (%v)", err)
	}
	if err := p.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestInflatePartInMemoryRefusesWhatReadRefuses: with the compressed bytes
// lent by the archive, damage is refused as with a copy, and a stored
// part's content is still a copy a caller may change.
func TestInflatePartInMemoryRefusesWhatReadRefuses(t *testing.T) {
	content := bytes.Repeat([]byte("<w:t>公文</w:t>"), 5000)
	good, crc, size := deflated(t, content)
	corrupt := append([]byte{}, good...)
	corrupt[0] |= 6 // reserved block type
	for _, c := range []struct {
		name string
		raw  []byte
		crc  uint32
	}{{"CRC-32 does not match", good, crc ^ 1}, {"corrupt stream", corrupt, crc}, {"truncated stream", good[:len(good)/2], crc}} {
		f, whole := rawZipArchive(t, zip.Deflate, c.raw, c.crc, size)
		if in, err := inflatePart(f, 64<<20, whole); !errors.Is(err, ErrDamaged) || in != nil {
			t.Errorf("%s: err %v", c.name, err)
		}
	}
	f, whole := rawZipArchive(t, zip.Deflate, good, crc, size)
	in, err := inflatePart(f, 64<<20, whole)
	if err != nil || !bytes.Equal(in.Content, content) || !within(in.Raw, whole) {
		t.Fatalf("deflated: %v", err)
	}
	if in, err := inflatePart(f, 64<<20, whole[:len(whole)/2]); err != nil || within(in.Raw, whole) {
		t.Fatalf("an archive shorter than the part: %v", err)
	}
	f, whole = rawZipArchive(t, zip.Store, content, crc, size)
	in, err = inflatePart(f, 64<<20, whole)
	if err != nil || !bytes.Equal(in.Content, content) || within(in.Content, whole) {
		t.Fatalf("stored: %v, content lent %v", err, err == nil && within(in.Content, whole))
	}
}
