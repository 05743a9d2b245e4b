package opc

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/hostile"
)

// openHeld opens the archive of es to edit, as docx does.
func openHeld(t *testing.T, es []hostile.Entry) *Package {
	t.Helper()
	data := hostile.Archive{Entries: es}.Bytes()
	p, err := OpenReaderToEdit(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// TestVerificationWaitsForTheReader: in a package opened to edit, the
// verification takes no part before StartVerifying, however long the
// reader takes to claim its parts; after it, the verdict is the usual one.
func TestVerificationWaitsForTheReader(t *testing.T) {
	p := openHeld(t, hostile.Draft())
	defer p.Close()
	time.Sleep(20 * time.Millisecond) // a verification running free would have taken every part
	if !p.Claim(hostile.Styles) {
		t.Fatal("the verification took the styles part before StartVerifying")
	}
	p.StartVerifying()
	p.StartVerifying() // twice is harmless
	if err := p.Verify(); err != nil {
		t.Fatal(err)
	}
}

// TestHeldVerificationEnds: whatever a caller of a package opened to edit
// does first — Verify, Write, Close — the verification runs or stops, and
// damage is still found.
func TestHeldVerificationEnds(t *testing.T) {
	damaged := hostile.With(hostile.Draft(), hostile.Styles, []byte(`<w:styles xmlns:w="`+hostile.NSW+`"><w:style a="1" a="2"/></w:styles>`))
	done := make(chan struct{})
	go func() {
		defer close(done)
		p := openHeld(t, damaged)
		if err := p.Verify(); !errors.Is(err, ErrDamaged) {
			t.Errorf("Verify without StartVerifying: %v, want damage", err)
		}
		p.Close()

		p = openHeld(t, damaged)
		if err := p.Write(&bytes.Buffer{}, Edits{}); !errors.Is(err, ErrDamaged) {
			t.Errorf("Write without StartVerifying: %v, want damage", err)
		}
		p.Close()

		p = openHeld(t, hostile.Draft())
		if err := p.Write(&bytes.Buffer{}, Edits{}); err != nil {
			t.Errorf("Write without StartVerifying: %v", err)
		}
		p.Close()

		openHeld(t, damaged).Close() // never started: Close must not wait for ever
	}()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("a held verification never ended")
	}
}
