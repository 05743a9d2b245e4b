// Package localefix keeps Fyne from logging "Error parsing user locale C"
// on every run — including every command-line run — on systems whose locale
// is C.UTF-8 or POSIX.UTF-8, the default of Debian containers and CI.
//
// Fyne's lang package reads the locale while it initialises, before main
// runs. Go initialises packages in import-path order as far as their
// imports allow, so this package (imported by main, depending only on os)
// runs first: when the locale is the C locale with a charset, it names the
// plain language the C locale stands for in LANGUAGE, which only message
// catalogues read. Nothing else about the environment changes.
package localefix

import (
	"os"
	"strings"
)

func init() { apply(os.Getenv, os.Setenv) }

func apply(getenv func(string) string, setenv func(string, string) error) {
	if getenv("LANGUAGE") != "" {
		return
	}
	locale := ""
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if locale = getenv(name); locale != "" {
			break
		}
	}
	if strings.HasPrefix(locale, "C.") || strings.HasPrefix(locale, "POSIX.") {
		_ = setenv("LANGUAGE", "en_US")
	}
}
