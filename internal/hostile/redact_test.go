package hostile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/redact"
)

// TestRedactOverHostileCases: redaction, like mark and clean, never
// panics, refuses with a clear message and writes nothing then, writes
// only sound packages, leaves no temporary file and never touches its input.
func TestRedactOverHostileCases(t *testing.T) {
	log := openLog(t)
	for _, c := range append(cases(), hcase{name: "PII draft", data: PIIDraft}) {
		t.Run(c.name, func(t *testing.T) {
			ext := c.ext
			if ext == "" {
				ext = ".docx"
			}
			data := c.data()
			dir := t.TempDir()
			in := filepath.Join(dir, "in"+ext)
			if err := os.WriteFile(in, data, 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "redacted"+ext)
			_, err := redact.Run(log, in, out, redact.Options{}, actor, "hostile")
			if err != nil {
				var me *msg.Error
				if !errors.As(err, &me) {
					t.Errorf("refusal is not a clear message: %v", err)
				}
				if _, serr := os.Stat(out); serr == nil {
					t.Errorf("refused (%v) but wrote the output", err)
				}
			} else if verr := Verify(out); verr != nil {
				t.Errorf("wrote a damaged package: %v", verr)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if got, rerr := os.ReadFile(in); rerr != nil || string(got) != string(data) {
				t.Error("the input was modified")
			}
		})
	}
}
