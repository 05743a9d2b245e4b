package docx

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/opc"
)

const headerXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
	`<w:p><w:r><w:t>%s</w:t></w:r></w:p></w:hdr>`

// contentParts is a draft with a header and a colleague's own custom
// property beside docattr's record.
func contentParts(headerText, userProp string) map[string]string {
	return map[string]string{
		"word/document.xml": body("关于开展检查的通知", "2024年3月1日"),
		"word/header1.xml":  strings.Replace(headerXML, "%s", headerText, 1),
		"docProps/custom.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties xmlns="` + nsCustomProps + `" xmlns:vt="` + nsVT + `">` +
			`<property fmtid="` + userDefinedFMTID + `" pid="2" name="文号"><vt:lpwstr>` + userProp + `</vt:lpwstr></property>` +
			`<property fmtid="` + userDefinedFMTID + `" pid="3" name="docattr.attribute"><vt:lpwstr>public</vt:lpwstr></property></Properties>`,
		"_rels/.rels": strings.Replace(rootRels, "%s", `<Relationship Id="rId9" Type="`+opc.RelCustomProps+`" Target="docProps/custom.xml"/>`, 1),
	}
}

func digestOf(t *testing.T, d *Document) string {
	t.Helper()
	s, err := d.ContentDigest()
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContentDigestCoversContentNotTrailOrRecord(t *testing.T) {
	base := openDoc(t, contentParts("内部资料", "X政办〔2024〕1号"))
	want := digestOf(t, base)
	trail := []byte(`<docattrTrail xmlns="urn:docattr:trail:2"><![CDATA[{}]]></docattrTrail>`)
	withTrail, _ := restamp(t, base, StampOptions{Record: Record{Attribute: "withheld", DocID: "d1"}, KeepMarks: true, Trail: trail})
	again, _ := restamp(t, withTrail, StampOptions{Record: Record{Attribute: "public", DocID: "d1", Reason: "x"}, KeepMarks: true, Trail: append(trail, ' ')})
	stamped, _ := restamp(t, base, StampOptions{Record: Record{Attribute: "public"}, Note: "（此件公开发布）"})
	cases := []struct {
		name string
		doc  *Document
		same bool
	}{
		{"trail added and wired, record rewritten", withTrail, true},
		{"trail replaced, record changed again", again, true},
		{"a mark stamped into the body", stamped, false},
		{"an ID number added to the header", openDoc(t, contentParts("内部资料 110101199003071234", "X政办〔2024〕1号")), false},
		{"a colleague's own custom property changed", openDoc(t, contentParts("内部资料", "X政办〔2024〕2号")), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := digestOf(t, c.doc); (got == want) != c.same {
				t.Errorf("digest same = %v, want %v", got == want, c.same)
			}
		})
	}
}

// TestContentDigestIgnoresZipMetadata: entry order and compression are
// how the bytes travel, not what the document says.
func TestContentDigestIgnoresZipMetadata(t *testing.T) {
	parts := contentParts("内部资料", "1")
	parts["[Content_Types].xml"] = strings.Replace(ctypes, "%s", "", 1)
	a := openDoc(t, parts)
	p := filepath.Join(t.TempDir(), "stored.docx")
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	names := []string{"word/header1.xml", "docProps/custom.xml", "word/document.xml", "_rels/.rels", "[Content_Types].xml"}
	for _, n := range names {
		w, _ := zw.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Store})
		w.Write([]byte(parts[n]))
	}
	zw.Close()
	os.WriteFile(p, b.Bytes(), 0o644)
	d, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if digestOf(t, a) != digestOf(t, d) {
		t.Error("digest depends on entry order or compression")
	}
}

// rawZip writes a package whose part named bad carries a wrong CRC-32.
func rawZip(t *testing.T, parts map[string]string, bad string) string {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, n := range append([]string{"[Content_Types].xml", "_rels/.rels"}, keysExcept(parts, "[Content_Types].xml", "_rels/.rels")...) {
		data := []byte(parts[n])
		crc := crc32.ChecksumIEEE(data)
		if n == bad {
			crc ^= 0xdeadbeef
		}
		w, err := zw.CreateRaw(&zip.FileHeader{Name: n, Method: zip.Store, CRC32: crc,
			CompressedSize64: uint64(len(data)), UncompressedSize64: uint64(len(data))})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "crc.docx")
	os.WriteFile(p, b.Bytes(), 0o644)
	return p
}

func keysExcept(m map[string]string, skip ...string) []string {
	var out []string
	for k := range m {
		if !strings.Contains(strings.Join(skip, "\x00"), k) {
			out = append(out, k)
		}
	}
	return out
}

// TestUnreadablePartsAreErrors: a trail or content part with a bad CRC is
// refused, never read as "no trail" or hashed as if sound.
func TestUnreadablePartsAreErrors(t *testing.T) {
	parts := contentParts("内部资料", "1")
	parts["[Content_Types].xml"] = strings.Replace(ctypes, "%s", "", 1)
	parts[TrailPart] = `<docattrTrail xmlns="urn:docattr:trail:2"><![CDATA[{}]]></docattrTrail>`
	for _, bad := range []string{TrailPart, "word/header1.xml"} {
		t.Run(bad, func(t *testing.T) {
			d, err := Open(rawZip(t, parts, bad))
			if err != nil { // a stricter opc may refuse the package outright
				if !errors.Is(err, opc.ErrDamaged) {
					t.Fatalf("open: %v", err)
				}
				return
			}
			defer d.Close()
			_, terr := d.Trail()
			_, derr := d.ContentDigest()
			if bad == TrailPart && terr == nil {
				t.Error("trail with a bad CRC read as sound")
			}
			if bad != TrailPart && derr == nil {
				t.Error("digest over a part with a bad CRC")
			}
			for _, err := range []error{terr, derr} {
				if err != nil && !errors.Is(err, opc.ErrDamaged) {
					t.Errorf("error %v is not opc.ErrDamaged", err)
				}
			}
		})
	}
}

// FuzzTrailWiring: cutting the trail's wiring out of any rels or content
// types part never panics, and what it returns is no longer than its input.
func FuzzTrailWiring(f *testing.F) {
	f.Add([]byte(strings.Replace(rootRels, "%s", `<Relationship Id="r9" Type="t" Target="/customXml/docattrTrail.xml"/>`, 1)))
	f.Add([]byte(strings.Replace(ctypes, "%s", `<Override PartName="/customXml/docattrTrail.xml" ContentType="application/xml"/>`, 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, c := range []struct{ space, local, attr string }{
			{nsPackageRels, "Relationship", "Target"}, {nsContentTypes, "Override", "PartName"},
		} {
			out, err := withoutTrailWiring(data, "word", c.space, c.local, c.attr)
			if err == nil && len(out) > len(data) {
				t.Fatalf("grew from %d to %d bytes", len(data), len(out))
			}
		}
	})
}
