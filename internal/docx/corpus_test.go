package docx

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/opc"
)

const corpusDir = "../../../shared/corpus"

func corpusFiles(t testing.TB) []string {
	t.Helper()
	var files []string
	for _, sub := range []string{"poi", "gongwen"} {
		m, _ := filepath.Glob(filepath.Join(corpusDir, sub, "*"))
		for _, f := range m {
			if !strings.HasSuffix(f, ".json") {
				files = append(files, f)
			}
		}
	}
	if len(files) == 0 {
		t.Skip("shared corpus not found at " + corpusDir)
	}
	return files
}

// expectedRefusal is the class of error for corpus files that must be refused.
func expectedRefusal(name string) error {
	switch {
	case strings.HasSuffix(name, ".doc"), strings.HasSuffix(name, ".wps"):
		if name == "ShortLastBlock.wps" {
			return opc.ErrNotWord // Microsoft Works, not Word
		}
		return opc.ErrLegacyFormat
	case strings.HasSuffix(name, ".odt"):
		return opc.ErrOpenDocument
	case strings.Contains(name, "password-is"):
		return opc.ErrEncrypted
	case strings.HasPrefix(name, "clusterfuzz"), strings.HasPrefix(name, "truncated"):
		return opc.ErrDamaged
	}
	return nil
}

// stampTo stamps d into a file in dir and returns its path.
func stampTo(t *testing.T, d *Document, dir, name string, opts StampOptions) (string, StampResult) {
	t.Helper()
	out := filepath.Join(dir, name)
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	res, err := d.Stamp(f, opts)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatalf("stamp %s: %v", d.Path, err)
	}
	return out, res
}

func ptr(s string) *string { return &s }

// TestCorpus: every corpus file is either refused with the right class of
// error, or stamped so that it re-reads with exactly one secrecy line and one
// note, re-marking replaces both, and every part we do not own is
// byte-identical (same compressed bytes, not recompressed).
func TestCorpus(t *testing.T) {
	for _, path := range corpusFiles(t) {
		name := filepath.Base(path)
		t.Run(name, func(t *testing.T) {
			d, err := Open(path)
			want := expectedRefusal(name)
			if err != nil {
				var m *msg.Error
				if !errors.As(err, &m) || m.Zh == "" || m.En == "" {
					t.Fatalf("refusal without a bilingual message: %v", err)
				}
				if want == nil {
					t.Fatalf("refused a file that should be marked: %v", err)
				}
				if !errors.Is(err, want) {
					t.Fatalf("refused with %v, want class %v", err, want)
				}
				return
			}
			defer d.Close()
			if want != nil {
				t.Fatalf("accepted a file that must be refused (%v)", want)
			}
			dir := t.TempDir()
			rec := Record{Attribute: "on-request", DocID: "test-id", FormatVersion: RecordFormatVersion}
			out1, _ := stampTo(t, d, dir, "1"+filepath.Ext(name), StampOptions{Record: rec, SecrecyLine: ptr("秘密★1年"), Note: "（此件依申请公开）"})
			checkMarks(t, out1, "秘密★1年", "（此件依申请公开）", "on-request")
			checkUntouched(t, path, out1)

			d2, err := Open(out1)
			if err != nil {
				t.Fatalf("re-open: %v", err)
			}
			defer d2.Close()
			rec.Attribute = "withheld"
			out2, _ := stampTo(t, d2, dir, "2"+filepath.Ext(name), StampOptions{Record: rec, SecrecyLine: ptr("机密★5年"), Note: "（此件不予公开）"})
			checkMarks(t, out2, "机密★5年", "（此件不予公开）", "withheld")
			checkUntouched(t, path, out2)

			d3, err := Open(out2)
			if err != nil {
				t.Fatalf("re-open: %v", err)
			}
			defer d3.Close()
			rec.Attribute = "public"
			out3, _ := stampTo(t, d3, dir, "3"+filepath.Ext(name), StampOptions{Record: rec, SecrecyLine: ptr(""), Note: "（此件公开发布）"})
			checkMarks(t, out3, "", "（此件公开发布）", "public")
		})
	}
}

func checkMarks(t *testing.T, path, secrecy, note, attribute string) {
	t.Helper()
	d, err := Open(path)
	if err != nil {
		t.Fatalf("our output does not re-open: %v", err)
	}
	defer d.Close()
	a := d.Analyze()
	var secrecyLines, notes int
	for _, p := range d.Body() {
		if _, ok := SecrecyLine(p.Text); ok && p.Anchor == AnchorSecrecy {
			secrecyLines++
		}
		if IsNote(p.Text) {
			notes++
		}
	}
	wantLines := 0
	if secrecy != "" {
		wantLines = 1
		if a.SecrecyText != secrecy {
			t.Errorf("secrecy line %q, want %q", a.SecrecyText, secrecy)
		}
	}
	if secrecyLines != wantLines {
		t.Errorf("%d stamped secrecy lines, want %d", secrecyLines, wantLines)
	}
	if notes != 1 || a.NoteText != note {
		t.Errorf("%d notes (%q), want exactly one %q", notes, a.NoteText, note)
	}
	if r := d.Record(); r == nil || r.Attribute != attribute || r.DocID != "test-id" {
		t.Errorf("record %+v, want attribute %s", r, attribute)
	}
}

// owned are the parts stamping may change.
func owned(name string) bool {
	switch strings.ToLower(name) {
	case "word/document.xml", "docprops/custom.xml", "[content_types].xml", "_rels/.rels":
		return true
	}
	return false
}

func checkUntouched(t *testing.T, in, out string) {
	t.Helper()
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
		g := outFiles[f.Name]
		if g == nil {
			t.Errorf("part %s lost", f.Name)
			continue
		}
		if owned(f.Name) {
			continue
		}
		if f.CRC32 != g.CRC32 || f.Method != g.Method || !bytes.Equal(raw(t, f), raw(t, g)) {
			t.Errorf("part %s changed", f.Name)
		}
	}
	for name := range outFiles {
		if !owned(name) && !hasFile(zi.File, name) {
			t.Errorf("unexpected new part %s", name)
		}
	}
}

func hasFile(files []*zip.File, name string) bool {
	for _, f := range files {
		if f.Name == name {
			return true
		}
	}
	return false
}

func raw(t *testing.T, f *zip.File) []byte {
	r, err := f.OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type manifestEntry struct {
	Title          string  `json:"title"`
	DateParagraph  string  `json:"date_paragraph"`
	ExistingSecret *string `json:"existing_secrecy"`
	ExpectError    string  `json:"expect_error"`
}

// TestGongwenPlacement: on the GB/T 9704 drafts the note sits right after
// the 成文日期, the secrecy line is the first body paragraph, and a typed
// secrecy mark is replaced rather than doubled.
func TestGongwenPlacement(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(corpusDir, "gongwen", "manifest.json"))
	if err != nil {
		t.Skip("gongwen corpus not found")
	}
	var manifest map[string]manifestEntry
	if err := json.Unmarshal(b, &manifest); err != nil {
		t.Fatal(err)
	}
	for name, m := range manifest {
		if m.ExpectError != "" {
			continue
		}
		t.Run(name, func(t *testing.T) {
			d, err := Open(filepath.Join(corpusDir, "gongwen", name))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			a := d.Analyze()
			if a.Title == nil || !strings.HasPrefix(Compact(a.Title.Text), Compact(m.Title)) { // process variants add （征求意见稿）
				t.Errorf("title %v, want %q", a.Title, m.Title)
			}
			if a.Date == nil || Compact(a.Date.Text) != m.DateParagraph {
				t.Fatalf("date %v, want %q", a.Date, m.DateParagraph)
			}
			if (m.ExistingSecret != nil) != (a.Secrecy != nil) || (m.ExistingSecret != nil && *m.ExistingSecret != a.SecrecyText) {
				t.Errorf("existing secrecy %q, manifest %v", a.SecrecyText, m.ExistingSecret)
			}
			out, res := stampTo(t, d, t.TempDir(), "out.docx", StampOptions{Record: Record{Attribute: "withheld"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件不予公开）"})
			if res.NotePlacement != PlacedAfterDate {
				t.Errorf("placement %s", res.NotePlacement)
			}
			d2, err := Open(out)
			if err != nil {
				t.Fatal(err)
			}
			defer d2.Close()
			body := d2.Body()
			if Compact(body[0].Text) != "秘密★1年" {
				t.Errorf("first body paragraph %q, want the secrecy line", body[0].Text)
			}
			marks := 0
			for i, p := range body {
				if _, ok := SecrecyLine(p.Text); ok {
					marks++
				}
				if ok, _ := IsDate(p.Text); ok && Compact(p.Text) == m.DateParagraph {
					if i+1 >= len(body) || Compact(body[i+1].Text) != "（此件不予公开）" {
						t.Errorf("paragraph after the date is %q", body[min(i+1, len(body)-1)].Text)
					}
				}
			}
			if marks != 1 {
				t.Errorf("%d secrecy lines after stamping, want 1", marks)
			}
		})
	}
}
