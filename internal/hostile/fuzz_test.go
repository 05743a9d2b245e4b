package hostile

import (
	"hash/crc32"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/docattr/docattr/internal/audit"
)

// The two mutation fuzz targets of issue 10. Their property is runFlows':
// every flow either refuses with a clear message (a *msg.Error) and writes
// nothing, or writes a package in which every part parses and every CRC
// verifies; nothing panics, the input is never changed.

var (
	fuzzLogOnce sync.Once
	fuzzLog     *audit.Log
)

// sharedLog is one real bbolt log per fuzzing process: opening a log per
// input would cost more than the input itself.
func sharedLog(t testing.TB) *audit.Log {
	fuzzLogOnce.Do(func() {
		dir, err := os.MkdirTemp("", "docattr-fuzz-")
		if err != nil {
			t.Fatal(err)
		}
		fuzzLog, err = audit.Open(filepath.Join(dir, "audit.db"), audit.Options{})
		if err != nil {
			t.Fatal(err)
		}
	})
	if fuzzLog == nil {
		t.Fatal("no audit log")
	}
	return fuzzLog
}

// seeds are the packages mutations start from.
func seeds() []Archive {
	desc := Draft()
	for i := range desc {
		desc[i].Descriptor = true
	}
	return []Archive{
		{Entries: Draft()},
		{Entries: desc, Zip64: true},
		{Entries: With(Draft(), Document, DocumentXML(Body(`<w:sdt><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r></w:p></w:sdtContent></w:sdt>`)))},
		{Entries: With(Draft(), Styles, utf16Of(setDecl(StylesXML, "UTF-16"), false, true))},
		{Entries: append(With(Draft(), Types, TypesXML(ctDOCM, `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>`)),
			Entry{Name: "word/vbaProject.bin", Data: []byte("\xd0\xcf\x11\xe0 vba")})},
		{Entries: append(With(With(Draft(), DocRels, docRelsWith(Rel("rId9", RelBase+"aFChunk", "afchunk.docx"))),
			Document, DocumentXML(Body(`<w:altChunk r:id="rId9"/>`))),
			Entry{Name: "word/afchunk.docx", Data: Archive{Entries: Draft()}.Bytes(), Store: true})},
	}
}

var hostileNames = []string{"../x.xml", "/abs.xml", `C:\x.xml`, "word/./a.xml", "WORD/DOCUMENT.XML", "word/styles.xml", "[Content_Types].xml", "word/", "a//b"}

// mutate applies ops, read three bytes at a time (operation, a, b), to
// archive a, and returns its bytes.
func mutate(arc Archive, ops []byte) []byte {
	es := append([]Entry(nil), arc.Entries...)
	cut, flipAt := -1, -1
	for i := 0; i+2 < len(ops) && i < 30; i += 3 {
		op, a, b := ops[i]%12, int(ops[i+1]), ops[i+2]
		if len(es) == 0 {
			break
		}
		e := &es[a%len(es)]
		switch op {
		case 0: // flip a byte of the compressed data
			raw := e.Raw
			if raw == nil {
				if e.Store || (e.Method != 0 && e.Method != 8) {
					raw = append([]byte(nil), e.Data...)
				} else {
					raw = Deflate(e.Data)
				}
			}
			if len(raw) > 0 {
				raw = append([]byte(nil), raw...)
				raw[int(b)*len(raw)/256] ^= 0x55
				e.Raw = raw
			}
		case 1:
			cut = a<<8 | int(b)
		case 2: // duplicate, maybe in other case
			d := *e
			if b&1 != 0 {
				d.Name = strings.ToUpper(d.Name)
			}
			es = append(es, d)
		case 3:
			es = append(es[:a%len(es)], es[a%len(es)+1:]...)
		case 4:
			e.Method, e.Store = uint16(b%16), b%16 == 0
		case 5:
			c := crcOf(e) ^ uint32(b+1)
			e.CRC = &c
		case 6:
			e.Name = hostileNames[int(b)%len(hostileNames)]
		case 7:
			e.Descriptor = !e.Descriptor
		case 8:
			j := int(b) % len(es)
			es[a%len(es)], es[j] = es[j], es[a%len(es)]
		case 9:
			s := uint64(len(e.Data)) + uint64(b) - 128
			e.Size = &s
		case 10:
			arc.Zip64 = !arc.Zip64
		case 11:
			flipAt = a<<8 | int(b)
		}
	}
	arc.Entries = es
	data := arc.Bytes()
	if flipAt >= 0 && len(data) > 0 {
		data[flipAt%len(data)] ^= 0xff
	}
	if cut >= 0 && len(data) > 0 {
		data = data[:cut%len(data)]
	}
	return data
}

func crcOf(e *Entry) uint32 {
	if e.CRC != nil {
		return *e.CRC
	}
	return crc32.ChecksumIEEE(e.Data)
}

// FuzzZipMutation flips, truncates, duplicates, drops, renames and
// re-describes the entries of seed packages.
func FuzzZipMutation(f *testing.F) {
	for i := range seeds() {
		f.Add(uint8(i), []byte{})
		f.Add(uint8(i), []byte{0, 4, 128})        // flip a byte of styles
		f.Add(uint8(i), []byte{2, 2, 1})          // duplicate the document, upper case
		f.Add(uint8(i), []byte{5, 6, 9})          // wrong CRC on the picture
		f.Add(uint8(i), []byte{1, 3, 0})          // truncate
		f.Add(uint8(i), []byte{6, 4, 0, 7, 1, 0}) // traversal name, descriptor
	}
	all := seeds()
	f.Fuzz(func(t *testing.T, seed uint8, ops []byte) {
		data := mutate(all[int(seed)%len(all)], ops)
		runFlows(t, sharedLog(t), data, ".docx")
	})
}

// xmlParts are the parts FuzzXMLMutation rewrites.
var xmlParts = []string{Document, Styles, Types, RootRels, DocRels, Core}

// FuzzXMLMutation replaces the bytes of one XML part of the draft
// (word/document.xml, styles, content types, relationships, core
// properties) with the fuzzer's and re-zips.
func FuzzXMLMutation(f *testing.F) {
	draft := Draft()
	for i, name := range xmlParts {
		for _, e := range draft {
			if e.Name == name {
				f.Add(uint8(i), e.Data)
			}
		}
	}
	f.Add(uint8(0), DocumentXML(Body(`<w:p><w:r><w:t>&#1;</w:t></w:r></w:p>`)))
	f.Add(uint8(0), DocumentXML(Body(`<w:p><w:r><mc:AlternateContent xmlns:mc="`+nsMC+`"><mc:Fallback><w:t>x</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>`)))
	f.Add(uint8(1), utf16Of(setDecl(StylesXML, "UTF-16"), false, true))
	f.Fuzz(func(t *testing.T, part uint8, data []byte) {
		name := xmlParts[int(part)%len(xmlParts)]
		pkg := Archive{Entries: With(Draft(), name, data)}.Bytes()
		if data == nil {
			pkg = Archive{Entries: With(Draft(), name, []byte{})}.Bytes()
		}
		runFlows(t, sharedLog(t), pkg, ".docx")
	})
}
