package opc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/hostile"
)

// ReadShared gives what Read gives — for the large parts the verifier left
// (once), for small ones, for a UTF-16 part, for a part read twice — and
// Read's error for a missing part.
func TestReadShared(t *testing.T) {
	// Parts of their own each run: a part that passed before in this
	// process is not read again (known.go), so nothing would be left.
	nonce := time.Now().UnixNano()
	var big strings.Builder
	fmt.Fprintf(&big, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!-- %d --><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">`, nonce)
	for i := 0; big.Len() < 2*shareMinSize; i++ {
		fmt.Fprintf(&big, `<w:style w:styleId="s%d"><w:name w:val="样式%d"/></w:style>`, i, i)
	}
	big.WriteString(`</w:styles>`)
	utf16 := utf16LE(fmt.Sprintf(`<?xml version="1.0" encoding="UTF-16" standalone="yes"?><a n="%d">`, nonce) + strings.Repeat("通知", shareMinSize) + `</a>`)
	tests := []struct {
		name  string
		part  []byte
		taken bool // the verifier's bytes are handed over
	}{
		{"large part", []byte(big.String()), true},
		{"small part", []byte(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`), false},
		{"UTF-16 part", utf16, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := openArchive(t, hostile.With(hostile.Draft(), hostile.Styles, tt.part))
			if err != nil {
				t.Fatal(err)
			}
			if err := p.Verify(); err != nil {
				t.Fatal(err)
			}
			want, err := p.Read(hostile.Styles)
			if err != nil {
				t.Fatal(err)
			}
			if left := p.ver.shared.parts[p.File(hostile.Styles)] != nil; left != tt.taken {
				t.Errorf("left for ReadShared: %v, want %v", left, tt.taken)
			}
			for i := range 2 { // the second read is Read's own
				got, err := p.ReadShared(hostile.Styles)
				if err != nil || !bytes.Equal(got, want) {
					t.Errorf("ReadShared #%d = %d bytes, %v; want Read's %d bytes", i+1, len(got), err, len(want))
				}
			}
			if p.ver.shared.size != 0 {
				t.Errorf("%d bytes still held after the part was taken", p.ver.shared.size)
			}
			_, errRead := p.Read("word/none.xml")
			if _, err := p.ReadShared("word/none.xml"); err == nil || errRead == nil || err.Error() != errRead.Error() {
				t.Errorf("missing part: ReadShared %v, Read %v", err, errRead)
			}
		})
	}
}

// A damaged part's bytes are shared only as far as Read would give them:
// a part that fails its CRC is never left, and Verify still reports the
// malformed one whose bytes were taken.
func TestReadSharedDamaged(t *testing.T) {
	malformed := []byte(`<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` + strings.Repeat("<w:style/>", shareMinSize/8) + `<unclosed>`)
	p, err := openArchive(t, hostile.With(hostile.Draft(), hostile.Styles, malformed))
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Verify(); !errors.Is(err, ErrDamaged) {
		t.Fatalf("Verify = %v, want damage", err)
	}
	got, err := p.ReadShared(hostile.Styles)
	if err != nil || !bytes.Equal(got, malformed) {
		t.Errorf("ReadShared = %d bytes, %v; want the part as Read gives it", len(got), err)
	}
	bad := hostile.Edit(hostile.With(hostile.Draft(), hostile.Styles, malformed), hostile.Styles, func(e *hostile.Entry) { c := uint32(1); e.CRC = &c })
	p, err = openArchive(t, bad)
	if err != nil {
		t.Fatal(err)
	}
	p.Verify()
	if _, err := p.ReadShared(hostile.Styles); !errors.Is(err, ErrDamaged) {
		t.Errorf("ReadShared of a part with a bad CRC = %v, want damage", err)
	}
}
