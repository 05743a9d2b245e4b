package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReopensInLibreOffice stamps every corpus file docattr accepts, converts
// the originals and the outputs with a real LibreOffice (when installed), and
// checks that each output reads as its original plus exactly our two marks:
// the secrecy line near the top and one note.
func TestReopensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	os.Mkdir(in, 0o755)
	os.Mkdir(out, 0o755)
	var names []string
	framed := map[string]bool{} // LibreOffice's text export leaves positioned frames out (the PDF has them)
	for _, src := range corpusFiles(t) {
		d, err := Open(src)
		if err != nil {
			continue // refusals are TestCorpus's business
		}
		name := filepath.Base(src)
		_, res := stampTo(t, d, out, name, StampOptions{Record: Record{Attribute: "withheld"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件不予公开）"})
		framed[name] = res.SecrecyPlacement == SecrecyFrame
		d.Close()
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(in, name), data, 0o644)
		names = append(names, name)
	}
	convert := func(from, to string) {
		args := []string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
			"--convert-to", "txt:Text (encoded):UTF8", "--outdir", to}
		for _, n := range names {
			args = append(args, filepath.Join(from, n))
		}
		if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
			t.Fatalf("soffice: %v\n%s", err, b)
		}
	}
	convert(in, filepath.Join(dir, "txtin"))
	convert(out, filepath.Join(dir, "txtout"))
	for _, n := range names {
		txt := strings.TrimSuffix(n, filepath.Ext(n)) + ".txt"
		before, err1 := os.ReadFile(filepath.Join(dir, "txtin", txt))
		after, err2 := os.ReadFile(filepath.Join(dir, "txtout", txt))
		if err2 != nil {
			t.Errorf("%s: LibreOffice cannot read our output", n)
			continue
		}
		if err1 != nil {
			continue // LibreOffice cannot read the original either
		}
		got := strings.TrimPrefix(string(after), "\ufeff")
		if i := strings.Index(got, "秘密★1年"); !framed[n] && (i < 0 || i > 200) {
			t.Errorf("%s: secrecy line not at the top", n)
		}
		if c := strings.Count(got, "（此件不予公开）"); c != 1 {
			t.Errorf("%s: %d notes", n, c)
		}
		for _, line := range strings.Split(strings.TrimPrefix(string(before), "\ufeff"), "\n") {
			if strings.TrimSpace(line) != "" && !strings.Contains(got, line) {
				t.Errorf("%s: text lost: %.60q", n, line)
				break
			}
		}
		if strings.HasPrefix(n, "0") && !strings.Contains(got, "日\n（此件不予公开）") {
			t.Errorf("%s: note is not right after the date", n)
		}
	}
}
