package usertext

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Escape returns s with everything a terminal would act on made visible, for
// printing text that came from a document, a trail or the log: C0 and C1
// controls and DEL as \x1b (tab, newline and carriage return as \t \n \r),
// bytes that are not UTF-8 as \xff, and bidi controls, line and paragraph
// separators and U+FFFE/U+FFFF as ‹U+202E›. A backslash stays as it is:
// the output is for people, not to be parsed back. Text with none of these
// is returned unchanged without allocating.
func Escape(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		case r >= 0x80 && r <= 0x9f:
			fmt.Fprintf(&b, `\u%04x`, r)
		case visibleCode(r):
			b.WriteString("‹" + Code(r) + "›")
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == 0x7f {
				return true
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 || r <= 0x9f || visibleCode(r) {
			return true
		}
		i += n
	}
	return false
}

// visibleCode reports whether r is shown as ‹U+XXXX›.
func visibleCode(r rune) bool {
	return IsBidi(r) || r == 0x2028 || r == 0x2029 || r == 0xfffe || r == 0xffff
}
