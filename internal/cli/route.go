package cli

import (
	"os"
	"path/filepath"
	"strings"
)

// Start is what main does with its arguments: run the command line, or
// open the window (on a draft, with an audit log given by --db).
type Start struct {
	// CLI is set when args are for Run: a subcommand, help, a malformed
	// global flag, or an unknown word that is not a file (Run then says
	// "未知命令 / unknown command" and exits with ExitUsage).
	CLI bool
	// DB is the --db value given before the file, "" for the default.
	DB string
	// Open is the draft to open in the window, "" for none.
	Open string
}

// draftExts are the names taken for a draft even when no such file exists:
// the window then says in Chinese that it cannot be read, rather than the
// command line calling a file name an unknown command.
var draftExts = []string{".docx", ".docm", ".dotx", ".dotm", ".doc", ".odt", ".wps"}

// Route tells the command line from the window. Global flags (--db FILE,
// --db=FILE) may come first either way: `docattr --db F 草稿.docx` opens
// the window on the draft with that log.
func Route(args []string) Start {
	var s Start
	rest := args
	for len(rest) > 0 && strings.HasPrefix(rest[0], "--db") {
		if v, ok := strings.CutPrefix(rest[0], "--db="); ok {
			s.DB, rest = v, rest[1:]
			continue
		}
		if rest[0] != "--db" || len(rest) < 2 {
			return Start{CLI: true} // Run reports the usage error
		}
		s.DB, rest = rest[1], rest[2:]
	}
	if len(rest) == 0 {
		return s
	}
	if IsCommand(rest) || strings.HasPrefix(rest[0], "-") {
		return Start{CLI: true}
	}
	if st, err := os.Stat(rest[0]); (err == nil && !st.IsDir()) || hasDraftExt(rest[0]) {
		s.Open = rest[0]
		return s
	}
	return Start{CLI: true}
}

func hasDraftExt(name string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range draftExts {
		if ext == e {
			return true
		}
	}
	return false
}
