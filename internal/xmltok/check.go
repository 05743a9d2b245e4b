package xmltok

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"strings"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/lazyre"
)

// Check reports whether data is a well-formed, namespace-well-formed XML
// document in UTF-8: everything Next checks, and also that every byte
// sequence is valid UTF-8 holding only characters XML 1.0 allows (no C0
// controls but tab and line ends, no U+FFFE/U+FFFF), that no start tag
// repeats an attribute, and that every prefix is declared. These are the
// faults that make Word and WPS refuse a file, so a part that passes Check
// can be passed on.
//
// Next skips these checks: they cost a second look at every byte, which the
// marking path does not pay for on its own core (see opc's verifier).
// The returned error is a *SyntaxError wrapping ErrMalformed or ErrDTD.
func Check(data []byte) error {
	s, err := NewChecked(data, 0)
	if err != nil {
		return err
	}
	return s.drain()
}

// NewChecked returns a scanner that applies every rule of Check as it
// scans: a reader that walks a part anyway checks it in the same pass.
// The characters are checked here, up front. With every > 0 the scanner
// also records where a check of an edited copy of data may resume
// (Passed, resume.go), one point per every bytes at most.
func NewChecked(data []byte, every int) (*Scanner, error) {
	s := New(data)
	if off, ok := validChars(data[s.origin:]); !ok {
		return nil, charError(s.origin + off)
	}
	s.strict, s.every, s.charsDone = true, every, s.origin
	return s, nil
}

func charError(off int) error {
	return &SyntaxError{Offset: off, Msg: "invalid UTF-8 or a character XML does not allow", Err: ErrMalformed}
}

// drain scans to the end and returns the first fault.
func (s *Scanner) drain() error {
	for {
		_, err := s.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// isQName reports whether name is a qualified name: one XML Name, or two
// joined by a single colon with neither empty. Names of real parts are
// ASCII and take the fast path; any other name is put to encoding/xml, so
// that what Check passes every reader built on it accepts too.
func isQName(name []byte) bool {
	prefix, local, found := bytes.Cut(name, []byte(":"))
	if !found {
		return isName(name)
	}
	return isName(prefix) && isName(local)
}

// qname is isQName for a name the scanner has just read: colon is where its
// first colon is (-1: none) and seen every byte or-ed, with the high bit set
// also for a second colon. An ASCII name with at most one colon is checked
// here without a call per part; anything else goes to isQName.
func qname(name []byte, colon int, seen byte) bool {
	if seen >= utf8.RuneSelf {
		return isQName(name)
	}
	if colon < 0 {
		return isNameStart(name[0]) && name[0] != ':'
	}
	return colon > 0 && colon+1 < len(name) && isNameStart(name[0]) && isNameStart(name[colon+1]) && name[colon+1] != ':'
}

// isName reports whether b is an XML Name without a colon.
func isName(b []byte) bool {
	if len(b) == 0 || !isNameStart(b[0]) {
		return false
	}
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return stdlibName(b)
		}
		if !nameBytes[c] || c == ':' {
			return false
		}
	}
	return true
}

// stdlibName asks encoding/xml whether b is a name; it holds the Unicode
// tables of XML 1.0's Name production.
func stdlibName(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(append(append([]byte("<"), b...), "/>"...)))
	t, err := d.RawToken()
	se, ok := t.(xml.StartElement)
	return err == nil && ok && se.Name.Local == string(b)
}

var (
	declRe     = lazyre.New(`^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*("1\.0"|'1\.0')([ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*("[A-Za-z][A-Za-z0-9._-]*"|'[A-Za-z][A-Za-z0-9._-]*'))?([ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*("(yes|no)"|'(yes|no)'))?[ \t\r\n]*\?>$`)
	piTargetRe = lazyre.New(`^<\?([^ \t\r\n?]+)(?:[ \t\r\n]|\?>)`)
)

// checkComment checks a comment's text (between <!-- and -->): XML
// forbids "--" in it and a "-" at its end ("--->"), and a reader that
// holds to that (encoding/xml does) refuses the part.
func checkComment(text []byte) error {
	if bytes.Contains(text, []byte("--")) || bytes.HasSuffix(text, []byte("-")) {
		return errors.New(`"--" in a comment`)
	}
	return nil
}

// checkPI checks a processing instruction: the XML declaration must come
// first and say version 1.0 (what every XML 1.0 reader, Word's included,
// insists on); no other instruction may be named xml.
func checkPI(pi []byte, first bool) error {
	m := piTargetRe.FindSubmatch(pi)
	if m == nil || !isName(m[1]) {
		return errors.New("processing instruction without a target name")
	}
	if !strings.EqualFold(string(m[1]), "xml") {
		return nil
	}
	if !first || string(m[1]) != "xml" {
		return errors.New("XML declaration not at the start of the document")
	}
	d := declRe.FindSubmatch(pi)
	if d == nil {
		return errors.New("malformed XML declaration (version must be 1.0)")
	}
	// The bytes checked are UTF-8 (opc refuses any other encoding, and
	// reads UTF-16 as UTF-8 with its declaration corrected): a declaration
	// naming another one would have readers decode them wrongly.
	if enc := strings.Trim(string(d[3]), `"'`); enc != "" && !strings.EqualFold(enc, "utf-8") && !strings.EqualFold(enc, "utf8") {
		return fmt.Errorf("XML declaration names encoding %q for UTF-8 text", enc)
	}
	return nil
}

// validChars returns the offset of the first byte that is not valid UTF-8
// or encodes a character outside XML 1.0's Char production. It runs on
// every byte of every XML part, so it decodes by hand: eight ASCII bytes at
// a time, and the three-byte sequences of Chinese text without a call.
func validChars(b []byte) (int, bool) {
	const hi, lo = 0x8080808080808080, 0x2020202020202020
	i := 0
	for i < len(b) {
		if i+8 <= len(b) {
			x := binary.LittleEndian.Uint64(b[i:])
			// A byte with the high bit set, or below 0x20. The lowest one
			// flagged is exact (a borrow only runs upwards from a byte
			// below 0x20, itself flagged): the ASCII before it is passed
			// over at once, not a byte at a time.
			m := (x | (x-lo)&^x) & hi
			if m == 0 {
				i += 8
				continue
			}
			i += bits.TrailingZeros64(m) >> 3
		}
		c := b[i]
		switch {
		case c < 0x80:
			if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
				return i, false
			}
			i++
		case c < 0xC2:
			return i, false
		case c < 0xE0:
			if i+1 >= len(b) || b[i+1]&0xC0 != 0x80 {
				return i, false
			}
			i += 2
		case c < 0xF0:
			if i+2 >= len(b) || b[i+1]&0xC0 != 0x80 || b[i+2]&0xC0 != 0x80 ||
				(c == 0xE0 && b[i+1] < 0xA0) || // overlong
				(c == 0xED && b[i+1] >= 0xA0) || // surrogate
				(c == 0xEF && b[i+1] == 0xBF && b[i+2] >= 0xBE) { // U+FFFE, U+FFFF
				return i, false
			}
			i += 3
		default:
			if _, n := utf8.DecodeRune(b[i:]); n != 4 {
				return i, false
			}
			i += 4
		}
	}
	return 0, true
}

// checkTag applies the namespace and attribute rules of Check to the start
// tag just read (its attributes are in s.attrs, its declarations in scope);
// declared says whether the tag's own prefix is bound. Attributes are
// walked by index: copying each one out costs more than the checks.
func (s *Scanner) checkTag(prefix []byte, declared bool) error {
	// A second colon in a name was refused as the name was read (qname).
	if len(prefix) > 0 && (!declared || string(prefix) == "xmlns") {
		return s.errf("undeclared namespace prefix %q", prefix)
	}
	attrs := s.attrs
	for i := range attrs {
		a := &attrs[i]
		if len(a.Prefix) > 0 {
			if string(a.Prefix) == "xmlns" {
				if len(a.Value) == 0 {
					return s.errf("prefix %q bound to no namespace", a.Local)
				}
			} else if _, ok := s.lookup(a.Prefix); !ok {
				return s.errf("undeclared namespace prefix %q", a.Prefix)
			}
		}
		for j := range i {
			if b := &attrs[j]; len(b.Local) == len(a.Local) && s.sameAttr(a, b) {
				return s.errf("duplicate attribute %s", a.Local)
			}
		}
	}
	return nil
}

// sameAttr compares attributes by qualified name and, for prefixed ones, by
// expanded name (two prefixes bound to one namespace name the same attribute).
func (s *Scanner) sameAttr(a, b *Attr) bool {
	if !bytes.Equal(a.Local, b.Local) {
		return false
	}
	if bytes.Equal(a.Prefix, b.Prefix) {
		return true
	}
	if len(a.Prefix) == 0 || len(b.Prefix) == 0 || string(a.Prefix) == "xmlns" || string(b.Prefix) == "xmlns" {
		return false
	}
	ua, _ := s.lookup(a.Prefix)
	ub, _ := s.lookup(b.Prefix)
	return ua == ub
}

// lookup is Lookup that tells an undeclared prefix from one bound to "".
func (s *Scanner) lookup(prefix []byte) (string, bool) {
	if s.last.valid && s.last.gen == s.gen && s.last.prefix == string(prefix) {
		return s.last.uri, true
	}
	for i := len(s.scopes) - 1; i >= 0; i-- {
		if sc := s.scopes[i]; sc.prefix == string(prefix) {
			s.last.gen, s.last.prefix, s.last.uri, s.last.valid = s.gen, sc.prefix, sc.uri, true
			return sc.uri, true
		}
	}
	return "", false
}
