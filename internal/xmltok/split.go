package xmltok

import (
	"bytes"
	"errors"
	"math"
	"slices"
)

// A large part can be scanned on two cores: one scanner reads it from the
// start and stops at a point in the middle (StopAt), while a fork of it
// reads from that point on, started on a guess of the state there: the
// state the first scanner was in when it forked (for a Word document,
// just inside w:body, where the body's children begin). When the first
// scanner reaches the point it compares its state with the guess
// (Continues); only if they are equal did the fork see what a single
// scan would have seen, and the first scanner takes its end over (Join).
// Otherwise the fork's work is thrown away and the first scanner goes on
// alone, so the result never depends on the guess.

// ErrStopped is returned by NextInto when the scanner reached the offset
// given to StopAt. It is not a fault: the scanner can go on after StopAt
// moves or clears the stop.
var ErrStopped = errors.New("xmltok: stopped")

// NewSplit is NewChecked for the bytes of data before at, where a markup
// token may start ('<'; elsewhere it returns nil): its NextInto returns
// ErrStopped once the next token would start at or after at, and the rest
// is for a Fork, which checks its own characters; if the stop is moved past
// at instead, the scanner checks the characters from at on before its next
// token. The characters before at are left to CheckHead, so that a caller
// can start a fork on the second core before spending the time that check
// takes on the first: until CheckHead passed, its tokens may come from
// characters a check refuses, and nothing may be concluded from them.
func NewSplit(data []byte, every, at int) *Scanner {
	s := New(data)
	if at <= s.origin || at >= len(data) || data[at] != '<' {
		return nil
	}
	s.strict, s.every, s.charsTo, s.headTo = true, stopEvery(every), at, at
	s.StopAt(at)
	return s
}

// CheckHead checks the characters NewSplit left unchecked, before the
// first stop; on a fault the scanner has failed. Later calls return nil.
func (s *Scanner) CheckHead() error {
	to := s.headTo
	if to <= 0 {
		return nil
	}
	s.headTo = 0
	return s.checkCharsIn(s.origin, to)
}

// stopEvery is every for a scanner that stops or checks characters late:
// those run where checkpoints are taken, so a scanner without checkpoints
// gets one at the start only.
func stopEvery(every int) int {
	if every > 0 {
		return every
	}
	return math.MaxInt / 2
}

// StopAt makes NextInto return ErrStopped once the next token would start
// at or after at; 0 clears the stop. It works on a scanner made by
// NewSplit or NewChecked with every > 0.
func (s *Scanner) StopAt(at int) {
	if s.charsTo > 0 && (at == 0 || at > s.charsTo) {
		s.charsFrom, s.charsTo = s.charsTo, 0
		s.nextCP = min(s.nextCP, s.pos)
	}
	s.stop = at
	if at > 0 {
		s.nextCP = min(s.nextCP, at)
	}
}

// CheckChars checks now the characters a Fork or a moved stop left to
// check before the next token.
func (s *Scanner) CheckChars() error {
	if s.charsFrom < 0 {
		return nil
	}
	from := s.charsFrom
	s.charsFrom = -1
	if err := s.checkCharsIn(from, len(s.data)); err != nil {
		return err
	}
	s.charsDone = from
	return nil
}

// checkCharsIn checks the characters of data[from:to]; on a fault the
// scanner has failed.
func (s *Scanner) checkCharsIn(from, to int) error {
	if off, ok := validChars(s.data[from:to]); !ok {
		s.failed = true
		return charError(from + off)
	}
	return nil
}

// Fork returns a scanner for the bytes from at on that starts in s's
// present state (open elements, namespaces), applies every rule s does and
// records its own checkpoints. Its first NextInto checks the characters
// from at to the end, unless s has checked them (CheckChars): a fork of a
// fork that checked them starts with none to check. Its tokens are what a
// single scan would give only if s, stopped at at, Continues it.
func (s *Scanner) Fork(at int) *Scanner {
	stack, scopes := s.stack, s.scopes
	if n := len(stack); n > 0 && stack[n-1].name == nil { // a self-closing tag's pending pop
		stack, scopes = stack[:n-1], scopes[:stack[n-1].scopeLen]
	}
	f := &Scanner{data: s.data, pos: at, stack: slices.Clone(stack), scopes: slices.Clone(scopes),
		seenRoot: s.seenRoot, strict: s.strict, origin: s.origin, every: stopEvery(s.every), charsFrom: at, charsDone: -1}
	if s.charsDone >= 0 && s.charsDone <= at { // s checked them already
		f.charsFrom, f.charsDone = -1, s.charsDone
	}
	from := f.state()
	f.from = &from
	return f
}

// Continues reports whether s stopped exactly where fork f began, in the
// state f began in: then f's tokens are the ones s would have read next.
func (s *Scanner) Continues(f *Scanner) bool {
	g := f.from
	if g == nil || s.pos != g.pos || s.seenRoot != g.seenRoot || s.failed ||
		len(s.stack) != len(g.stack) || !slices.Equal(s.scopes, g.scopes) {
		return false
	}
	for i, a := range s.stack {
		b := g.stack[i]
		if !bytes.Equal(a.name, b.name) || a.name == nil || a.colon != b.colon || a.space != b.space || a.scopeLen != b.scopeLen {
			return false
		}
	}
	return true
}

// Join makes s, which Continues f, take over f's end: its position, its
// checkpoints and its faults, so that Passed covers the whole part.
func (s *Scanner) Join(f *Scanner) {
	s.pos, s.stack, s.scopes, s.seenRoot = f.pos, f.stack, f.scopes, f.seenRoot
	s.cps = append(s.cps, f.cps...)
	s.eof, s.failed, s.charsFrom, s.charsTo = f.eof, f.failed, f.charsFrom, 0
	s.stop, s.nextCP, s.gen = 0, f.nextCP, s.gen+1
}
