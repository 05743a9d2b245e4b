package opc

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/hostile"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/xmltok"
)

// openClaimed opens the package of es with part claimed by the caller
// before the background verification starts, as a reader that comes first
// would: the race between the two is decided here, not by the scheduler.
func openClaimed(t *testing.T, es []hostile.Entry, part string) *Package {
	t.Helper()
	data := hostile.Archive{Entries: es}.Bytes()
	p, err := openReaderAt(bytes.NewReader(data), int64(len(data)), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	p.setUpVerifier(false)
	if !p.Claim(part) {
		t.Fatalf("claim of %s refused before the verification started", part)
	}
	p.runVerifier()
	t.Cleanup(func() { p.Close() })
	return p
}

// TestClaimedPart: a part a reader claimed gets the verdict it would have
// got from the background verification, whether the reader hands in a
// proof, stops without one, or meets damage; and only a missing proof
// costs Verify a check of its own.
func TestClaimedPart(t *testing.T) {
	draft := hostile.Draft()
	malformed := hostile.With(draft, hostile.Styles, []byte(`<w:styles xmlns:w="`+hostile.NSW+`"><w:style a="1" a="2"/></w:styles>`))
	cases := []struct {
		name        string
		entries     []hostile.Entry
		read        bool  // the reader walks the part with a checked scanner
		want        error // Verify's verdict
		selfChecked bool  // Verify had to check the part itself
	}{
		{"proof handed in", draft, true, nil, false},
		{"reader stopped early", draft, false, nil, true},
		{"damage the reader met", malformed, true, ErrDamaged, true},
		{"damage the reader never read", malformed, false, ErrDamaged, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := openClaimed(t, c.entries, hostile.Styles)
			data, err := p.Read(hostile.Styles)
			if err != nil {
				t.Fatal(err)
			}
			if c.read {
				if s, err := xmltok.NewChecked(data, len(data)+1); err == nil {
					for _, err := s.Next(); err == nil; _, err = s.Next() {
					}
					p.Checked(hostile.Styles, s.Passed())
				}
			}
			err = p.Verify()
			if !errors.Is(err, c.want) || (err != nil && !strings.Contains(msg.Zh(err), hostile.Styles)) {
				t.Fatalf("Verify: %v, want %v naming %s", err, c.want, hostile.Styles)
			}
			if _, self := p.ver.left.done[p.File(hostile.Styles)]; self != c.selfChecked {
				t.Errorf("Verify checked the claimed part itself: %v, want %v", self, c.selfChecked)
			}
			var out bytes.Buffer
			werr := p.Write(&out, Edits{})
			if !errors.Is(werr, c.want) {
				t.Fatalf("Write: %v, want %v", werr, c.want)
			}
			if werr == nil {
				if err := hostile.VerifyBytes(out.Bytes()); err != nil {
					t.Errorf("output: %v", err)
				}
			}
			// A styles part is judged as the file has it even when the
			// output replaces it: only the main part is exempt.
			if werr := p.Write(&out, Edits{Replace: map[string][]byte{hostile.Styles: hostile.StylesXML}}); !errors.Is(werr, c.want) {
				t.Errorf("Write replacing the part: %v, want %v", werr, c.want)
			}
		})
	}
}

// TestClaimAfterVerification: once the verification has a part, a reader's
// claim fails, and the bytes ReadToCheck gives are the part's all the same.
func TestClaimAfterVerification(t *testing.T) {
	p, err := openArchive(t, hostile.Draft())
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Verify(); err != nil {
		t.Fatal(err)
	}
	data, mine, err := p.ReadToCheck(hostile.Styles)
	if err != nil || mine || !bytes.Equal(data, hostile.StylesXML) {
		t.Fatalf("ReadToCheck after verification: mine %v, %v, equal %v", mine, err, bytes.Equal(data, hostile.StylesXML))
	}
	if p.Claim(hostile.Image) || p.Claim("word/none.xml") {
		t.Error("a part that is not XML, or not there, was claimed")
	}
}
