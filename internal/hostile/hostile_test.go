package hostile

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
)

// TestHostileSuite runs every malformed package of cases() through inspect,
// mark and clean: no flow may panic, write a damaged package, or give a
// result other than the one stated in the case.
func TestHostileSuite(t *testing.T) {
	cs := cases()
	if len(cs) < 60 {
		t.Fatalf("only %d cases; issue 10 asks for at least 60", len(cs))
	}
	log := openLog(t)
	for _, c := range cs {
		t.Run(c.name, func(t *testing.T) {
			data := c.data()
			if data == nil && c.want != nil && strings.Contains(c.name, "corpus") {
				t.Skip("corpus not found")
			}
			ext := c.ext
			if ext == "" {
				ext = ".docx"
			}
			o := runFlows(t, log, data, ext)
			switch {
			case c.soundOnly:
			case c.want == nil:
				if bad := o.accepted(); len(bad) > 0 {
					t.Errorf("should be accepted, but %s", strings.Join(bad, "; "))
				}
			default:
				if bad := o.refusedWith(c.want); len(bad) > 0 {
					t.Errorf("should be refused with %q, but %s", c.want, strings.Join(bad, "; "))
				}
			}
			if c.msgHas != "" {
				for _, err := range []error{o.inspect, o.mark, o.clean} {
					if err != nil && !(strings.Contains(msg.Zh(err), c.msgHas) && strings.Contains(msg.En(err), strings.TrimSuffix(c.msgHas, " 校验失败"))) {
						t.Errorf("refusal does not name %q: %v", c.msgHas, err)
					}
				}
			}
			if c.check != nil && o.inspect == nil {
				if problem := c.check(o, data); problem != "" {
					t.Error(problem)
				}
			}
		})
	}
}

// sawText checks that inspect read s (a UTF-16 part must not look empty).
func sawText(s string) func(outcome, []byte) string {
	return func(o outcome, _ []byte) string {
		for _, p := range o.doc.Paragraphs {
			if strings.Contains(p.Text, s) {
				return ""
			}
		}
		return "inspect did not see " + s
	}
}

// stamped are the parts marking may rewrite; every other part must come out
// byte-identical: same CRC, same compressed bytes.
var stamped = map[string]bool{Document: true, Types: true, RootRels: true, "docProps/custom.xml": true}

func identical(o outcome, in []byte) string {
	if o.markOut == "" {
		return "mark wrote nothing"
	}
	out, err := os.ReadFile(o.markOut)
	if err != nil {
		return err.Error()
	}
	zi, err := zip.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		return err.Error()
	}
	zo, err := zip.NewReader(bytes.NewReader(out), int64(len(out)))
	if err != nil {
		return err.Error()
	}
	outFiles := map[string]*zip.File{}
	for _, f := range zo.File {
		outFiles[f.Name] = f
	}
	for _, f := range zi.File {
		if stamped[f.Name] {
			continue
		}
		g := outFiles[f.Name]
		if g == nil {
			return "mark dropped " + f.Name
		}
		if f.CRC32 != g.CRC32 || f.Method != g.Method || !bytes.Equal(raw(f), raw(g)) {
			return "mark changed the untouched part " + f.Name
		}
	}
	return ""
}

func raw(f *zip.File) []byte {
	r, err := f.OpenRaw()
	if err != nil {
		return nil
	}
	b, _ := io.ReadAll(r)
	return b
}

// TestTruncatedEverywhere cuts the draft at 64 offsets spread over the
// whole file (headers, data, directory, end record): every cut is refused
// by every flow, as empty, as not a Word file (too short for the zip
// signature) or as damaged.
func TestTruncatedEverywhere(t *testing.T) {
	full := zipOf(Draft())()
	log := openLog(t)
	for i := 0; i < 64; i++ {
		off := i * len(full) / 64
		want := opc.ErrDamaged
		switch {
		case off == 0:
			want = opc.ErrEmpty
		case off < 4:
			want = opc.ErrNotWord
		}
		o := runFlows(t, log, full[:off], ".docx")
		if bad := o.refusedWith(want); len(bad) > 0 {
			t.Errorf("cut at %d of %d: want %q, got %s", off, len(full), want, strings.Join(bad, "; "))
		}
	}
}
