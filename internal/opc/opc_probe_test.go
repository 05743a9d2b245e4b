package opc

import (
	"os"
	"path/filepath"
	"testing"
)

func TestProbeCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/*/*")
	for _, f := range files {
		p, err := Open(f)
		if err != nil {
			t.Logf("%-70s REFUSED %v", filepath.Base(f), err)
			continue
		}
		t.Logf("%-70s %s %s", filepath.Base(f), p.Format, p.Main)
		p.Close()
	}
	_ = os.Stdout
}
