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
	// > 0, is where NewSplit's scanner stops first (split.go); headTo,
	// when > 0, is where the characters NewSplit left to CheckHead end.
	// charsDone, when >= 0, is where the characters are known good from
	// to the end.
	stop, charsFrom, charsTo, charsDone, headTo int
	from                                        *checkpoint // a fork's state at its start (Fork)
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
