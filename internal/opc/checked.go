package opc

import (
	"strings"
	"sync"

	"github.com/docattr/docattr/internal/xmltok"
)

// A reader that walks a part anyway (docx walks the main part for its
// text) can check it in the same pass with xmltok.NewChecked and hand the
// proof over with Checked. The part then needs no check of its own, and
// Write checks its edited copy only from where the copy departs from it
// (xmltok.Passed.CheckEdited) instead of from the start: for a marked
// document, a few kilobytes at the end instead of the whole part.

// proofs holds the parts checked by their reader.
type proofs struct {
	mu sync.Mutex
	m  map[string]*xmltok.Passed // lower-case part name
}

func (ps *proofs) get(name string) *xmltok.Passed {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.m[strings.ToLower(name)]
}

// Checked records that part name, exactly as Read returned it, passed
// every check of xmltok.Check in the caller's pass (proof from a checked
// scanner that reached the end; nil records nothing). The CRC was compared
// when Read inflated it.
func (p *Package) Checked(name string, proof *xmltok.Passed) {
	if proof == nil {
		return
	}
	p.proofs.mu.Lock()
	defer p.proofs.mu.Unlock()
	if p.proofs.m == nil {
		p.proofs.m = map[string]*xmltok.Passed{}
	}
	p.proofs.m[strings.ToLower(name)] = proof
}

// inflatedParts holds the parts read with ReadToEdit.
type inflatedParts struct {
	mu sync.Mutex
	m  map[string]*Inflated // lower-case part name
}

func (ip *inflatedParts) keep(name string, in *Inflated) {
	ip.mu.Lock()
	defer ip.mu.Unlock()
	if ip.m == nil {
		ip.m = map[string]*Inflated{}
	}
	ip.m[strings.ToLower(name)] = in
}

// forEdit returns the part as ReadToEdit kept it, when base is its content
// (the same memory): only then are its compressed bytes the prefix's.
func (ip *inflatedParts) forEdit(name string, base []byte) *Inflated {
	ip.mu.Lock()
	defer ip.mu.Unlock()
	in := ip.m[strings.ToLower(name)]
	if in == nil || len(base) != len(in.Content) || len(base) == 0 || &base[0] != &in.Content[0] {
		return nil
	}
	return in
}
