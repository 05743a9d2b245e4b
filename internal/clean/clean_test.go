package clean

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/scan/scantest"
)

const poiDir = "../../../shared/corpus/poi"

// cleanTo cleans the package at in into dir and returns the output path.
func cleanTo(t *testing.T, in string, opts Options) (string, Result) {
	t.Helper()
	d, err := docx.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	out := filepath.Join(t.TempDir(), "clean-"+filepath.Base(in))
	var buf bytes.Buffer
	res, err := Clean(d, &buf, opts)
	if err != nil {
		t.Fatalf("Clean: %v", err)
	}
	if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return out, res
}

func open(t *testing.T, path string) *docx.Document {
	t.Helper()
	d, err := docx.Open(path)
	if err != nil {
		t.Fatalf("re-open %s: %v", path, err)
	}
	t.Cleanup(func() { d.Close() })
	return d
}

// visible is the text a reader sees in a part, paragraphs joined: accepting
// changes must not change it (deleted text is already left out, inserted
// text already in).
func visible(d *docx.Document, part string) string {
	var b strings.Builder
	for _, p := range d.Paragraphs {
		if p.Part == part {
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// visibleWithoutHidden is visible with each paragraph's hidden runs left out
// (in this corpus each paragraph's hidden runs stand together).
func visibleWithoutHidden(d *docx.Document, part string) string {
	var b strings.Builder
	for _, p := range d.Paragraphs {
		if p.Part == part {
			b.WriteString(strings.Replace(p.Text, p.Hidden, "", 1))
		}
	}
	return b.String()
}

// assertRawCopies checks that every entry of in that Clean did not change
// or remove is in out with the same compressed bytes and CRC.
func assertRawCopies(t *testing.T, in, out string, res Result) {
	t.Helper()
	touched := map[string]bool{}
	for _, p := range append(append([]string{}, res.ChangedParts...), res.RemovedParts...) {
		touched[strings.ToLower(p)] = true
	}
	zi, err := zip.OpenReader(in)
	if err != nil {
		t.Fatal(err)
	}
	defer zi.Close()
	zo, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	defer zo.Close()
	outFiles := map[string]*zip.File{}
	for _, f := range zo.File {
		outFiles[f.Name] = f
	}
	for _, f := range zi.File {
		g, ok := outFiles[f.Name]
		if touched[strings.ToLower(f.Name)] {
			if ok && res.removed(f.Name) {
				t.Errorf("removed part %s still in the output", f.Name)
			}
			continue
		}
		if !ok {
			t.Errorf("untouched part %s missing from the output", f.Name)
			continue
		}
		if f.CRC32 != g.CRC32 || f.CompressedSize64 != g.CompressedSize64 || !bytes.Equal(raw(t, f), raw(t, g)) {
			t.Errorf("untouched part %s was not copied raw", f.Name)
		}
	}
}

func (r Result) removed(name string) bool {
	for _, p := range r.RemovedParts {
		if strings.EqualFold(p, name) {
			return true
		}
	}
	return false
}

func raw(t *testing.T, f *zip.File) []byte {
	t.Helper()
	rc, err := f.OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func count(fs []scan.Finding, kind string) int {
	n := 0
	for _, f := range fs {
		if f.Kind == kind {
			n++
		}
	}
	return n
}

// TestCleanPOICorpus: real files from Apache POI's test corpus with
// comments, tracked changes (also in headers), hidden text and switched-on
// tracking are flagged, cleaned, and re-open with nothing left.
func TestCleanPOICorpus(t *testing.T) {
	tests := []struct {
		file string
		kind string
	}{
		{"comment.docx", scan.KindHiddenComment},
		{"delins.docx", scan.KindTrackedChange},
		{"Tika-792.docx", scan.KindTrackedChange},
		{"bug56075-changeTracking_on.docx", scan.KindTrackedChange}, // tracking on, no revisions yet
		{"bug59058.docx", scan.KindHiddenText},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			in := filepath.Join(poiDir, tc.file)
			if _, err := os.Stat(in); err != nil {
				t.Skip("POI corpus not present")
			}
			before := open(t, in)
			found := scan.Check(before)
			if count(found.Findings, tc.kind) == 0 {
				t.Fatalf("no %s finding before cleaning: %+v", tc.kind, found.Findings)
			}
			out, res := cleanTo(t, in, Options{})
			after := open(t, out)
			if left := Remaining(after, Options{}); len(left) > 0 {
				t.Fatalf("left after cleaning: %+v", left)
			}
			if after.Tracked || after.CommentCount != 0 {
				t.Errorf("tracked=%v comments=%d after cleaning", after.Tracked, after.CommentCount)
			}
			for _, part := range []string{before.Pkg.Main} {
				want, got := visible(before, part), visible(after, part)
				if tc.kind == scan.KindHiddenText {
					want = visibleWithoutHidden(before, part)
				}
				if want != got {
					t.Errorf("visible text of %s changed:\nbefore %.300q\nafter  %.300q", part, want, got)
				}
			}
			assertRawCopies(t, in, out, res)
		})
	}
}

func TestCleanKeepsUntouchedFileAlone(t *testing.T) {
	in := scantest.Write(t, t.TempDir(), "plain.docx", scantest.Doc{Body: scantest.P("正文")})
	orig, _ := os.ReadFile(in)
	out, res := cleanTo(t, in, Options{})
	if len(res.ChangedParts)+len(res.RemovedParts) != 0 {
		t.Errorf("a clean file was changed: %+v", res)
	}
	assertRawCopies(t, in, out, res)
	if now, _ := os.ReadFile(in); !bytes.Equal(orig, now) {
		t.Error("input modified")
	}
}
