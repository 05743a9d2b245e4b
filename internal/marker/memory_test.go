package marker

import (
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// gcState reads the collector's percent and memory limit without changing them.
func gcState() (percent int, limit int64) {
	percent = debug.SetGCPercent(-1)
	debug.SetGCPercent(percent)
	return percent, debug.SetMemoryLimit(-1)
}

func TestQuietGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	os.Unsetenv("GOGC")
	os.Unsetenv("GOMEMLIMIT")
	dir := t.TempDir()
	small := filepath.Join(dir, "small.docx")
	if err := os.WriteFile(small, make([]byte, 40<<10), 0o644); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.docx")
	if err := os.WriteFile(big, make([]byte, quietMaxInput+1), 0o644); err != nil {
		t.Fatal(err)
	}
	percent, limit := gcState()
	tests := []struct {
		name  string
		paths []string
		quiet bool
	}{
		{"small drafts", []string{small, small}, true},
		{"one large draft", []string{small, big}, false},
		{"missing input", []string{small, filepath.Join(dir, "none.docx")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			restore := QuietGC(tt.paths)
			p, l := gcState()
			if quiet := p < 0 && l == quietLimit; quiet != tt.quiet {
				t.Errorf("quiet = %v (GOGC %d, limit %d), want %v", quiet, p, l, tt.quiet)
			}
			if tt.quiet {
				// A larger main part keeps the collector off and raises
				// the limit to its budget while it is held, when that is
				// above the quiet limit; the quiet limit comes back after.
				release := holdMemory(quietMain)
				if p, l := gcState(); p >= 0 || l != max(quietLimit, 3*quietMain+heapSlack) {
					t.Errorf("holding a 4 MB draft: GOGC %d, limit %d; want off, %d", p, l, max(quietLimit, 3*quietMain+heapSlack))
				}
				release()
				release = holdMemory(64 << 20)
				if p, l := gcState(); p >= 0 || l != 2*(64<<20)+heapSlack {
					t.Errorf("holding a 64 MB draft: GOGC %d, limit %d; want off, %d", p, l, 2*(64<<20)+heapSlack)
				}
				release()
				// Released, the limit stays (no cycle for the garbage left).
				big := int64(2*(64<<20) + heapSlack)
				if p, l := gcState(); p >= 0 || l != big {
					t.Errorf("after the large draft: GOGC %d, limit %d; want off, %d", p, l, big)
				}
				release = holdMemory(quietMain - 1) // a small one changes nothing
				if p, l := gcState(); p >= 0 || l != big {
					t.Errorf("holding a small draft: GOGC %d, limit %d; want off, %d", p, l, big)
				}
				release()
			}
			restore()
			if p, l := gcState(); p != percent || l != limit {
				t.Errorf("restored: GOGC %d, limit %d; want %d, %d", p, l, percent, limit)
			}
		})
	}
	t.Run("GOGC set by the user", func(t *testing.T) {
		t.Setenv("GOGC", "200")
		defer QuietGC([]string{small})()
		if p, _ := gcState(); p != percent {
			t.Errorf("GOGC %d, want %d left alone", p, percent)
		}
	})
}
