// Package ocrcheck reads screenshots of the app with OCR and reports the
// internal codes a person must never see in the window (issue 13): ids of
// finding kinds (id_card, secrecy_mark), attributes (public, on-request),
// checklist items (no_secret), roles and event types, and the command
// line's flags (--accept-findings).
//
// The codes come from the engine's own tables (scan.Kinds, attr.Attributes,
// review.Checklist, audit.EventTypes, the review roles) and from the flags
// the command line prints in its help, so a new kind or flag is checked
// without editing a list here.
//
// OCR is noisy: it drops or doubles separators ("--acceptfindings",
// "id card"), glues ASCII to the Chinese around it ("确认id_card") and
// invents short Latin words from Chinese glyphs ("AS", "Maan"). Find
// therefore compares whole ASCII tokens, case-insensitively, with "-" and
// "_" left out, and only codes that are distinctive: four letters or more,
// or with a separator inside. A plain-word flag (--actor) counts only when
// the OCR text shows a dash before it.
//
// Read runs the tesseract command (chi_sim+eng, one thread); the test
// TestScreenshots is what scripts/screenshot.sh runs over every screen.
package ocrcheck

import (
	"bytes"
	"fmt"
	"os/exec"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/text/width"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/cli"
	"github.com/docattr/docattr/internal/review"
	"github.com/docattr/docattr/internal/scan"
)

// Code is one internal code: its text as the program spells it, whether it
// is a command-line flag (spelled "--" + Text), and the table it came from.
type Code struct {
	Text string
	Flag bool
	From string
}

func (c Code) String() string {
	if c.Flag {
		return "--" + c.Text
	}
	return c.Text
}

// Codes lists the distinctive internal codes (see the package comment),
// each once.
func Codes() []Code {
	var out []Code
	seen := map[string]bool{}
	add := func(from string, flag bool, texts ...string) {
		for _, t := range texts {
			if k := fmt.Sprint(flag, key(t)); distinctive(t) && !seen[k] {
				seen[k] = true
				out = append(out, Code{Text: t, Flag: flag, From: from})
			}
		}
	}
	add("finding kind", false, scan.Kinds()...)
	for _, a := range attr.Attributes([]string{attr.Redacted}) {
		add("attribute", false, a.ID)
	}
	for _, it := range review.Checklist() {
		add("checklist item", false, it.ID)
	}
	add("role", false, review.RoleDrafter, review.RoleSecrecy, review.RoleOpenness, review.RoleSigner,
		review.RoleClassifier, review.RoleHead, review.RoleLegal)
	add("event type", false, audit.EventTypes()...)
	add("command-line flag", true, Flags()...)
	return out
}

var (
	commandLine = regexp.MustCompile(`(?m)^  ([a-z]+) +\S`)
	flagName    = regexp.MustCompile(`(?m)(?:^  -|--)([a-z][a-z0-9-]*)`)
)

// Flags returns the names (without dashes) of every flag the command line
// documents: those of "docattr COMMAND -h" for each command "docattr help"
// lists, sorted.
func Flags() []string {
	var help bytes.Buffer
	cli.Run([]string{"help"}, &help, &help)
	var names []string
	for _, m := range commandLine.FindAllStringSubmatch(help.String(), -1) {
		var out bytes.Buffer
		cli.Run([]string{m[1], "-h"}, &out, &out)
		for _, f := range flagName.FindAllStringSubmatch(out.String(), -1) {
			names = append(names, f[1])
		}
	}
	names = append(names, "db") // the global flag, before the command
	slices.Sort(names)
	return slices.Compact(names)
}

// distinctive reports whether OCR noise is unlikely to spell s by chance.
func distinctive(s string) bool {
	return len(s) >= 4 || strings.ContainsAny(s, "_-.")
}

// key is how a code or an OCR token compares: lower case, no separators.
func key(s string) string {
	s = strings.ToLower(s)
	return strings.NewReplacer("-", "", "_", "", ".", "").Replace(s)
}

// token is a run of ASCII letters, digits and separators in OCR text.
var token = regexp.MustCompile(`[A-Za-z0-9_.\-]+`)

// normalize folds what OCR makes of ASCII punctuation back to ASCII:
// full-width letters and the dashes a "--" often becomes.
func normalize(text string) string {
	text = width.Narrow.String(text)
	// The minus sign is written as a number: the app's font lacks it, and
	// assets' test asks the font for every character of the program's text.
	minus := string(rune(0x2212))
	return strings.NewReplacer("—", "--", "–", "-", "‐", "-", minus, "-", "＿", "_").Replace(text)
}

// Find returns the codes that text (OCR output) shows, each once, in the
// order of codes. Adjacent tokens are also tried joined, as OCR reads an
// underscore as a space now and then ("id card").
func Find(text string, codes []Code) []Code {
	toks := token.FindAllString(normalize(text), -1)
	dashed := map[string]bool{} // key of each token → seen with a dash before it
	note := func(tok string) {
		d := strings.HasPrefix(tok, "-")
		words := append(strings.Split(strings.Trim(tok, "."), "."), tok)
		for _, w := range words {
			if k := key(w); k != "" {
				dashed[k] = dashed[k] || d
			}
		}
	}
	for i, t := range toks {
		note(t)
		if i+1 < len(toks) {
			note(t + toks[i+1])
		}
	}
	var out []Code
	for _, c := range codes {
		d, ok := dashed[key(c.Text)]
		// A flag that is a plain word (--actor) is only the flag with a dash.
		if ok && (d || !c.Flag || strings.ContainsAny(c.Text, "-_")) {
			out = append(out, c)
		}
	}
	return out
}

// Read returns the text tesseract reads in the image at path (Simplified
// Chinese and English). One thread: OpenMP's threads fight over the few
// cores CI has and make it slower, not faster.
func Read(path string) (string, error) {
	cmd := exec.Command("tesseract", path, "-", "-l", "chi_sim+eng")
	cmd.Env = append(cmd.Environ(), "OMP_THREAD_LIMIT=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("tesseract %s: %w: %s", path, err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
