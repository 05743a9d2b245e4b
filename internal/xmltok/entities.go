package xmltok

import (
	"bytes"
	"strconv"
	"unicode/utf8"
)

func validEntities(b []byte) bool {
	for {
		i := bytes.IndexByte(b, '&')
		if i < 0 {
			return true
		}
		b = b[i:]
		j := bytes.IndexByte(b, ';')
		if j < 0 {
			return false
		}
		if _, ok := entity(b[1:j]); !ok {
			return false
		}
		b = b[j+1:]
	}
}

// ValidText reports whether raw character data uses only known entities.
func ValidText(b []byte) bool { return validEntities(b) }

func entity(name []byte) (rune, bool) {
	switch string(name) {
	case "lt":
		return '<', true
	case "gt":
		return '>', true
	case "amp":
		return '&', true
	case "quot":
		return '"', true
	case "apos":
		return '\'', true
	}
	if len(name) > 1 && name[0] == '#' {
		var n uint64
		var err error
		if name[1] == 'x' || name[1] == 'X' {
			n, err = strconv.ParseUint(string(name[2:]), 16, 32)
		} else {
			n, err = strconv.ParseUint(string(name[1:]), 10, 32)
		}
		if err != nil || !isChar(rune(n)) || n > utf8.MaxRune {
			return 0, false
		}
		return rune(n), true
	}
	return 0, false
}

// Unescape decodes the predefined entities and character references in raw.
// Unknown entities are kept as written.
func Unescape(raw []byte) string {
	if bytes.IndexByte(raw, '&') < 0 {
		return string(raw)
	}
	var b []byte
	for {
		i := bytes.IndexByte(raw, '&')
		if i < 0 {
			b = append(b, raw...)
			return string(b)
		}
		b = append(b, raw[:i]...)
		raw = raw[i:]
		j := bytes.IndexByte(raw, ';')
		if j < 0 {
			b = append(b, raw...)
			return string(b)
		}
		if r, ok := entity(raw[1:j]); ok {
			b = utf8.AppendRune(b, r)
		} else {
			b = append(b, raw[:j+1]...)
		}
		raw = raw[j+1:]
	}
}

// Escape returns s with the characters that XML text and attribute values
// cannot hold replaced by entities.
func Escape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
				continue // not representable in XML 1.0
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isChar reports whether XML 1.0 allows r in a document (production Char):
// a character reference to anything else (&#1;, &#xFFFE;, a surrogate) makes
// the document not well-formed, and Word refuses to open it.
func isChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
		return false
	}
	return r <= utf8.MaxRune
}
