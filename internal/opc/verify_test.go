package opc

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/docattr/docattr/internal/hostile"
	"github.com/docattr/docattr/internal/msg"
)

func openArchive(t *testing.T, es []hostile.Entry) (*Package, error) {
	t.Helper()
	p, err := Open(writeTemp(t, hostile.Archive{Entries: es}.Bytes()))
	if err == nil {
		t.Cleanup(func() { p.Close() })
	}
	return p, err
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = binary.LittleEndian.AppendUint16(b, u)
	}
	return b
}

// TestVerify: Open refuses what it can see in the directory; Verify finds
// damage inside parts, naming the part, whether or not anyone read it.
func TestVerify(t *testing.T) {
	draft := hostile.Draft()
	bad := func(name string, fn func(*hostile.Entry)) []hostile.Entry { return hostile.Edit(draft, name, fn) }
	cases := []struct {
		name     string
		entries  []hostile.Entry
		atOpen   bool   // refused by Open itself
		want     error  // nil = sound
		part, zh string // named in the message
	}{
		{"sound", draft, false, nil, "", ""},
		{"bad CRC, untouched", bad(hostile.Styles, func(e *hostile.Entry) { e.CRC = hostile.CRC(1) }), false, ErrDamaged, hostile.Styles, "校验失败"},
		{"CRC recorded as 0", bad(hostile.Image, func(e *hostile.Entry) { e.CRC = hostile.CRC(0) }), false, ErrDamaged, hostile.Image, "校验失败"},
		{"method 99", bad(hostile.Styles, func(e *hostile.Entry) { e.Method = 99 }), true, ErrDamaged, hostile.Styles, "压缩方式"},
		{"traversal", append(draft, hostile.Entry{Name: "../x"}), true, ErrDamaged, "../x", "部件名"},
		{"case duplicate", append(draft, hostile.Entry{Name: "WORD/STYLES.XML", Data: hostile.StylesXML}), true, ErrDamaged, "WORD/STYLES.XML", "不止一次"},
		{"DTD in styles", hostile.With(draft, hostile.Styles, []byte(`<!DOCTYPE x><x/>`)), false, ErrDamaged, hostile.Styles, "DTD"},
		{"duplicate attribute in core", hostile.With(draft, hostile.Core, []byte(`<a b="1" b="2"/>`)), false, ErrDamaged, hostile.Core, "XML"},
		{"GB18030", hostile.With(draft, hostile.Styles, []byte(`<?xml version="1.0" encoding="GB18030"?><a>`+"\xcd\xa8"+`</a>`)), false, ErrDamaged, hostile.Styles, "GB18030"},
		{"UTF-16 styles", hostile.With(draft, hostile.Styles, utf16LE(`<?xml version="1.0" encoding="UTF-16"?><a>通知</a>`)), false, nil, "", ""},
		{"binary part not checked as XML", hostile.With(draft, hostile.Image, []byte("<not xml")), false, nil, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := openArchive(t, c.entries)
			if c.atOpen {
				if !errors.Is(err, c.want) {
					t.Fatalf("Open: %v, want %v", err, c.want)
				}
			} else {
				if err != nil {
					t.Fatalf("Open: %v", err)
				}
				err = p.Verify()
				if !errors.Is(err, c.want) || (c.want == nil) != (err == nil) {
					t.Fatalf("Verify: %v, want %v", err, c.want)
				}
			}
			if c.want != nil && (!strings.Contains(msg.Zh(err), c.part) || !strings.Contains(msg.Zh(err), c.zh) || !strings.Contains(msg.En(err), c.part)) {
				t.Errorf("message does not name %s / %s: %v", c.part, c.zh, err)
			}
		})
	}
}

// TestReadUTF16: a UTF-16 XML part reads as UTF-8 with its declaration
// corrected; a part declared in another encoding is refused when read.
func TestReadUTF16(t *testing.T) {
	p, err := openArchive(t, hostile.With(hostile.Draft(), hostile.Styles, utf16LE(`<?xml version="1.0" encoding="UTF-16" standalone="yes"?><a>通知</a>`)))
	if err != nil {
		t.Fatal(err)
	}
	got, err := p.Read(hostile.Styles)
	if err != nil || string(got) != `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><a>通知</a>` {
		t.Fatalf("Read = %q, %v", got, err)
	}
	p, err = openArchive(t, hostile.With(hostile.Draft(), hostile.Styles, []byte(`<?xml version="1.0" encoding='GBK'?><a/>`)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Read(hostile.Styles); !errors.Is(err, ErrDamaged) || !strings.Contains(msg.En(err), "GBK") {
		t.Fatalf("GBK part read: %v", err)
	}
}

// TestWriteRefusesDamage: Write never finishes a package with a damaged
// raw-copied part or an unsound part of its own making.
func TestWriteRefusesDamage(t *testing.T) {
	p, err := openArchive(t, hostile.Edit(hostile.Draft(), hostile.Styles, func(e *hostile.Entry) { e.CRC = hostile.CRC(crc32.ChecksumIEEE(e.Data) + 1) }))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := p.Write(&b, Edits{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("damaged part copied: %v", err)
	}
	p, err = openArchive(t, hostile.Draft())
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	err = p.Write(&b, Edits{Replace: map[string][]byte{hostile.Document: []byte("<w:document>\uffff</w:document>")}})
	if !errors.Is(err, ErrBadOutput) {
		t.Errorf("unsound replacement written: %v", err)
	}
	b.Reset()
	if err := p.Write(&b, Edits{Add: []NewPart{{Name: "docProps/custom.xml", Data: []byte("<a>&#1;</a>")}}}); !errors.Is(err, ErrBadOutput) {
		t.Errorf("unsound addition written: %v", err)
	}
	b.Reset()
	if err := p.Write(&b, Edits{}); err != nil {
		t.Fatal(err)
	}
	if err := hostile.VerifyBytes(b.Bytes()); err != nil {
		t.Errorf("sound package written unsound: %v", err)
	}
}

// TestCloseStopsVerification: closing a package while its parts are being
// verified returns promptly and leaves no verifier behind.
func TestCloseStopsVerification(t *testing.T) {
	p, err := openArchive(t, append(hostile.Draft(), hostile.Entry{Name: "word/media/big.bin", Data: bytes.Repeat(hostile.PNG, 2000), Store: true}))
	if err != nil {
		t.Fatal(err)
	}
	p.Close()
	select {
	case <-p.ver.done:
	default:
		t.Fatal("verifier still running after Close")
	}
}

func TestBadPartName(t *testing.T) {
	for name, ok := range map[string]bool{
		"word/document.xml": true, "[Content_Types].xml": true, "word/": true, "docProps/自定义.xml": true,
		"": false, "/a": false, `a\b`: false, "C:x": false, "a/../b": false, "./a": false, "a//b": false,
		"a./b": false, "a\x00": false, "a\xff": false,
	} {
		why := badPartName(&zip.File{FileHeader: zip.FileHeader{Name: name}})
		if (why == "") != ok {
			t.Errorf("%q: %q", name, why)
		}
	}
}

// TestOpenToEdit: the main part left to Write is still judged: Verify
// reports its damage, and Write blames the file, not itself, when the
// replacement carries the original's fault.
func TestOpenToEdit(t *testing.T) {
	bad := hostile.DocumentXML(hostile.Body(`<w:p><v:shape/></w:p>`))
	p, err := OpenToEdit(writeTemp(t, hostile.Archive{Entries: hostile.With(hostile.Draft(), hostile.Document, bad)}.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	var b bytes.Buffer
	if err := p.Write(&b, Edits{Replace: map[string][]byte{hostile.Document: bad}}); !errors.Is(err, ErrDamaged) || !strings.Contains(msg.Zh(err), hostile.Document) {
		t.Errorf("Write: %v", err)
	}
	if err := p.Write(&b, Edits{}); !errors.Is(err, ErrDamaged) {
		t.Errorf("Write without replacing the main part: %v", err)
	}
	if err := p.Verify(); !errors.Is(err, ErrDamaged) {
		t.Errorf("Verify: %v", err)
	}
	good, err := OpenToEdit(writeTemp(t, hostile.Archive{Entries: hostile.Draft()}.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer good.Close()
	b.Reset()
	if err := good.Write(&b, Edits{Replace: map[string][]byte{hostile.Document: []byte("<w:document>\uffff</w:document>")}}); !errors.Is(err, ErrBadOutput) {
		t.Errorf("our own fault: %v", err)
	}
	b.Reset()
	if err := good.Write(&b, Edits{}); err != nil || hostile.VerifyBytes(b.Bytes()) != nil {
		t.Errorf("sound package: %v", err)
	}
}

// TestVerifyStoredPicture: a large incompressible part deflated into
// stored blocks is verified in place (storedOnly); damage in it is found
// as in any other part.
func TestVerifyStoredPicture(t *testing.T) {
	pic := make([]byte, 3<<20)
	for i := range pic {
		pic[i] = byte(i*7919 + i>>9)
	}
	var raw bytes.Buffer
	w, _ := flate.NewWriter(&raw, flate.NoCompression)
	w.Write(pic)
	w.Close()
	stored := func(fn func(*hostile.Entry)) []hostile.Entry {
		return hostile.Edit(hostile.With(hostile.Draft(), hostile.Image, pic), hostile.Image, func(e *hostile.Entry) {
			e.Raw, e.Store, e.Method = append([]byte{}, raw.Bytes()...), false, 8
			if fn != nil {
				fn(e)
			}
		})
	}
	long := uint64(len(pic) + 1)
	cases := []struct {
		name    string
		entries []hostile.Entry
		ok      bool
	}{
		{"sound", stored(nil), true},
		{"bad CRC", stored(func(e *hostile.Entry) { e.CRC = hostile.CRC(1) }), false},
		{"flipped byte", stored(func(e *hostile.Entry) { e.Raw[len(e.Raw)/2] ^= 1 }), false},
		{"size", stored(func(e *hostile.Entry) { e.Size = &long }), false},
		{"cut", stored(func(e *hostile.Entry) { e.Raw = e.Raw[:len(e.Raw)-100] }), false},
		{"with a data descriptor", stored(func(e *hostile.Entry) { e.Descriptor = true }), true},
		{"data descriptor with a wrong CRC", stored(func(e *hostile.Entry) { e.Descriptor, e.DescCRC = true, hostile.CRC(1) }), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := openArchive(t, c.entries)
			if err == nil {
				err = p.Verify()
			}
			if (err == nil) != c.ok || (err != nil && !errors.Is(err, ErrDamaged)) {
				t.Fatalf("Verify: %v, want ok=%v", err, c.ok)
			}
		})
	}
}
