// Package xmltok is a small, fast XML token scanner that reports the byte
// range of every token, so callers can edit a document by splicing bytes
// instead of re-encoding it.
//
// It checks well-formedness (tag nesting, quoting, names, entity syntax) and
// resolves namespace prefixes, but it never expands entities beyond the five
// predefined ones and numeric character references, and it refuses any
// document type declaration: OOXML forbids DTDs, and refusing them keeps
// entity-expansion attacks ("billion laughs") out by construction.
//
// The scanner does not copy its input: names, attribute values and text in a
// Token are sub-slices of the buffer given to New and are valid as long as
// that buffer is.
package xmltok

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unsafe"
)

// Kind is the kind of a token.
type Kind uint8

// Token kinds.
const (
	StartTag Kind = iota + 1 // <a ...> or <a .../> (SelfClosing set)
	EndTag                   // </a>
	Text                     // character data, raw (use Unescape)
	CData                    // <![CDATA[...]]>, Raw is the content
	Other                    // <?...?> and <!--...-->
)

// Sentinel errors callers branch on.
var (
	ErrDTD       = errors.New("document type declarations are not allowed")
	ErrMalformed = errors.New("malformed XML")
)

// SyntaxError reports where the input stopped being well-formed.
type SyntaxError struct {
	Offset int
	Msg    string
	Err    error // ErrDTD or ErrMalformed
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg) }
func (e *SyntaxError) Unwrap() error { return e.Err }

// Attr is one attribute of a start tag; Value is raw (use Unescape).
type Attr struct {
	Prefix, Local []byte
	Value         []byte
}

// Token is one token; Start and End delimit it in the input.
type Token struct {
	Kind          Kind
	Start, End    int
	Prefix, Local []byte // tags only
	Space         string // namespace URI of the tag, resolved
	SelfClosing   bool
	Attrs         []Attr // start tags only; reused by the next call to Next
	Raw           []byte // Text and CData content

	text    string // Unescaped's result, once asked for
	textSet bool
}

// Unescaped returns Unescape(t.Raw), decoded once however many readers of
// one pass ask for it. Text with nothing to decode (nearly all of it) is
// returned without a copy: the string shares the scanned data's memory, so
// a caller that keeps it must not change that data (the scanner never
// does), or must keep a copy (strings.Clone). A long part has a text
// token per run, and a copy each was most of what reading it allocated.
func (t *Token) Unescaped() string {
	if !t.textSet {
		t.text, t.textSet = unescapeView(t.Raw), true
	}
	return t.text
}

// set starts t afresh as a token of kind from start to end. Fields are
// stored one by one: building a Token value and copying it in costs a
// stall on every token (the copy reads back what was just stored).
func (t *Token) set(kind Kind, start, end int) {
	t.Kind, t.Start, t.End = kind, start, end
	t.Prefix, t.Local, t.Space, t.SelfClosing, t.Attrs, t.Raw = nil, nil, "", false, nil, nil
	t.text, t.textSet = "", false
}

// Is reports whether the token is a tag named local in namespace space.
func (t *Token) Is(space, local string) bool {
	return t.Space == space && string(t.Local) == local
}

// Scanner walks a byte slice token by token.
type Scanner struct {
	data     []byte
	pos      int
	stack    []frame
	attrs    []Attr
	scopes   []scope
	seenRoot bool
	strict   bool // namespace and attribute checks of Check
	origin   int  // where the document starts (after a byte order mark)
	// checkpoints, when every > 0 (NewChecked): the state at a markup
	// token's start every that many bytes; eof is set once Next returned
	// io.EOF, err once it returned anything else (resume.go).
	every, nextCP int
	cps           []checkpoint
	eof, failed   bool
	// stop, when > 0, is where NextInto stops (StopAt); charsFrom, when
	// >= 0, is where characters are still to be checked; charsTo, when
	// > 0, is where NewCheckedTo's check ended (split.go).
	// charsDone, when >= 0, is where the characters are known good from
	// to the end.
	stop, charsFrom, charsTo, charsDone int
	from                                *checkpoint // a fork's state at its start (Fork)
	// memo holds start tags read before (memo.go), once memoAfter start
	// tags have been read; memoAfter < 0 with memo nil: never.
	memo      *memoTable
	memoAfter int
	recalled  int // tags the memo gave back (for tests)
	// gen changes whenever scopes does; last is the latest prefix found,
	// valid while gen is: documents declare their prefixes on the root, so
	// most look-ups are the one before (w:, w:, w:…).
	gen  uint64
	last struct {
		gen         uint64
		prefix, uri string
		valid       bool
	}
}

type frame struct {
	name     []byte // qualified name as written
	colon    int    // of the prefix in name, -1 for none
	space    string // the element's namespace, for its end tag
	scopeLen int    // len(scopes) before this element's declarations
}

type scope struct{ prefix, uri string }

// New returns a scanner over data.
func New(data []byte) *Scanner {
	s := &Scanner{data: data, scopes: []scope{{"xml", "http://www.w3.org/XML/1998/namespace"}}, charsFrom: -1, charsDone: -1, memoAfter: memoAfter}
	if bytes.HasPrefix(data, []byte("\xef\xbb\xbf")) {
		s.pos = 3 // byte order mark
	}
	s.origin = s.pos
	return s
}

// Depth is the number of elements currently open.
func (s *Scanner) Depth() int { return len(s.stack) }

// Offset is the byte offset where the next token starts.
func (s *Scanner) Offset() int { return s.pos }

// Lookup resolves a namespace prefix in the current scope ("" is the default namespace).
func (s *Scanner) Lookup(prefix []byte) string {
	uri, _ := s.lookup(prefix)
	return uri
}

// PrefixFor returns a prefix bound to uri in the current scope.
func (s *Scanner) PrefixFor(uri string) (string, bool) {
	for i := len(s.scopes) - 1; i >= 0; i-- {
		if s.scopes[i].uri == uri && s.Lookup([]byte(s.scopes[i].prefix)) == uri {
			return s.scopes[i].prefix, true
		}
	}
	return "", false
}

// AttrValue returns the unescaped value of the attribute named local in
// namespace space ("" for an unprefixed attribute) on the current start tag.
func (s *Scanner) AttrValue(t *Token, space, local string) (string, bool) {
	if v, ok := s.attr(t, space, local); ok {
		return Unescape(v), true
	}
	return "", false
}

// AttrView is AttrValue for a value looked at and let go (a number read,
// a keyword compared): a value with nothing to decode is returned as a
// view of the scanned data, not a copy, so it must not be kept.
func (s *Scanner) AttrView(t *Token, space, local string) (string, bool) {
	v, ok := s.attr(t, space, local)
	if !ok {
		return "", false
	}
	return unescapeView(v), true
}

// unescapeView is Unescape that returns raw itself, not a copy, when there
// is nothing to decode: a view of the scanned data, which is never changed.
func unescapeView(raw []byte) string {
	if bytes.IndexByte(raw, '&') >= 0 {
		return Unescape(raw)
	}
	return unsafe.String(unsafe.SliceData(raw), len(raw))
}

func (s *Scanner) attr(t *Token, space, local string) ([]byte, bool) {
	for _, a := range t.Attrs {
		if string(a.Local) != local {
			continue
		}
		var as string
		if len(a.Prefix) > 0 {
			as = s.Lookup(a.Prefix)
		}
		if as == space {
			return a.Value, true
		}
	}
	return nil, false
}

func (s *Scanner) errf(format string, args ...any) error {
	return &SyntaxError{Offset: s.pos, Msg: fmt.Sprintf(format, args...), Err: ErrMalformed}
}

// Next returns the next token, or io.EOF after the root element closed and
// only whitespace, comments or processing instructions followed.
func (s *Scanner) Next() (Token, error) {
	var t Token
	err := s.NextInto(&t)
	return t, err
}

// NextInto is Next that writes the token into *t, for a loop that reads a
// large part: a token is some 150 bytes, and returning it by value copies
// it on every step. *t is unspecified after an error.
func (s *Scanner) NextInto(t *Token) error {
	// Closing a self-closing tag pops its scope lazily here.
	if n := len(s.stack); n > 0 && s.stack[n-1].name == nil {
		s.popScopes(s.stack[n-1].scopeLen)
		s.stack = s.stack[:n-1]
	}
	if s.every == 0 {
		return s.next(t)
	}
	if s.pos >= s.nextCP {
		if s.stop > 0 && s.pos >= s.stop {
			return ErrStopped
		}
		if err := s.CheckChars(); err != nil {
			return err
		}
		s.checkpoint()
	}
	err := s.next(t)
	if err != nil {
		s.eof, s.failed = s.eof || err == io.EOF, s.failed || err != io.EOF
	}
	return err
}

func (s *Scanner) next(t *Token) error {
	d := s.data
	if s.pos >= len(d) {
		if len(s.stack) > 0 {
			return s.errf("unexpected end of input inside <%s>", s.stack[len(s.stack)-1].name)
		}
		if !s.seenRoot {
			return s.errf("no root element")
		}
		return io.EOF
	}
	start := s.pos
	if d[start] != '<' {
		end := bytes.IndexByte(d[start:], '<')
		if end < 0 {
			end = len(d)
		} else {
			end += start
		}
		s.pos = end
		if len(s.stack) == 0 && len(bytes.TrimSpace(d[start:end])) > 0 {
			return &SyntaxError{Offset: start, Msg: "text outside the root element", Err: ErrMalformed}
		}
		if !validEntities(d[start:end]) {
			return &SyntaxError{Offset: start, Msg: "unknown entity or stray '&' in text", Err: ErrMalformed}
		}
		// XML 1.0 §2.4: character data never holds "]]>" (Word and
		// encoding/xml refuse it).
		if text := d[start:end]; bytes.IndexByte(text, ']') >= 0 && bytes.Contains(text, []byte("]]>")) {
			return &SyntaxError{Offset: start, Msg: "']]>' in text", Err: ErrMalformed}
		}
		t.set(Text, start, end)
		t.Raw = d[start:end]
		return nil
	}
	rest := d[start:]
	switch {
	case len(rest) < 2 || (rest[1] != '?' && rest[1] != '!' && rest[1] != '/'):
		// a start tag, by far the commonest token: no prefix tests
		return s.startTag(t, start)
	case bytes.HasPrefix(rest, []byte("<?")):
		end := bytes.Index(rest[2:], []byte("?>"))
		if end < 0 {
			return s.errf("unterminated processing instruction")
		}
		if s.strict {
			if err := checkPI(rest[:2+end+2], start == s.origin); err != nil {
				return &SyntaxError{Offset: start, Msg: err.Error(), Err: ErrMalformed}
			}
		}
		s.pos = start + 2 + end + 2
		t.set(Other, start, s.pos)
		return nil
	case bytes.HasPrefix(rest, []byte("<!--")):
		end := bytes.Index(rest[4:], []byte("-->"))
		if end < 0 {
			return s.errf("unterminated comment")
		}
		s.pos = start + 4 + end + 3
		t.set(Other, start, s.pos)
		return nil
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		if len(s.stack) == 0 {
			return s.errf("CDATA outside the root element")
		}
		end := bytes.Index(rest[9:], []byte("]]>"))
		if end < 0 {
			return s.errf("unterminated CDATA section")
		}
		s.pos = start + 9 + end + 3
		t.set(CData, start, s.pos)
		t.Raw = rest[9 : 9+end]
		return nil
	case bytes.HasPrefix(rest, []byte("<!")):
		return &SyntaxError{Offset: start, Msg: "document type declaration", Err: ErrDTD}
	case bytes.HasPrefix(rest, []byte("</")):
		return s.endTag(t, start)
	}
	return s.startTag(t, start)
}

func (s *Scanner) endTag(t *Token, start int) error {
	d := s.data
	n := len(s.stack)
	var name []byte
	end := -1
	// Nearly every end tag is the open element's name and '>': compared
	// as a whole, not read a byte at a time.
	if n > 0 {
		f := &s.stack[n-1]
		if j := start + 2 + len(f.name); f.name != nil && j < len(d) && d[j] == '>' && string(d[start+2:j]) == string(f.name) {
			name, end = d[start+2:j], j+1
		}
	}
	if end < 0 {
		i := start + 2
		for i < len(d) && nameBytes[d[i]] {
			i++
		}
		name = d[start+2 : i]
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i >= len(d) || d[i] != '>' || len(name) == 0 {
			return s.errf("bad end tag")
		}
		if n == 0 || !bytes.Equal(s.stack[n-1].name, name) {
			return s.errf("end tag </%s> does not match", name)
		}
		end = i + 1
	}
	s.pos = end
	f := s.stack[n-1]
	prefix, local := splitAt(name, f.colon)
	s.popScopes(f.scopeLen)
	s.stack = s.stack[:n-1]
	t.set(EndTag, start, s.pos)
	t.Prefix, t.Local, t.Space = prefix, local, f.space
	return nil
}

func (s *Scanner) startTag(t *Token, start int) error {
	d := s.data
	if len(s.stack) == 0 && s.seenRoot {
		return s.errf("second root element")
	}
	if s.memo != nil && len(s.stack) > 0 && s.recall(t, start) {
		return nil
	} else if s.memo == nil && s.memoAfter >= 0 {
		if s.memoAfter--; s.memoAfter < 0 {
			s.memo = new(memoTable)
		}
	}
	nameStart := start + 1
	i, colon, seen := scanName(d, nameStart)
	name := d[nameStart:i]
	if len(name) == 0 || !isNameStart(name[0]) || (s.strict && !qname(name, colon, seen)) {
		return s.errf("bad start tag")
	}
	attrs := s.attrs[:0] // a local slice: appending to the field costs a store (and a barrier) per attribute
	scopeLen := len(s.scopes)
	selfClosing := false
	for {
		sp := i
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i >= len(d) {
			return s.errf("unterminated start tag <%s>", name)
		}
		if d[i] == '>' {
			i++
			break
		}
		if d[i] == '/' {
			if i+1 >= len(d) || d[i+1] != '>' {
				return s.errf("bad start tag <%s>", name)
			}
			selfClosing = true
			i += 2
			break
		}
		if sp == i {
			return s.errf("attributes of <%s> must be separated by spaces", name)
		}
		as := i
		var acolon int
		var aseen byte
		i, acolon, aseen = scanName(d, as)
		aname := d[as:i]
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if len(aname) == 0 || i >= len(d) || d[i] != '=' || (s.strict && !qname(aname, acolon, aseen)) {
			return s.errf("bad attribute in <%s>", name)
		}
		i++
		for i < len(d) && isSpace(d[i]) {
			i++
		}
		if i >= len(d) || (d[i] != '"' && d[i] != '\'') {
			return s.errf("unquoted attribute value in <%s>", name)
		}
		q := d[i]
		vs := i + 1
		ve := bytes.IndexByte(d[vs:], q)
		if ve < 0 {
			return s.errf("unterminated attribute value in <%s>", name)
		}
		val := d[vs : vs+ve]
		amp := false
		for _, c := range val { // values are short: one loop, not two searches
			if c == '<' {
				return s.errf("bad attribute value in <%s>", name)
			}
			amp = amp || c == '&'
		}
		if amp && !validEntities(val) {
			return s.errf("bad attribute value in <%s>", name)
		}
		i = vs + ve + 1
		p, l := splitAt(aname, acolon)
		switch {
		case len(p) == 0 && string(l) == "xmlns":
			s.scopes = append(s.scopes, scope{"", namespaceName(val)})
		case string(p) == "xmlns":
			s.scopes = append(s.scopes, scope{string(l), namespaceName(val)})
		}
		attrs = extend(attrs)
		a := &attrs[len(attrs)-1]
		a.Prefix, a.Local, a.Value = p, l, val
	}
	s.attrs = attrs
	if len(s.scopes) != scopeLen {
		s.gen++
	}
	prefix, _ := splitAt(name, colon)
	space, declared := s.lookup(prefix)
	if s.strict {
		if err := s.checkTag(prefix, declared); err != nil {
			return err
		}
	}
	if s.memo != nil && len(s.stack) > 0 && len(s.scopes) == scopeLen {
		s.remember(start, i, name, colon, space, selfClosing)
	}
	s.push(t, start, i, name, colon, space, selfClosing, scopeLen, s.attrs)
	return nil
}

// push returns the start tag read from start to end in t and opens its
// element.
func (s *Scanner) push(t *Token, start, end int, name []byte, colon int, space string, selfClosing bool, scopeLen int, attrs []Attr) {
	prefix, local := splitAt(name, colon)
	s.pos = end
	s.seenRoot = true
	t.set(StartTag, start, end)
	t.Prefix, t.Local, t.Space, t.SelfClosing, t.Attrs = prefix, local, space, selfClosing, attrs
	s.stack = extend(s.stack)
	f := &s.stack[len(s.stack)-1]
	f.name, f.colon, f.space, f.scopeLen = name, colon, space, scopeLen
	if selfClosing {
		f.name = nil // popped at the next call, so Lookup still works for this token's attributes
	}
}

// extend returns x one element longer, for the caller to fill in place:
// appending a built value stores it and copies it in, and the copy reads
// back what was just stored (Token.set says why that stalls).
func extend[T any](x []T) []T {
	if len(x) < cap(x) {
		return x[:len(x)+1]
	}
	var zero T
	return append(x, zero)
}

// scanName reads the name that starts at i: it returns where the name
// ends, where its first colon is (-1: none; counted from i) and every byte
// or-ed, with the high bit set for a second colon too (qname refuses both).
// It is a function of its own so that its loop keeps these in registers:
// inside startTag they lived on the stack, and every byte waited on them.
func scanName(d []byte, i int) (end, colon int, seen byte) {
	start := i
	colon = -1
	for ; i < len(d); i++ {
		c := d[i]
		if !nameBytes[c] {
			break
		}
		if c == ':' {
			if colon >= 0 {
				seen |= 0x80
			} else {
				colon = i - start
			}
		}
		seen |= c
	}
	return i, colon, seen
}

// popScopes drops the declarations of the element being closed.
func (s *Scanner) popScopes(n int) {
	if len(s.scopes) != n {
		s.scopes = s.scopes[:n]
		s.gen++
	}
}

// Skip advances past the end of the element whose start tag was just
// returned. It returns the offset just after that element.
func (s *Scanner) Skip(t *Token) (int, error) {
	if t.SelfClosing {
		return t.End, nil
	}
	depth := len(s.stack)
	for {
		tok, err := s.Next()
		if err != nil {
			if err == io.EOF {
				return 0, s.errf("unexpected end of input")
			}
			return 0, err
		}
		if tok.Kind == EndTag && len(s.stack) == depth-1 {
			return tok.End, nil
		}
	}
}

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

// EachStart calls fn for every start tag of data, in order; fn may Skip the
// element. It stops at the first error, from the input or from fn.
func EachStart(data []byte, fn func(s *Scanner, t *Token) error) error {
	s := New(data)
	for {
		t, err := s.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if t.Kind == StartTag {
			if err := fn(s, &t); err != nil {
				return err
			}
		}
	}
}

// canonicalURI returns the well-known namespace names as the one copy the
// program holds (the linker keeps one copy of each string literal), so that
// comparing a token's Space with a reader's constant, which happens for
// every token, finds equal pointers and need not compare the bytes.
// namespaceName is the namespace a declaration's value names; the
// well-known ones cost no copy (drawings declare theirs on every picture).
func namespaceName(val []byte) string {
	v := unescapeView(val)
	if c := canonicalURI(v); unsafe.StringData(c) != unsafe.StringData(v) {
		return c
	}
	return strings.Clone(v) // kept in scope: not a view
}

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
