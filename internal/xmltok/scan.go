package xmltok

import (
	"bytes"
	"io"
)

// The scanner's steps: one token at a time, start and end tags, names,
// and skipping an element.

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
		if s.strict {
			if err := checkComment(rest[4 : 4+end]); err != nil {
				return &SyntaxError{Offset: start, Msg: err.Error(), Err: ErrMalformed}
			}
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
