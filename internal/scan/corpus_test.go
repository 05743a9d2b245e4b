package scan

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docattr/docattr/internal/docx"
)

// corpusDir is the shared corpus, relative to this package's folder.
const corpusDir = "../../../shared/corpus"

type manifestEntry struct {
	Findings    map[string]int    `json:"findings"`
	Decoys      map[string]string `json:"decoys"`
	Suggested   string            `json:"suggested"`
	ExpectError string            `json:"expect_error"`
}

// manifestKinds maps the manifest's count names to finding kinds.
var manifestKinds = map[string]string{
	"id_card": KindIDCard, "mobile": KindMobile, "bank_card": KindBankCard,
	"secrecy_mark": KindSecrecyMark, "process_keyword": KindProcessMarker,
}

// TestCorpusManifest checks every draft of the gongwen corpus: the count of
// each kind the manifest lists, the decoys (which must not be found) and the
// suggested attribute.
func TestCorpusManifest(t *testing.T) {
	dir := filepath.Join(corpusDir, "gongwen")
	raw, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if os.IsNotExist(err) {
		t.Skip("corpus not present")
	}
	if err != nil {
		t.Fatal(err)
	}
	var manifest map[string]manifestEntry
	if err := json.Unmarshal(raw, &manifest); err != nil {
		t.Fatal(err)
	}
	names := make([]string, 0, len(manifest))
	for name := range manifest {
		names = append(names, name)
	}
	sort.Strings(names)
	checked := 0
	for _, name := range names {
		entry := manifest[name]
		if entry.ExpectError != "" || !strings.HasSuffix(name, ".docx") {
			continue
		}
		checked++
		t.Run(name, func(t *testing.T) {
			d, err := docx.Open(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			defer d.Close()
			r := Check(d)
			for key, want := range entry.Findings {
				kind, ok := manifestKinds[key]
				if !ok {
					t.Fatalf("manifest count %q has no finding kind", key)
				}
				if got := r.Count(kind); got != want {
					t.Errorf("%s: %d findings, manifest says %d; findings: %+v", kind, got, want, r.Findings)
				}
			}
			for what, decoy := range entry.Decoys {
				for _, f := range r.Findings {
					if f.Kind == KindIDCard && f.Excerpt == maskID(decoy) {
						t.Errorf("decoy %s %s reported: %+v", what, decoy, f)
					}
				}
				if len(findNumbers(decoy)) != 0 {
					t.Errorf("decoy %s %s is detected on its own", what, decoy)
				}
			}
			if r.Suggestion.Attribute != entry.Suggested {
				t.Errorf("suggested %s (%v), manifest says %s", r.Suggestion.Attribute, r.Suggestion.Reasons, entry.Suggested)
			}
			if len(r.Suggestion.Reasons) == 0 {
				t.Error("suggestion without reasons")
			}
			for _, f := range r.Findings {
				if f.Location == "" || f.Message == "" || f.Severity == "" {
					t.Errorf("incomplete finding %+v", f)
				}
			}
		})
	}
	if checked == 0 {
		t.Fatal("the manifest lists no .docx to check")
	}
}
