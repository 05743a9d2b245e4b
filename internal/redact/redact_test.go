package redact

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/hostile"
	"github.com/docattr/docattr/internal/scan"
)

func writeFixture(t *testing.T) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "通知.docx")
	if err := os.WriteFile(p, hostile.PIIDraft(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFixtureHasEveryNumber(t *testing.T) {
	d, err := docx.Open(writeFixture(t))
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	r := scan.Check(d)
	for kind, want := range map[string]int{scan.KindIDCard: 3, scan.KindMobile: 4, scan.KindBankCard: 1} {
		if got := r.Count(kind); got < want {
			t.Errorf("fixture: %d findings of %s, want at least %d: %+v", got, kind, want, r.Findings)
		}
	}
}

var rPrRE = regexp.MustCompile(`<w:rPr>.*?</w:rPr>`)

func TestRedactMasksEveryPlaceKeepingFormatting(t *testing.T) {
	in := writeFixture(t)
	out, data, res := redactBytes(t, in, Options{})
	if left, _ := Remaining(out, Options{}); len(left) > 0 {
		t.Fatalf("findings remain: %+v", left)
	}
	kinds := map[string]int{}
	for _, it := range res.Items {
		kinds[it.Kind]++
		if !strings.Contains(it.Masked, "*") {
			t.Errorf("item not masked: %+v", it)
		}
	}
	if kinds[scan.KindIDCard] < 3 || kinds[scan.KindMobile] < 4 || kinds[scan.KindBankCard] < 1 {
		t.Errorf("masked %v", kinds)
	}
	orig := zipParts(t, mustRead(t, in))
	got := zipParts(t, data)
	for name, b := range orig {
		after := got[name]
		if slices.Contains(res.ChangedParts, name) {
			for _, n := range hostile.PIINumbers() {
				if strings.Contains(string(after), hostile.PIIMiddle(n)) {
					t.Errorf("%s still holds the middle of %s", name, n)
				}
			}
			if a, b := rPrRE.FindAllString(string(b), -1), rPrRE.FindAllString(string(after), -1); !slices.Equal(a, b) {
				t.Errorf("%s: run properties changed:\n%v\n%v", name, a, b)
			}
			if len(after) == len(b) && bytes.Equal(after, b) {
				t.Errorf("%s reported changed but is not", name)
			}
			continue
		}
		if !bytes.Equal(b, after) {
			t.Errorf("untouched part %s differs", name)
		}
	}
	for _, want := range []string{"word/document.xml", "word/header1.xml", "word/footnotes.xml", "word/comments.xml"} {
		if !slices.Contains(res.ChangedParts, want) {
			t.Errorf("%s not changed: %v", want, res.ChangedParts)
		}
	}
	text := allText(out)
	for _, want := range []string{hostile.PIIID[:4] + "**********" + hostile.PIIID[14:], "138****8000", "150****1357", "6222********" + hostile.PIICard[12:]} {
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), want) {
			t.Errorf("redacted text lacks %q:\n%s", want, text)
		}
	}
}

func allText(d *docx.Document) string {
	var b strings.Builder
	for _, p := range d.Paragraphs {
		b.WriteString(p.Text + p.Deleted + p.Fallback + "\n")
	}
	return b.String()
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zipParts returns each entry's uncompressed bytes.
func zipParts(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = b
	}
	return out
}

func TestKindsLimitWhatIsMasked(t *testing.T) {
	out, _, res := redactBytes(t, writeFixture(t), Options{Kinds: []string{scan.KindMobile}})
	for _, it := range res.Items {
		if it.Kind != scan.KindMobile {
			t.Errorf("masked %+v, only mobiles asked", it)
		}
	}
	r := scan.Check(out)
	if r.Count(scan.KindMobile) != 0 || r.Count(scan.KindIDCard) == 0 || r.Count(scan.KindBankCard) == 0 {
		t.Errorf("after masking mobiles: %d mobiles, %d IDs, %d cards", r.Count(scan.KindMobile), r.Count(scan.KindIDCard), r.Count(scan.KindBankCard))
	}
	if _, err := Remaining(out, Options{Kinds: []string{"secret"}}); err == nil {
		t.Error("unknown kind accepted")
	}
}

func TestOnlyMasksThePickedFinding(t *testing.T) {
	in := writeFixture(t)
	d, err := docx.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	before := scan.Check(d)
	var pick scan.Finding
	for _, f := range before.Findings {
		if f.Kind == scan.KindMobile && f.Excerpt == "138****8000" {
			pick = f
		}
	}
	if pick.Kind == "" {
		t.Fatal("fixture lacks the table's mobile")
	}
	opts := Options{Only: []scan.Finding{pick}}
	out, _, res := redactBytes(t, in, opts)
	if len(res.Items) != 1 || res.Items[0].Masked != pick.Excerpt {
		t.Fatalf("masked %+v", res.Items)
	}
	if left, _ := Remaining(out, opts); len(left) > 0 {
		t.Errorf("picked finding remains: %+v", left)
	}
	after := scan.Check(out)
	if after.Count(scan.KindMobile) != before.Count(scan.KindMobile)-1 || after.Count(scan.KindIDCard) != before.Count(scan.KindIDCard) {
		t.Errorf("mobiles %d→%d, IDs %d→%d", before.Count(scan.KindMobile), after.Count(scan.KindMobile),
			before.Count(scan.KindIDCard), after.Count(scan.KindIDCard))
	}
}
