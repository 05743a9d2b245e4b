package xmltok

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// tokenDump scans data to its end with the memo as given (memoAfter: 0 keeps
// tags from the first, -1 never) and prints every token and the fault.
func tokenDump(data []byte, strict bool, memoAfter int) string {
	s := New(data)
	s.strict, s.memoAfter = strict, memoAfter
	var b strings.Builder
	var t Token
	for {
		err := s.NextInto(&t)
		if err == io.EOF {
			return b.String()
		}
		if err != nil {
			fmt.Fprintf(&b, "error %v\n", err)
			return b.String()
		}
		fmt.Fprintf(&b, "%d %d-%d %q %v %q %q %q %v %q d%d|", t.Kind, t.Start, t.End, t.Prefix, t.Prefix == nil, t.Local, t.Space, t.Raw, t.SelfClosing, s.Lookup(t.Prefix), s.Depth())
		for _, a := range t.Attrs {
			fmt.Fprintf(&b, " %q/%v:%q=%q", a.Prefix, a.Prefix == nil, a.Local, a.Value)
		}
		b.WriteByte('\n')
	}
}

func sameWithMemo(t *testing.T, name string, data []byte) {
	t.Helper()
	for _, strict := range []bool{false, true} {
		if got, want := tokenDump(data, strict, 0), tokenDump(data, strict, -1); got != want {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Fatalf("%s (strict %v): with the memo the tokens differ at %q, want %q", name, strict, got[max(0, i-80):min(len(got), i+80)], want[max(0, i-80):min(len(want), i+80)])
		}
	}
}

func TestMemoReadsAsParsing(t *testing.T) {
	cases := map[string]string{
		"repeats":        `<a xmlns:w="u"><w:r w:x="1"/><w:r w:x="1"/><w:r w:x="1"></w:r><w:r w:x="1"></w:r></a>`,
		"gt in value":    `<a><b c="x>y"/><b c="x>y"/><b c="x"/><b c="x"/></a>`,
		"scope changes":  `<a xmlns:p="1"><p:b/><p:b/><c xmlns:p="2"><p:b/><p:b/></c><p:b/></a>`,
		"default ns":     `<a><b/><b/><c xmlns="n"><b/><b/></c><b/></a>`,
		"empty values":   `<a><b c="" d=''/><b c="" d=''/></a>`,
		"second root":    `<a/><a/>`,
		"duplicate attr": `<a xmlns:p="1" xmlns:q="1"><b p:c="1"/><b p:c="1" q:c="2"/><b p:c="1" q:c="2"/></a>`,
		"undeclared":     `<a><b/><b/><q:b/><q:b/></a>`,
		"entities":       `<a><b c="&amp;"/><b c="&amp;"/><b c="&bad;"/></a>`,
	}
	for name, doc := range cases {
		sameWithMemo(t, name, []byte(doc))
	}
	files, _ := filepath.Glob("../../../shared/corpus/*/*.docx")
	s := New([]byte(cases["repeats"]))
	s.memoAfter = 0
	if err := s.drain(); err != nil || s.recalled != 2 {
		t.Fatalf("repeated tags recalled %d times (%v), want 2", s.recalled, err)
	}
	n := 0
	for _, f := range files {
		if data := mainPart(t, f); data != nil {
			sameWithMemo(t, f, data)
			n++
		}
	}
	if len(files) > 0 && n == 0 {
		t.Fatal("no main part read from the corpus")
	}
}

func FuzzMemo(f *testing.F) {
	f.Add([]byte(`<a xmlns:w="u"><w:r w:x="1"/><w:r w:x="1"/><b c="x>y"/><b c="x>y"/></a>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		// Repeated, so that tags come again.
		sameWithMemo(t, "fuzz", bytes.Repeat(data, 3))
		sameWithMemo(t, "fuzz", data)
	})
}
