package xmltok

import (
	"bytes"
	"slices"
	"sort"
)

// A marked document differs from its draft only where marks were spliced
// in, mostly near the end; checking the whole output again would repeat
// what the reader's strict pass over the draft already proved. A check
// resumes instead at the last checkpoint the reader recorded at or before
// the first byte where the two differ: a scanner's state at a token's start
// depends on the bytes before it only, so over the shared prefix the
// output's scan would pass through exactly that state. From there the
// output is scanned strictly to its end, characters included. A
// checkpoint sits where a markup token starts ('<'), so no text token or
// entity straddles it.

// checkpoint is a strict scanner's state at the start of a markup token.
type checkpoint struct {
	pos      int
	stack    []frame
	scopes   []scope
	seenRoot bool
}

// checkpoint records the state before the token at s.pos, when a markup
// token starts there and the open elements are few (between the body's
// children of a Word document there are two).
func (s *Scanner) checkpoint() {
	if s.pos >= len(s.data) || s.data[s.pos] != '<' || len(s.stack) > 8 {
		return
	}
	s.cps = append(s.cps, s.state())
	s.nextCP = s.pos + s.every
	if s.stop > 0 {
		s.nextCP = min(s.nextCP, s.stop)
	}
}

// state is the scanner's state now, as a checkpoint of its own.
func (s *Scanner) state() checkpoint {
	return checkpoint{pos: s.pos, stack: slices.Clone(s.stack), scopes: slices.Clone(s.scopes), seenRoot: s.seenRoot}
}

// Passed is the proof that a document passed Check, with the checkpoints
// a check of an edited copy resumes from.
type Passed struct {
	base   []byte
	origin int
	cps    []checkpoint
}

// Passed returns the proof that the document passed every rule of Check,
// or nil when the scanner was not made by NewChecked with checkpoints, has
// not reached the end, or met a fault.
func (s *Scanner) Passed() *Passed {
	if !s.strict || s.every <= 0 || !s.eof || s.failed || s.charsFrom >= 0 || s.charsTo > 0 || s.headTo > 0 {
		return nil
	}
	return &Passed{base: s.data, origin: s.origin, cps: s.cps}
}

// CheckEdited is Check(data) for data that is an edited copy of the
// document p was recorded on: only the bytes from the last checkpoint
// before the first difference on are scanned again.
func (p *Passed) CheckEdited(data []byte) error {
	if p == nil {
		return Check(data)
	}
	n := CommonPrefix(data, p.base)
	return p.CheckTail(p.base[:n], data[n:])
}

// CheckTail is Check of prefix+tail, where prefix is a prefix of the
// document p was recorded on (the very bytes, or equal ones): the copy a
// writer streams without joining its parts. Only the bytes from the last
// checkpoint in prefix on are joined and scanned; offsets in errors count
// from the start of prefix.
func (p *Passed) CheckTail(prefix, tail []byte) error {
	keep := len(prefix)
	if p == nil || keep > len(p.base) || !samePrefix(prefix, p.base) {
		return Check(slices.Concat(prefix, tail))
	}
	i := sort.Search(len(p.cps), func(i int) bool { return p.cps[i].pos > keep }) - 1
	if i < 0 {
		return Check(slices.Concat(prefix, tail))
	}
	cp := p.cps[i]
	data := slices.Concat(p.base[cp.pos:keep], tail)
	if off, ok := validChars(data); !ok {
		return charError(cp.pos + off)
	}
	// The origin is before the data: a declaration in it is not the first thing.
	s := &Scanner{data: data, origin: -1, strict: true, seenRoot: cp.seenRoot, charsFrom: -1, charsDone: -1,
		stack: slices.Clone(cp.stack), scopes: slices.Clone(cp.scopes)}
	if cp.pos == p.origin {
		s.origin = 0
	}
	err := s.drain()
	if se, ok := err.(*SyntaxError); ok {
		se.Offset += cp.pos
	}
	return err
}

// samePrefix reports whether prefix is base's first bytes: the same memory
// (what a writer passes back), else equal bytes.
func samePrefix(prefix, base []byte) bool {
	if len(prefix) == 0 || &prefix[0] == &base[0] {
		return true
	}
	return bytes.Equal(prefix, base[:len(prefix)])
}

// CommonPrefix returns how many leading bytes a and b share: where an
// edited copy first differs (CheckEdited here, opc's reuse of a part's
// compressed bytes).
func CommonPrefix(a, b []byte) int {
	n := min(len(a), len(b))
	const chunk = 4 << 10
	i := 0
	for i+chunk <= n && bytes.Equal(a[i:i+chunk], b[i:i+chunk]) {
		i += chunk
	}
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}
