package cli

import (
	"path/filepath"
	"runtime"
	"strings"
)

// expandWildcards expands * and ? in positional arguments on Windows, where
// cmd and PowerShell hand "*.docx" to the program as it is (Unix shells
// expand it before docattr runs, so there it is left alone). A pattern that
// matches nothing stays as typed, so the error names what the user wrote.
func expandWildcards(args []string) []string { return expandFor(runtime.GOOS, args) }

func expandFor(goos string, args []string) []string {
	if goos != "windows" {
		return args
	}
	var out []string
	for _, a := range args {
		if !strings.ContainsAny(a, "*?") {
			out = append(out, a)
			continue
		}
		matches, err := filepath.Glob(a)
		if err != nil || len(matches) == 0 {
			out = append(out, a)
			continue
		}
		out = append(out, matches...) // Glob sorts them
	}
	return out
}
