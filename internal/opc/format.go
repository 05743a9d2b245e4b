package opc

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strings"

	"github.com/richardlehane/mscfb"
)

// Format is what a file really is, decided from its bytes.
type Format string

// Formats docattr tells apart.
const (
	FormatDOCX        Format = "docx"
	FormatDOCM        Format = "docm"
	FormatDOTX        Format = "dotx"
	FormatDOTM        Format = "dotm"
	FormatEncrypted   Format = "encrypted-ooxml"
	FormatLegacyWord  Format = "legacy-doc"   // Word 97-2003 / WPS binary
	FormatOLEOther    Format = "ole-other"    // Works, Excel 97, PowerPoint 97, ...
	FormatODT         Format = "odt"          // OpenDocument text
	FormatOtherZip    Format = "zip-other"    // a zip, but no Word document inside
	FormatOtherOOXML  Format = "ooxml-other"  // xlsx, pptx, ...
	FormatRTF         Format = "rtf"          // Rich Text Format
	FormatWordXML2003 Format = "word2003-xml" // Word 2003 XML / flat OPC
	FormatPDF         Format = "pdf"
	FormatEmpty       Format = "empty"
	FormatUnknown     Format = "unknown"
)

var (
	magicZip      = []byte("PK\x03\x04")
	magicZipEmpty = []byte("PK\x05\x06")
	magicOLE      = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// sniffHead classifies by the first bytes only; zips and OLE files need a
// closer look (see Sniff).
func sniffHead(head []byte) Format {
	switch {
	case len(head) == 0:
		return FormatEmpty
	case bytes.HasPrefix(head, magicZip), bytes.HasPrefix(head, magicZipEmpty):
		return FormatOtherZip
	case bytes.HasPrefix(head, magicOLE):
		return FormatOLEOther
	case bytes.HasPrefix(head, []byte(`{\rtf`)):
		return FormatRTF
	case bytes.HasPrefix(head, []byte("%PDF")):
		return FormatPDF
	}
	h := strings.ToLower(string(bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \r\n\t")))
	if strings.HasPrefix(h, "<?xml") && (strings.Contains(h, "w:worddocument") || strings.Contains(h, "pkg:package")) {
		return FormatWordXML2003
	}
	return FormatUnknown
}

// sniffOLE tells an encrypted OOXML package from a legacy Word binary and
// from other compound files, by the names of the streams inside.
func sniffOLE(r io.ReaderAt) (f Format, err error) {
	defer func() {
		if p := recover(); p != nil { // a damaged compound file must not crash us
			f, err = FormatOLEOther, errors.New("damaged compound file")
		}
	}()
	doc, err := mscfb.New(r)
	if err != nil {
		return FormatOLEOther, err
	}
	names := map[string]bool{}
	for i := 0; i < 10000; i++ {
		e, err := doc.Next()
		if err != nil {
			break
		}
		names[e.Name] = true
	}
	switch {
	case names["EncryptionInfo"] && names["EncryptedPackage"]:
		return FormatEncrypted, nil
	case names["WordDocument"]:
		return FormatLegacyWord, nil
	}
	return FormatOLEOther, nil
}

// mainPartFormats maps the content type of a package's main part to its format.
var mainPartFormats = map[string]Format{
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": FormatDOCX,
	"application/vnd.ms-word.document.macroenabled.main+xml":                           FormatDOCM,
	"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml": FormatDOTX,
	"application/vnd.ms-word.template.macroenabledtemplate.main+xml":                   FormatDOTM,
}

func isODT(z *zip.Reader) bool {
	for _, f := range z.File {
		if f.Name == "mimetype" {
			rc, err := f.Open()
			if err != nil {
				return false
			}
			b, _ := io.ReadAll(io.LimitReader(rc, 100))
			rc.Close()
			return strings.HasPrefix(string(b), "application/vnd.oasis.opendocument")
		}
	}
	return false
}
