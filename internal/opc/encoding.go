package opc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// OPC allows XML parts in UTF-8 and UTF-16 only (ISO/IEC 29500-2 §8.1.4).
// Parts in UTF-16 are read as UTF-8 with the declaration corrected, so a
// reader sees their text and an edited copy can be written back as UTF-8;
// a part declaring any other encoding (GB18030, GBK, ...) is refused rather
// than have UTF-8 spliced into it.

var (
	bomUTF8    = []byte("\xef\xbb\xbf")
	bomUTF16LE = []byte("\xff\xfe")
	bomUTF16BE = []byte("\xfe\xff")
)

// errEncoding is an XML part whose declared encoding OPC does not allow.
type errEncoding struct{ name string }

func (e *errEncoding) Error() string { return "encoding " + e.name + " is not allowed in OPC" }

var errUTF16 = errors.New("bad UTF-16")

// toUTF8 returns an XML part's bytes as UTF-8. It returns data itself when
// the part already is UTF-8, so untouched parts cost nothing.
func toUTF8(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, bomUTF16LE):
		return fromUTF16(data[2:], false)
	case bytes.HasPrefix(data, bomUTF16BE):
		return fromUTF16(data[2:], true)
	case bytes.HasPrefix(data, []byte("<\x00?\x00")):
		return fromUTF16(data, false)
	case bytes.HasPrefix(data, []byte("\x00<\x00?")):
		return fromUTF16(data, true)
	}
	enc := strings.ToLower(declaredEncoding(bytes.TrimPrefix(data, bomUTF8)))
	switch enc {
	case "", "utf-8", "utf8":
		return data, nil
	case "utf-16", "utf-16le", "utf-16be", "unicode":
		return nil, fmt.Errorf("%w: declared %s but stored as 8-bit text", errUTF16, enc)
	}
	return nil, &errEncoding{declaredEncoding(bytes.TrimPrefix(data, bomUTF8))}
}

func fromUTF16(b []byte, bigEndian bool) ([]byte, error) {
	if len(b)%2 != 0 {
		return nil, fmt.Errorf("%w: odd number of bytes", errUTF16)
	}
	units := make([]uint16, len(b)/2)
	for i := range units {
		if bigEndian {
			units[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		} else {
			units[i] = uint16(b[2*i+1])<<8 | uint16(b[2*i])
		}
	}
	out := make([]byte, 0, len(b)*3/2)
	for i := 0; i < len(units); i++ {
		u := rune(units[i])
		switch {
		case utf16.IsSurrogate(u):
			if u >= 0xDC00 || i+1 >= len(units) {
				return nil, fmt.Errorf("%w: unpaired surrogate", errUTF16)
			}
			r := utf16.DecodeRune(u, rune(units[i+1]))
			if r == 0xFFFD {
				return nil, fmt.Errorf("%w: unpaired surrogate", errUTF16)
			}
			out = utf8.AppendRune(out, r)
			i++
		default:
			out = utf8.AppendRune(out, u)
		}
	}
	return fixDeclaration(out), nil
}

// declaredEncoding returns the encoding named in data's XML declaration.
func declaredEncoding(data []byte) string {
	start, end := encodingValue(data)
	if start < 0 {
		return ""
	}
	return string(data[start:end])
}

// encodingValue returns the byte range of the encoding pseudo-attribute's
// value in the XML declaration, or -1.
func encodingValue(data []byte) (int, int) {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return -1, -1
	}
	end := bytes.Index(data, []byte("?>"))
	if end < 0 {
		return -1, -1
	}
	decl := data[:end]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return -1, -1
	}
	rest := bytes.TrimLeft(decl[i+len("encoding"):], " \t\r\n")
	if len(rest) == 0 || rest[0] != '=' {
		return -1, -1
	}
	rest = bytes.TrimLeft(rest[1:], " \t\r\n")
	if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
		return -1, -1
	}
	q := bytes.IndexByte(rest[1:], rest[0])
	if q < 0 {
		return -1, -1
	}
	start := len(decl) - len(rest) + 1
	return start, start + q
}

// fixDeclaration makes a transcoded part's declaration say what it now is.
func fixDeclaration(b []byte) []byte {
	start, end := encodingValue(b)
	if start < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:start]...)
	out = append(out, "UTF-8"...)
	return append(out, b[end:]...)
}
