package hostile

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/docattr/docattr/internal/xmltok"
)

// Verify reports the first reason the package at name is not sound, or nil:
// an entry name that is not a relative, slash-separated name without "."
// or ".." segments, a duplicate (ignoring case), a method other than stored
// or deflate, data that does not decompress to the recorded size and CRC-32,
// or an XML part (.xml or .rels, or a non-image …+xml content type) that is
// not UTF-8 or UTF-16 or that encoding/xml or xmltok.Check refuses.
// It shares no code with opc, on purpose.
func Verify(name string) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return err
	}
	return VerifyBytes(data)
}

// VerifyBytes is Verify on a package in memory.
func VerifyBytes(data []byte) error {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fmt.Errorf("not a zip: %w", err)
	}
	seen := map[string]bool{}
	types := contentTypes(z)
	for _, f := range z.File {
		if err := checkName(f.Name); err != nil {
			return err
		}
		key := strings.ToLower(f.Name)
		if seen[key] {
			return fmt.Errorf("duplicate entry %s", f.Name)
		}
		seen[key] = true
		if f.Method != zip.Store && f.Method != zip.Deflate {
			return fmt.Errorf("%s: method %d", f.Name, f.Method)
		}
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
		if crc32.ChecksumIEEE(b) != f.CRC32 || uint64(len(b)) != f.UncompressedSize64 {
			return fmt.Errorf("%s: CRC or size does not match", f.Name)
		}
		if isXML(f.Name, types) {
			if err := checkXML(b); err != nil {
				return fmt.Errorf("%s: %w", f.Name, err)
			}
		}
	}
	return nil
}

func checkName(name string) error {
	if name == "" || strings.ContainsAny(name, "\\\x00") || strings.HasPrefix(name, "/") ||
		(len(name) > 1 && name[1] == ':') {
		return fmt.Errorf("bad entry name %q", name)
	}
	for _, s := range strings.Split(strings.TrimSuffix(name, "/"), "/") {
		if s == "" || s == "." || s == ".." {
			return fmt.Errorf("bad entry name %q", name)
		}
	}
	return nil
}

var ctRe = regexp.MustCompile(`<(?:\w+:)?(Default|Override)\s[^>]*?(?:Extension|PartName)="([^"]*)"[^>]*?ContentType="([^"]*)"`)

// contentTypes maps ".ext" and "/part" (lower case) to content types, read
// loosely: it only decides which parts are XML.
func contentTypes(z *zip.Reader) map[string]string {
	m := map[string]string{}
	for _, f := range z.File {
		if f.Name != "[Content_Types].xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return m
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if u, err := utf8Of(b); err == nil {
			b = u
		}
		for _, s := range ctRe.FindAllSubmatch(b, -1) {
			k := strings.ToLower(string(s[2]))
			if string(s[1]) == "Default" {
				k = "." + k
			}
			m[k] = strings.ToLower(string(s[3]))
		}
	}
	return m
}

func isXML(name string, types map[string]string) bool {
	ct, ok := types["/"+strings.ToLower(name)]
	if !ok {
		ct = types[strings.ToLower(path.Ext(name))]
	}
	if strings.HasPrefix(ct, "image/") {
		return false
	}
	ext := strings.ToLower(path.Ext(name))
	return ext == ".xml" || ext == ".rels" || strings.HasSuffix(ct, "+xml") || ct == "application/xml" || ct == "text/xml"
}

var declEnc = regexp.MustCompile(`^(<\?xml[^>]*?encoding\s*=\s*["'])([^"']*)`)

// utf8Of decodes UTF-16 (by BOM or by "<?" pattern) and refuses any other
// declared encoding than UTF-8.
func utf8Of(b []byte) ([]byte, error) {
	var be bool
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		b = b[2:]
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		b, be = b[2:], true
	case bytes.HasPrefix(b, []byte("<\x00")):
	case bytes.HasPrefix(b, []byte("\x00<")):
		be = true
	default:
		b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
		// "UTF8" is a common alias that Word and libxml2 read as UTF-8.
		if m := declEnc.FindSubmatch(b); m != nil && !strings.EqualFold(string(m[2]), "utf-8") && !strings.EqualFold(string(m[2]), "utf8") {
			return nil, fmt.Errorf("encoding %s", m[2])
		}
		return declEnc.ReplaceAll(b, []byte("${1}UTF-8")), nil
	}
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("odd UTF-16 length")
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		if be {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			u[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	s := string(utf16.Decode(u))
	if strings.ContainsRune(s, 0xFFFD) {
		return nil, fmt.Errorf("bad UTF-16")
	}
	return declEnc.ReplaceAll([]byte(s), []byte("${1}UTF-8")), nil
}

func checkXML(b []byte) error {
	u, err := utf8Of(b)
	if err != nil {
		return err
	}
	if err := xmltok.Check(u); err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(u))
	d.Strict = true
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("encoding/xml: %w", err)
		}
	}
}
