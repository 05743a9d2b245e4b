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

// partMap holds something per part, by lower-case part name, for readers
// and Write, which run on different goroutines.
type partMap[T any] struct {
	mu sync.Mutex
	m  map[string]T
}

func (pm *partMap[T]) get(name string) T {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	return pm.m[strings.ToLower(name)]
}

func (pm *partMap[T]) set(name string, v T) {
	pm.mu.Lock()
	defer pm.mu.Unlock()
	if pm.m == nil {
		pm.m = map[string]T{}
	}
	pm.m[strings.ToLower(name)] = v
}

// Checked records that part name, exactly as Read returned it, passed
// every check of xmltok.Check in the caller's pass (proof from a checked
// scanner that reached the end; nil records nothing). The CRC was compared
// when Read inflated it.
func (p *Package) Checked(name string, proof *xmltok.Passed) {
	if proof == nil {
		return
	}
	p.proofs.set(name, proof)
	// The drafts of a batch share their template's parts (known.go); the
	// main part is each draft's own and too large to hash for nothing.
	if f := p.File(name); f != nil && !strings.EqualFold(name, p.Main) {
		if d, ok := digest(f); ok {
			remember(d)
		}
	}
}

// inflatedFor returns the part as ReadToEdit kept it, when base is its
// content (the same memory): only then are its compressed bytes the
// prefix's.
func (p *Package) inflatedFor(name string, base []byte) *Inflated {
	in := p.inflated.get(name)
	if in == nil || len(base) != len(in.Content) || len(base) == 0 || &base[0] != &in.Content[0] {
		return nil
	}
	return in
}
