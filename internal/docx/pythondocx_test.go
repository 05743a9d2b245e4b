package docx

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"testing"
)

const pyCheck = `
import json, sys, docx
out = {}
for path in sys.argv[1:]:
    try:
        d = docx.Document(path)
        texts = [p.text for p in d.paragraphs]
        out[path] = {"ok": True, "texts": texts}
    except Exception as e:
        out[path] = {"ok": False, "error": repr(e)}
print(json.dumps(out))
`

// TestPythonDocxOpensOutputs: every corpus file that python-docx (Debian's
// python3-docx) can open is still opened by it after stamping, and it reads
// our marks as ordinary paragraphs.
func TestPythonDocxOpensOutputs(t *testing.T) {
	const py = "/usr/bin/python3"
	if err := exec.Command(py, "-c", "import docx").Run(); err != nil {
		t.Skip("python3-docx not installed")
	}
	dir := t.TempDir()
	pairs := map[string]string{} // input → output
	var args []string
	for _, src := range corpusFiles(t) {
		d, err := Open(src)
		if err != nil {
			continue
		}
		out, _ := stampTo(t, d, dir, filepath.Base(src)+".docx", StampOptions{Record: Record{Attribute: "on-request"}, SecrecyLine: ptr("秘密★1年"), Note: "（此件依申请公开）"})
		d.Close()
		pairs[src] = out
		args = append(args, src, out)
	}
	b, err := exec.Command(py, append([]string{"-c", pyCheck}, args...)...).Output()
	if err != nil {
		t.Fatalf("python: %v", err)
	}
	var res map[string]struct {
		OK    bool     `json:"ok"`
		Error string   `json:"error"`
		Texts []string `json:"texts"`
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for in, out := range pairs {
		if !res[in].OK {
			continue // python-docx cannot open the original either
		}
		checked++
		r := res[out]
		if !r.OK {
			t.Errorf("%s: python-docx opens the original but not our output: %s", filepath.Base(in), r.Error)
			continue
		}
		found := map[string]bool{}
		for _, s := range r.Texts {
			found[s] = true
		}
		if !found["秘密★1年"] || !found["（此件依申请公开）"] {
			t.Errorf("%s: python-docx does not see our marks", filepath.Base(in))
		}
	}
	if checked == 0 {
		t.Fatal("python-docx opened no corpus file at all")
	}
	t.Logf("%d corpus files checked with python-docx", checked)
}
