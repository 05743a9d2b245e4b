package marker

import (
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/atomicfile"
)

// OutputSuffix is added to the file name of a marked copy written beside
// its input.
const OutputSuffix = "-已标注"

// DefaultOutput returns where the marked copy of input goes: in outDir when
// given, else beside the input with OutputSuffix. The extension is kept, since
// Word refuses a macro-enabled package (.docm) under another extension.
func DefaultOutput(input, outDir string) string {
	base := filepath.Base(input)
	if outDir != "" {
		return filepath.Join(outDir, base)
	}
	ext := filepath.Ext(base)
	return filepath.Join(filepath.Dir(input), strings.TrimSuffix(base, ext)+OutputSuffix+ext)
}

// checkOutput refuses an output that is the input, the audit log, a folder,
// or in a missing folder.
func checkOutput(job Job, protected ...string) error {
	return atomicfile.CheckTarget(job.Input, job.Output, protected...)
}
