package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"errors"
	"hash/crc32"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// rewrite writes a copy of the package zr with the entry name replaced by
// d under d.Header, the other entries copied raw, and returns it and the
// new entry's content as archive/zip reads it back (checking its CRC-32).
func rewrite(t *testing.T, zr *zip.Reader, name string, d Deflated) (pkg, content []byte) {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		if f.Name != name {
			if err := zw.Copy(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		w, err := zw.CreateRaw(d.Header(&f.FileHeader))
		if err != nil {
			t.Fatal(err)
		}
		w.Write(d.Raw)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	back, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range back.File {
		if f.Name == name {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc) // fails on a CRC-32 or size mismatch
			if err != nil {
				t.Fatalf("%s read back: %v", name, err)
			}
			return out.Bytes(), data
		}
	}
	t.Fatalf("%s missing from the rewritten package", name)
	return nil, nil
}

// sound reports whether opc opens and verifies the package at path.
func sound(path string) bool {
	p, err := Open(path)
	if err != nil {
		return false
	}
	defer p.Close()
	return p.Verify() == nil
}

func readPart(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// noteNearEnd inserts a paragraph before the last </w:body>, where docattr's
// marks under the date go.
func noteNearEnd(xml []byte) []byte {
	i := bytes.LastIndex(xml, []byte("</w:body>"))
	if i < 0 {
		i = len(xml)
	}
	note := []byte(`<w:p><w:r><w:t>（此件依申请公开）</w:t></w:r></w:p>`)
	return append(append(append([]byte{}, xml[:i]...), note...), xml[i:]...)
}

func TestReuseDeflatedOnCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/*/*.docx")
	if len(files) < 10 {
		t.Fatal("corpus not found")
	}
	verified := 0
	for _, path := range files {
		zr, err := zip.OpenReader(path)
		if err != nil {
			continue
		}
		for _, f := range zr.File {
			if f.Name != "word/document.xml" {
				continue
			}
			next := noteNearEnd(readPart(t, f))
			d, err := ReuseDeflated(f, next, 64<<20)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			if d.CRC32 != crc32.ChecksumIEEE(next) || d.Size != uint64(len(next)) {
				t.Fatalf("%s: CRC-32 or size wrong", path)
			}
			pkg, got := rewrite(t, &zr.Reader, f.Name, d)
			if !bytes.Equal(got, next) {
				t.Fatalf("%s: rewritten part differs from the new content", path)
			}
			if !sound(path) {
				continue
			}
			verified++
			// A package opc accepts before is accepted after.
			p, err := OpenReader(bytes.NewReader(pkg), int64(len(pkg)))
			if err != nil {
				t.Fatalf("%s: rewritten package refused: %v", path, err)
			}
			if err := p.Verify(); err != nil {
				t.Fatalf("%s: rewritten package fails verification: %v", path, err)
			}
			if main, err := p.Read(f.Name); err != nil || !bytes.Equal(main, next) {
				t.Fatalf("%s: opc reads the rewritten part wrongly: %v", path, err)
			}
		}
		zr.Close()
	}
	if verified < 10 {
		t.Errorf("only %d rewritten packages verified by opc", verified)
	}
}

// A large part deflated in many blocks, edited near its end: most of its
// compressed bytes are kept as they were.
func TestReuseDeflatedKeepsTheCompressedPrefix(t *testing.T) {
	var xml bytes.Buffer
	xml.WriteString(`<w:document><w:body>`)
	for i := 0; xml.Len() < 4<<20; i++ {
		xml.WriteString(`<w:p><w:r><w:t>第` + strings.Repeat("条", i%17) + `款 公文公开属性</w:t></w:r></w:p>`)
	}
	xml.WriteString(`</w:body></w:document>`)
	zr := zipOf(t, "word/document.xml", xml.Bytes(), zip.Deflate)
	f := zr.File[0]
	next := noteNearEnd(xml.Bytes())
	d, err := ReuseDeflated(f, next, 64<<20)
	if err != nil {
		t.Fatal(err)
	}
	if d.Reused < int64(f.CompressedSize64)*9/10 {
		t.Errorf("reused %d of %d compressed bytes", d.Reused, f.CompressedSize64)
	}
	raw, _ := f.OpenRaw()
	orig, _ := io.ReadAll(raw)
	if !bytes.Equal(d.Raw[:d.Reused], orig[:d.Reused]) {
		t.Error("the reused bytes are not the original's")
	}
	if _, got := rewrite(t, zr, f.Name, d); !bytes.Equal(got, next) {
		t.Fatal("rewritten part differs from the new content")
	}
}

func TestReuseDeflatedFallsBackToDeflatingWhole(t *testing.T) {
	content := bytes.Repeat([]byte("<w:t>公文</w:t>"), 5000)
	stored := zipOf(t, "word/document.xml", content, zip.Store)
	damaged := zipOf(t, "word/document.xml", content, zip.Deflate)
	damaged.File[0].CRC32 ^= 1
	lying := zipOf(t, "word/document.xml", content, zip.Deflate)
	lying.File[0].UncompressedSize64 = 10
	cases := []struct {
		name    string
		zr      *zip.Reader
		maxSize uint64
	}{
		{"stored part", stored, 64 << 20},
		{"CRC-32 does not match", damaged, 64 << 20},
		{"declared size smaller than the content", lying, 64 << 20},
		{"part over the size limit", zipOf(t, "word/document.xml", content, zip.Deflate), 100},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			next := noteNearEnd(content)
			d, err := ReuseDeflated(c.zr.File[0], next, c.maxSize)
			if err != nil {
				t.Fatal(err)
			}
			if d.Reused != 0 {
				t.Errorf("reused %d bytes of a part that cannot be trusted", d.Reused)
			}
			r := flate.NewReader(bytes.NewReader(d.Raw))
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, next) || d.CRC32 != crc32.ChecksumIEEE(next) {
				t.Fatalf("deflated whole: %v", err)
			}
		})
	}
}

// rawZip makes a one-entry package whose entry has the given compressed
// bytes and directory fields, whatever they are.
func rawZip(t *testing.T, method uint16, raw []byte, crc uint32, size uint64) *zip.File {
	t.Helper()
	f, _ := rawZipArchive(t, method, raw, crc, size)
	return f
}

// rawZipArchive is rawZip that also returns the archive's bytes.
func rawZipArchive(t *testing.T, method uint16, raw []byte, crc uint32, size uint64) (*zip.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: method,
		CRC32: crc, CompressedSize64: uint64(len(raw)), UncompressedSize64: size})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(raw)
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr.File[0], buf.Bytes()
}

// deflated returns content deflated, its CRC-32 and its size.
func deflated(t *testing.T, content []byte) ([]byte, uint32, uint64) {
	t.Helper()
	var fb bytes.Buffer
	fw, _ := flate.NewWriter(&fb, flate.BestSpeed)
	fw.Write(content)
	fw.Close()
	return fb.Bytes(), crc32.ChecksumIEEE(content), uint64(len(content))
}

func TestInflatePartRefusesWhatReadRefuses(t *testing.T) {
	content := bytes.Repeat([]byte("<w:t>公文</w:t>"), 5000)
	good, crc, size := deflated(t, content)
	corrupt := append([]byte{}, good...)
	corrupt[0] |= 6 // reserved block type
	cases := []struct {
		name    string
		f       *zip.File
		maxSize uint64
		want    error
	}{
		{"over the size limit", rawZip(t, zip.Deflate, good, crc, size), size - 1, ErrTooLarge},
		{"unknown method", rawZip(t, 99, good, crc, size), 64 << 20, ErrDamaged},
		{"CRC-32 does not match", rawZip(t, zip.Deflate, good, crc^1, size), 64 << 20, ErrDamaged},
		{"declared size too small", rawZip(t, zip.Deflate, good, crc, size-1), 64 << 20, ErrDamaged},
		{"declared size too large", rawZip(t, zip.Deflate, good, crc, size+1), 64 << 20, ErrDamaged},
		{"truncated stream", rawZip(t, zip.Deflate, good[:len(good)/2], crc, size), 64 << 20, ErrDamaged},
		{"corrupt stream", rawZip(t, zip.Deflate, corrupt, crc, size), 64 << 20, ErrDamaged},
		{"stored, CRC-32 does not match", rawZip(t, zip.Store, content, crc^1, size), 64 << 20, ErrDamaged},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if in, err := InflatePart(c.f, c.maxSize); !errors.Is(err, c.want) || in != nil {
				t.Fatalf("err %v, want %v", err, c.want)
			}
		})
	}
	for _, method := range []uint16{zip.Deflate, zip.Store} {
		raw := good
		if method == zip.Store {
			raw = content
		}
		in, err := InflatePart(rawZip(t, method, raw, crc, size), 64<<20)
		if err != nil || !bytes.Equal(in.Content, content) {
			t.Fatalf("method %d: %v", method, err)
		}
		if (in.Blocks != nil) != (method == zip.Deflate) {
			t.Errorf("method %d: blocks %v", method, in.Blocks)
		}
	}
}

func zipOf(t *testing.T, name string, content []byte, method uint16) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(content)
	zw.Close()
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

// DeflateEdited takes the new content as the old one's first keep bytes
// and a tail, as Edits.Edited holds it, and gives what Deflate gives for
// the joined content.
func TestDeflateEditedOnCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/*/*.docx")
	n := 0
	for _, path := range files {
		zr, err := zip.OpenReader(path)
		if err != nil {
			continue
		}
		for _, f := range zr.File {
			if f.Name != "word/document.xml" {
				continue
			}
			in, err := InflatePart(f, 64<<20)
			if err != nil {
				continue // a damaged corpus file
			}
			keep := bytes.LastIndex(in.Content, []byte("</w:body>"))
			if keep < 0 {
				continue
			}
			tail := append([]byte(`<w:p><w:r><w:t>（此件依申请公开）</w:t></w:r></w:p>`), in.Content[keep:]...)
			next := append(append([]byte{}, in.Content[:keep]...), tail...)
			d, err := in.DeflateEdited(keep, tail)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			whole, _ := in.Deflate(next)
			if d.CRC32 != crc32.ChecksumIEEE(next) || d.Size != uint64(len(next)) || d.Reused > whole.Reused {
				t.Fatalf("%s: CRC-32, size or reuse differ from Deflate's", path)
			}
			if _, got := rewrite(t, &zr.Reader, f.Name, d); !bytes.Equal(got, next) {
				t.Fatalf("%s: rewritten part differs from the new content", path)
			}
			n++
		}
		zr.Close()
	}
	if n < 10 {
		t.Errorf("only %d corpus main parts edited", n)
	}
	in := &Inflated{Content: []byte("abc")}
	for _, keep := range []int{-1, 4} {
		if _, err := in.DeflateEdited(keep, nil); err == nil {
			t.Errorf("keep %d of 3 bytes accepted", keep)
		}
	}
}
