// Package winconsole lets the command line print on Windows, where the
// packaged docattr.exe is a GUI program: a GUI program has no console, so
// it attaches to the console of the shell that started it.
package winconsole
