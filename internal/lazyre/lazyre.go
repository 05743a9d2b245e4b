// Package lazyre holds regular expressions that are compiled on first use
// instead of when their package is initialised. Every docattr process runs
// every linked package's initialisation before main, so a pattern compiled
// there costs each command (help, a small mark, an audit export) whether it
// uses the pattern or not; this one costs only the first match.
//
// A Regexp is safe for concurrent use, as a *regexp.Regexp is. A bad
// pattern panics at its first use, as regexp.MustCompile would at start:
// the packages' tests reach each of their patterns.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a regular expression compiled when first used.
type Regexp struct {
	get func() *regexp.Regexp
}

// New returns the expression src, compiled at its first use.
func New(src string) *Regexp {
	return &Regexp{get: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(src) })}
}

// Regexp returns the compiled expression.
func (r *Regexp) Regexp() *regexp.Regexp { return r.get() }

// The methods below are those of regexp.Regexp that docattr uses.

func (r *Regexp) MatchString(s string) bool            { return r.get().MatchString(s) }
func (r *Regexp) Match(b []byte) bool                  { return r.get().Match(b) }
func (r *Regexp) Find(b []byte) []byte                 { return r.get().Find(b) }
func (r *Regexp) FindIndex(b []byte) []int             { return r.get().FindIndex(b) }
func (r *Regexp) FindSubmatch(b []byte) [][]byte       { return r.get().FindSubmatch(b) }
func (r *Regexp) FindString(s string) string           { return r.get().FindString(s) }
func (r *Regexp) FindStringIndex(s string) []int       { return r.get().FindStringIndex(s) }
func (r *Regexp) FindStringSubmatch(s string) []string { return r.get().FindStringSubmatch(s) }
func (r *Regexp) FindStringSubmatchIndex(s string) []int {
	return r.get().FindStringSubmatchIndex(s)
}
func (r *Regexp) FindAllString(s string, n int) []string { return r.get().FindAllString(s, n) }
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.get().FindAllStringIndex(s, n)
}
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.get().FindAllStringSubmatch(s, n)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.get().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) FindAllSubmatch(b []byte, n int) [][][]byte { return r.get().FindAllSubmatch(b, n) }
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.get().ReplaceAllString(src, repl)
}
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.get().ReplaceAllStringFunc(src, repl)
}
func (r *Regexp) SubexpIndex(name string) int { return r.get().SubexpIndex(name) }
func (r *Regexp) String() string              { return r.get().String() }
