package redact

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan"
)

const corpusDir = "../../../shared/corpus"

// redactBytes redacts the file at path in memory and re-opens the result.
func redactBytes(t *testing.T, path string, opts Options) (*docx.Document, []byte, Result) {
	t.Helper()
	d, err := docx.Open(path)
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	defer d.Close()
	var buf bytes.Buffer
	res, err := Redact(d, &buf, opts)
	if err != nil {
		t.Fatalf("redact %s: %v", path, err)
	}
	out, err := docx.OpenReader(path, bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("reopen redacted %s: %v", path, err)
	}
	t.Cleanup(func() { out.Close() })
	return out, buf.Bytes(), res
}

func TestGongwenPIIDraftsEndWithoutNumbers(t *testing.T) {
	dir := filepath.Join(corpusDir, "gongwen")
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil {
		t.Skip("corpus not present:", err)
	}
	var manifest map[string]struct {
		Variant  string         `json:"variant"`
		Findings map[string]int `json:"findings"`
	}
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatal(err)
	}
	pii := 0
	for name, m := range manifest {
		if filepath.Ext(name) != ".docx" {
			continue
		}
		want := m.Findings[scan.KindIDCard] + m.Findings[scan.KindMobile] + m.Findings[scan.KindBankCard]
		t.Run(name, func(t *testing.T) {
			out, _, res := redactBytes(t, filepath.Join(dir, name), Options{})
			if len(res.Items) < want {
				t.Errorf("masked %d numbers, manifest counts %d", len(res.Items), want)
			}
			for _, it := range res.Items {
				if strings.Count(it.Masked, "*") == 0 {
					t.Errorf("item %+v is not masked", it)
				}
			}
			left, _ := Remaining(out, Options{})
			if len(left) > 0 {
				t.Errorf("findings remain after redaction: %+v", left)
			}
		})
		if want > 0 {
			pii++
		}
	}
	if pii == 0 {
		t.Fatal("no draft with personal numbers in the manifest")
	}
}

func TestRealCorpusRedactsCleanly(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "real", "*.docx"))
	if len(files) == 0 {
		t.Skip("corpus not present")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			out, _, _ := redactBytes(t, f, Options{})
			if left, _ := Remaining(out, Options{}); len(left) > 0 {
				t.Errorf("findings remain: %+v", left)
			}
		})
	}
}
