package xmltok

import (
	"strings"
	"unsafe"
)

// Names and namespace names: the byte classes the name loops use, and
// the one copy kept of each well-known namespace.

// splitAt splits a qualified name at its first colon, found at i (-1:
// none) while the name was scanned.
func splitAt(name []byte, i int) (prefix, local []byte) {
	if i >= 0 {
		return name[:i], name[i+1:]
	}
	return nil, name
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// isNameStart rejects the name characters XML allows only after the first.
func isNameStart(c byte) bool {
	return c != '-' && c != '.' && (c < '0' || c > '9')
}

// nameBytes holds the bytes a name may contain (every byte of a non-ASCII
// UTF-8 sequence among them); a table look-up per byte is what the name
// loops cost.
var nameBytes = func() (t [256]bool) {
	for c := range 256 {
		b := byte(c)
		t[c] = b >= 0x80 || b == ':' || b == '_' || b == '-' || b == '.' ||
			(b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
	}
	return t
}()

// namespaceName is the namespace a declaration's value names; the
// well-known ones cost no copy (drawings declare theirs on every picture).
func namespaceName(val []byte) string {
	v := unescapeView(val)
	if c := canonicalURI(v); unsafe.StringData(c) != unsafe.StringData(v) {
		return c
	}
	return strings.Clone(v) // kept in scope: not a view
}

// canonicalURI returns the well-known namespace names as the one copy the
// program holds (the linker keeps one copy of each string literal), so that
// comparing a token's Space with a reader's constant, which happens for
// every token, finds equal pointers and need not compare the bytes.
func canonicalURI(uri string) string {
	switch uri {
	case "http://schemas.openxmlformats.org/wordprocessingml/2006/main":
		return "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	case "http://purl.oclc.org/ooxml/wordprocessingml/main":
		return "http://purl.oclc.org/ooxml/wordprocessingml/main"
	case "http://schemas.openxmlformats.org/markup-compatibility/2006":
		return "http://schemas.openxmlformats.org/markup-compatibility/2006"
	case "http://schemas.openxmlformats.org/officeDocument/2006/relationships":
		return "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	case "http://schemas.openxmlformats.org/drawingml/2006/main":
		return "http://schemas.openxmlformats.org/drawingml/2006/main"
	case "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing":
		return "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	case "http://schemas.openxmlformats.org/package/2006/relationships":
		return "http://schemas.openxmlformats.org/package/2006/relationships"
	case "urn:schemas-microsoft-com:vml":
		return "urn:schemas-microsoft-com:vml"
	}
	return uri
}
