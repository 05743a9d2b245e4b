package marker

import (
	"os"
	"path/filepath"
	"strings"
)

// OutputSuffix is added to the file name of a marked copy written beside
// its input.
const OutputSuffix = "-已标注"

// DefaultOutput returns where the marked copy of input goes: in outDir when
// given, else beside the input with OutputSuffix (also when outDir is the
// input's own folder). The extension is kept, since Word refuses a
// macro-enabled package (.docm) under another extension. Mark gives the
// copy a distinct name when this one is taken.
func DefaultOutput(input, outDir string) string {
	base := filepath.Base(input)
	if outDir != "" && !sameDir(outDir, filepath.Dir(input)) {
		return filepath.Join(outDir, base)
	}
	ext := filepath.Ext(base)
	return filepath.Join(filepath.Dir(input), strings.TrimSuffix(base, ext)+OutputSuffix+ext)
}

func sameDir(a, b string) bool {
	sa, err1 := os.Stat(a)
	sb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(sa, sb)
}
