package docx

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestReopensInLibreOffice converts stamped drafts with a real LibreOffice
// (when installed) and checks the marks are in the text it reads, in order.
func TestReopensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) not installed")
	}
	if testing.Short() {
		t.Skip("slow")
	}
	files := []string{"gongwen/000-secret.docx", "gongwen/lo-002-plain.docx", "poi/Headers.docx", "poi/bug65649.docx", "poi/45690.docm"}
	dir := t.TempDir()
	var outs []string
	for i, f := range files {
		src := filepath.Join(corpusDir, f)
		if _, err := os.Stat(src); err != nil {
			t.Skip("corpus not found")
		}
		d, err := Open(src)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := stampTo(t, d, dir, "out"+string(rune('a'+i))+filepath.Ext(f), StampOptions{
			Record: Record{Attribute: "on-request"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件依申请公开）"})
		d.Close()
		outs = append(outs, out)
	}
	conv := filepath.Join(dir, "txt")
	args := append([]string{"--headless", "-env:UserInstallation=file://" + filepath.Join(dir, "profile"), "--convert-to", "txt:Text (encoded):UTF8", "--outdir", conv}, outs...)
	if b, err := exec.Command(soffice, args...).CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for i, out := range outs {
		txt := filepath.Join(conv, strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))+".txt")
		b, err := os.ReadFile(txt)
		if err != nil {
			t.Errorf("%s: LibreOffice produced nothing: %v", files[i], err)
			continue
		}
		s := string(b)
		first := strings.TrimSpace(strings.TrimPrefix(s, "\ufeff"))
		if !strings.HasPrefix(first, "秘密★1年") {
			t.Errorf("%s: text does not start with the secrecy line: %.60q", files[i], first)
		}
		if strings.Count(s, "（此件依申请公开）") != 1 {
			t.Errorf("%s: note not found exactly once", files[i])
		}
		if strings.HasPrefix(files[i], "gongwen/") && !strings.Contains(s, "日\n（此件依申请公开）") {
			t.Errorf("%s: note is not right after the date", files[i])
		}
	}
}
