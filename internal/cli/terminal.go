package cli

import (
	"io"
	"os"

	"github.com/docattr/docattr/internal/usertext"
)

// newEnv wraps the process's output so that every line a command prints
// reaches the terminal with control, C1 and bidi characters made visible
// (\x1b, ‹U+202E›): titles, excerpts, comments, names and file names come
// from documents and other people's trails. flush writes out anything held
// back and must run before Run returns.
func newEnv(stdout, stderr io.Writer) (e *env, flush func()) {
	out, errw := usertext.NewTerminalWriter(stdout), usertext.NewTerminalWriter(stderr)
	js := usertext.NewJSONWriter(stdout)
	e = &env{stdout: out, stderr: errw, jsonOut: js, rawOut: stdout}
	if isTerminal(stdout) {
		// Exact bytes matter in a pipe or a file, not on a screen.
		e.rawOut = out
	}
	return e, func() {
		js.Flush()
		out.Flush()
		errw.Flush()
	}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// term makes one field safe and single-line for human output: on top of
// what the writers escape, it shows newline, tab and carriage return as
// \n \t \r so a field cannot forge a line of its own.
func term(s string) string { return usertext.Escape(s) }
