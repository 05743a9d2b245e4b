package hostile

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutputsOpenInLibreOffice: what mark wrote from unusual but valid
// packages (UTF-16 parts written back as UTF-8, zip64 records, data
// descriptors, Strict namespaces) opens in a real reader with the text and
// the mark in place.
func TestOutputsOpenInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	want := map[string]bool{
		"UTF-16LE document with BOM": true, "UTF-16 content types (rewritten by mark)": true,
		"zip64 records on small entries": true, "data descriptors on every entry": true, "ISO 29500 Strict namespaces": true,
	}
	log := openLog(t)
	dir := t.TempDir()
	var outs []string
	names := map[string]string{}
	for _, c := range cases() {
		if !want[c.name] {
			continue
		}
		o := runFlows(t, log, c.data(), ".docx")
		if o.markOut == "" {
			t.Fatalf("%s: not marked: %v", c.name, o.mark)
		}
		out := filepath.Join(dir, "case"+string(rune('a'+len(outs)))+".docx")
		if err := os.Rename(o.markOut, out); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
		names[out] = c.name
	}
	to := filepath.Join(dir, "txt")
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"),
		"--convert-to", "txt:Text (encoded):UTF8", "--outdir", to}, outs...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, out := range outs {
		txt, err := os.ReadFile(filepath.Join(to, strings.TrimSuffix(filepath.Base(out), ".docx")+".txt"))
		if err != nil {
			t.Errorf("%s: LibreOffice could not read the output: %v", names[out], err)
			continue
		}
		for _, s := range []string{TitleText, DateText, "此件公开发布"} {
			if !strings.Contains(string(txt), s) {
				t.Errorf("%s: LibreOffice does not show %q in:\n%s", names[out], s, txt)
			}
		}
	}
}
