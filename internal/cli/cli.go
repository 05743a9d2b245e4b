// Package cli is docattr's command line: one function per subcommand, each a
// thin door onto the engine packages. Messages go out in Chinese and English;
// every failure exits non-zero.
package cli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// Version is the program version written into audit events and records.
var Version = "0.1.0"

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1 // some input was refused or an operation failed
	ExitUsage   = 2 // the command line itself was wrong
)

// env is what every subcommand gets: where to write and which log to use.
// stdout and stderr escape what a terminal would act on (see terminal.go),
// so text from documents, trails and logs cannot drive the terminal;
// machine-readable output goes to jsonOut or rawOut.
type env struct {
	stdout, stderr io.Writer
	jsonOut        io.Writer // encoding/json output: C1 and bidi controls as \uXXXX
	rawOut         io.Writer // bytes exactly as produced (CSV, XLSX, stored log records)
	dbFlag         string    // --db as given; resolve with dbPath
	settings       settings.Settings
	keyOrigin      keys.Origin // how installation() came by the key, for useKey
	office         *officeFeed // set by docattr office …: the views read the office database (office.go)
}

// dbPath resolves the audit log path (--db, DOCATTR_DB, data folder).
func (e *env) dbPath() (string, error) { return settings.DBPath(e.dbFlag) }

type command struct {
	name, summary string
	run           func(e *env, args []string) int
}

var commands = map[string]command{}

func register(c command) { commands[c.name] = c }

// IsCommand reports whether args start with a subcommand (or a global flag),
// which is how main tells the command line from the GUI.
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	a := args[0]
	if _, ok := commands[a]; ok {
		return true
	}
	switch a {
	case "help", "-h", "--help", "version", "--version":
		return true
	}
	return strings.HasPrefix(a, "--db")
}

// Run executes the command line args (without the program name) and returns
// the exit code.
func Run(args []string, stdout, stderr io.Writer) int {
	e, flush := newEnv(stdout, stderr)
	defer flush()
	for len(args) > 0 && strings.HasPrefix(args[0], "--db") {
		if v, ok := strings.CutPrefix(args[0], "--db="); ok {
			e.dbFlag, args = v, args[1:]
			continue
		}
		if args[0] != "--db" || len(args) < 2 {
			fmt.Fprintln(stderr, "用法错误：--db 需要文件路径 / usage: --db needs a file path")
			return ExitUsage
		}
		e.dbFlag, args = args[1], args[2:]
	}
	s, err := settings.Load()
	if err != nil {
		fmt.Fprintf(stderr, "警告：%v / warning: using default settings\n", err)
	}
	e.settings = s
	if len(args) == 0 {
		usage(stderr)
		return ExitUsage
	}
	switch args[0] {
	case "help", "-h", "--help":
		usage(stdout)
		return ExitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "docattr", Version)
		return ExitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "未知命令 %q / unknown command %q\n", args[0], args[0])
		usage(stderr)
		return ExitUsage
	}
	return c.run(e, args[1:])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "docattr — 公文公开属性助手 / disclosure attribute assistant")
	fmt.Fprintln(w, "用法 / usage: docattr [--db FILE] COMMAND [options]")
	fmt.Fprintln(w, "不带命令时启动图形界面 / without a command the desktop app starts")
	fmt.Fprintln(w)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\n每个命令的选项 / options of a command: docattr COMMAND -h")
}

// newFlags returns a flag set that reports errors instead of exiting.
func newFlags(e *env, name, usageLine string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "用法 / usage: docattr %s\n", usageLine)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may stand before, between or after the positional
// arguments, and returns the positional ones (wildcards expanded on
// Windows). "--" ends flag parsing.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return expandWildcards(pos), nil
		}
		if rest[0] == "--" {
			return expandWildcards(append(pos, rest[1:]...)), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// parseOrUsage parses and turns a flag error into the usage exit code.
func parseOrUsage(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	pos, err := parse(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil, ExitOK, false
	}
	if err != nil {
		return nil, ExitUsage, false
	}
	return pos, 0, true
}

// fail prints a bilingual error and returns ExitFailure.
func (e *env) fail(context string, err error) int {
	if context != "" {
		fmt.Fprintf(e.stderr, "%s: %s\n", context, msg.Both(err))
	} else {
		fmt.Fprintln(e.stderr, msg.Both(err))
	}
	return ExitFailure
}

// usageErr prints a bilingual usage error and returns ExitUsage.
func (e *env) usageErr(zh, en string) int {
	fmt.Fprintf(e.stderr, "用法错误：%s / usage: %s\n", zh, en)
	return ExitUsage
}

// multiFlag collects a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// isFlagSet reports whether the flag was given on the command line.
func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}

// writeJSON prints v as indented JSON, with <, > and & left as they are
// (people read these files too).
func (e *env) writeJSON(v any) error {
	enc := json.NewEncoder(e.jsonOut)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
