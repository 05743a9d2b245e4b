package xmltok

import (
	"errors"
	"io"
	"testing"
)

// TestNewSplitLeavesTheHeadToCheckHead: NewSplit's scanner reads the first
// half's tokens before its characters are checked, proves nothing until
// CheckHead passed, and fails when CheckHead finds a bad character.
func TestNewSplitLeavesTheHeadToCheckHead(t *testing.T) {
	good := []byte(`<r><a>one</a><b>two</b></r>`)
	bad := []byte("<r><a>o\x01e</a><b>two</b></r>")
	at := len(`<r><a>one</a>`)
	for _, tc := range []struct {
		name string
		data []byte
		err  bool
	}{{"good", good, false}, {"bad character in the head", bad, true}} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSplit(tc.data, 4, at)
			if s == nil {
				t.Fatal("NewSplit refused a tag start")
			}
			var tok Token
			for {
				err := s.NextInto(&tok)
				if errors.Is(err, ErrStopped) {
					break
				}
				if err != nil {
					t.Fatalf("before the stop: %v", err)
				}
			}
			err := s.CheckHead()
			if (err != nil) != tc.err {
				t.Fatalf("CheckHead = %v, want error %v", err, tc.err)
			}
			if err != nil {
				var se *SyntaxError
				if !errors.As(err, &se) || se.Offset != 7 {
					t.Fatalf("CheckHead = %v, want the character at 7", err)
				}
				return
			}
			s.StopAt(0)
			for {
				err := s.NextInto(&tok)
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
			}
			if s.Passed() == nil {
				t.Fatal("a checked scan to the end gave no proof")
			}
		})
	}
	if NewSplit(good, 4, at+1) != nil {
		t.Fatal("NewSplit accepted a place no token starts")
	}
}

// TestNewSplitProvesNothingUnchecked: a scan to the end with the head
// still unchecked is no proof.
func TestNewSplitProvesNothingUnchecked(t *testing.T) {
	data := []byte(`<r><a>one</a><b>two</b></r>`)
	s := NewSplit(data, 4, len(`<r><a>one</a>`))
	s.StopAt(0)
	var tok Token
	for s.NextInto(&tok) == nil {
	}
	if s.Passed() != nil {
		t.Fatal("Passed before CheckHead")
	}
	if err := s.CheckHead(); err != nil || s.Passed() == nil {
		t.Fatalf("after CheckHead: %v, proof %v", err, s.Passed() != nil)
	}
}
