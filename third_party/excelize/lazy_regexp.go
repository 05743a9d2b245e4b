// This file is docattr's addition to excelize, under excelize's license
// (BSD-3-Clause, the LICENSE file beside it).

package excelize

// docattr: this file is not upstream's. It holds the package's regular
// expressions compiled at their first use instead of at initialisation:
// every program that links excelize runs its initialisation before main,
// and compiling these patterns there cost each docattr command (a small
// mark, help) more time than its own work, whether it wrote a workbook or
// not. See docs/decisions/026-a-lazier-excelize.md in docattr.

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled when first used; it is safe
// for concurrent use, as a *regexp.Regexp is.
type lazyRegexp struct {
	src  string
	once sync.Once
	rx   *regexp.Regexp
}

// newLazyRegexp returns the expression src, compiled at its first use (a
// bad pattern panics there, as regexp.MustCompile would at start).
func newLazyRegexp(src string) *lazyRegexp { return &lazyRegexp{src: src} }

func (r *lazyRegexp) re() *regexp.Regexp {
	r.once.Do(func() { r.rx = regexp.MustCompile(r.src) })
	return r.rx
}

// The methods below are those of regexp.Regexp that the package uses.

func (r *lazyRegexp) MatchString(s string) bool            { return r.re().MatchString(s) }
func (r *lazyRegexp) FindStringSubmatch(s string) []string { return r.re().FindStringSubmatch(s) }
func (r *lazyRegexp) FindAllString(s string, n int) []string {
	return r.re().FindAllString(s, n)
}
func (r *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}
