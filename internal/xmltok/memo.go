package xmltok

import "bytes"

// Word, and WPS even more, write the same start tags over and over: the
// run properties of every run of a long draft (<w:rFonts w:ascii="仿宋_GB2312"
// w:eastAsia="仿宋_GB2312" w:hint="eastAsia"/>, <w:sz w:val="32"/>) are a few
// hundred distinct tags in some three hundred thousand. A tag's reading —
// its names, attributes, namespace and every rule of Check — depends only
// on its bytes and on the namespace declarations in scope; so a scanner
// keeps the last tag read into each of memoSize slots, and a tag whose
// bytes equal the slot's, read under the same declarations (gen), is
// returned as that one was, without being read again. The tag's end is
// found by its first '>': a '>' inside an attribute value makes a shorter
// candidate, which no tag that read correctly can equal, so it is read in
// full. Tags that declare namespaces, and the root, are never kept.

const memoSize = 256

// memoAfter is how many start tags a scanner reads before it keeps any:
// small parts do not pay for the table.
const memoAfter = 512

type memoTable [memoSize]memoTag

// memoTag is one tag as read; offsets count from its '<'.
type memoTag struct {
	gen     uint64
	raw     []byte // the tag's bytes, where it was read (data does not change)
	nameEnd int32
	colon   int32
	self    bool
	used    bool // recalled since it was kept: a new tag does not take its slot at once
	space   string
	// attrs are the tag's attributes as read, slices of raw: a tag
	// recalled gets them as they are, since its bytes equal raw's (so its
	// attributes' bytes lie where the tag was first read, not in it).
	attrs []Attr
}

func memoSlot(tag []byte) int {
	n := len(tag)
	return int((uint(n)*0x9e37 ^ uint(tag[n/2])*31 ^ uint(tag[n-2])*131 ^ uint(tag[n/3])<<3) & (memoSize - 1))
}

// recall returns the start tag at start as it was read before, if it was.
func (s *Scanner) recall(t *Token, start int) bool {
	d := s.data
	e := bytes.IndexByte(d[start+1:], '>')
	if e < 0 {
		return false
	}
	tag := d[start : start+e+2]
	m := &s.memo[memoSlot(tag)]
	if m.raw == nil || m.gen != s.gen || !bytes.Equal(m.raw, tag) {
		return false
	}
	m.used = true
	s.recalled++
	s.push(t, start, start+len(tag), d[start+1:start+int(m.nameEnd)], int(m.colon), m.space, m.self, len(s.scopes), m.attrs)
	return true
}

// remember keeps the start tag just read, from start to end, in its slot.
func (s *Scanner) remember(start, end int, name []byte, colon int, space string, self bool) {
	tag := s.data[start:end]
	m := &s.memo[memoSlot(tag)]
	if m.used { // a second chance: tags met once (rsid attributes) do not push out the ones met again and again
		m.used = false
		return
	}
	m.gen, m.raw, m.colon, m.self, m.space = s.gen, tag, int32(colon), self, space
	m.nameEnd = int32(1 + len(name))
	// A token that recalled this slot before is spent by now: Token.Attrs
	// lasts until the next call, and this is one.
	m.attrs = append(m.attrs[:0], s.attrs...)
}
