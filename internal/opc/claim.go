package opc

import (
	"archive/zip"
	"sync/atomic"
)

// A reader that walks a whole XML part anyway (docx reads the main part for
// its text and the styles part for its sheet) can check it in the same
// pass with xmltok.NewChecked, so the part is not scanned twice: once by
// the reader and once more by the background verification. Whoever comes
// first claims the part; the other leaves it. A reader that claimed a part
// hands in its proof with Checked; a claimed part without a proof (the
// reader stopped early, or found a fault) is checked by Verify and Write
// themselves, so the verdict is the same as if the verification had read
// it.

// A large part that is not XML and that Write copies raw (a picture) is
// left to the copy in the same way (copycheck.go): the copy reads its
// bytes anyway, and checks them as they pass.

const (
	unclaimed uint32 = iota
	byVerifier
	byReader
	byCopy // set up front, never taken: see copycheck.go
)

// take claims part f for who; false when it is another's. Parts that are
// not XML have no claims: the verification always reads them.
func (v *verifier) take(f *zip.File, who uint32) bool {
	c := v.claims[f]
	return c == nil || c.CompareAndSwap(unclaimed, who) || c.Load() == who
}

// Claim tells the background verification that the caller will check XML
// part name itself, with a scanner from xmltok.NewChecked that walks all of
// it, and hand the proof to Checked. False when the verification has the
// part already (or it is not an XML part): the caller then wants no proof.
func (p *Package) Claim(name string) bool {
	f := p.File(name)
	return f != nil && p.ver != nil && p.ver.claims[f] != nil && p.ver.take(f, byReader)
}

// ReadToCheck is Claim and then Read; when the claim fails the bytes come
// from ReadShared (perhaps the verification's own) and mine is false.
func (p *Package) ReadToCheck(name string) (data []byte, mine bool, err error) {
	if !p.Claim(name) {
		data, err = p.ReadShared(name)
		return data, false, err
	}
	data, err = p.Read(name)
	return data, true, err
}

// verifyLeft checks, in directory order, the parts readers claimed and gave
// no proof for, and the parts left to a copy that no copy checked, except
// those skip names. Each is checked once; later calls
// return the same verdict. It waits for the background verification first,
// after which no new claim can succeed.
func (p *Package) verifyLeft(skip func(name string) bool) error {
	v := p.ver
	if v == nil {
		return nil
	}
	p.awaitVerifier()
	for _, f := range p.Files {
		c := v.claims[f]
		if c == nil || (c.Load() != byReader && c.Load() != byCopy) || p.proofs.get(f.Name) != nil || (skip != nil && skip(f.Name)) {
			continue
		}
		if err := v.checkLeft(p, f); err != nil {
			return err
		}
	}
	return nil
}

func (v *verifier) checkLeft(p *Package, f *zip.File) error {
	v.left.Lock()
	defer v.left.Unlock()
	if err, ok := v.left.done[f]; ok {
		return err
	}
	var stop atomic.Bool
	err := p.verifyPart(f, make([]byte, 64<<10), &stop, nil)
	v.setVerdict(f, err)
	return err
}

// setVerdict records f's verdict; v.left is locked.
func (v *verifier) setVerdict(f *zip.File, err error) {
	if v.left.done == nil {
		v.left.done = map[*zip.File]error{}
	}
	v.left.done[f] = err
}
