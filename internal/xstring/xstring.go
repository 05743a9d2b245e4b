// Package xstring escapes text for a spreadsheet cell. OOXML's string type
// (ST_Xstring, ECMA-376 Part 1 §22.9.2.19) reads _xHHHH_ as the character
// U+HHHH, so a title typed as "_x5BC6_件" would show as "密件" in Excel and
// WPS. Such text must be written with its underscore escaped, _x005F_.
//
// excelize escapes text that goes through its StreamWriter (the audit
// export) but not text stored as a shared string (SetCellStr, SetSheetRow),
// which the statistics and 公开目录 workbooks use: they pass their text
// through Escape first.
package xstring

import "strings"

// Escape returns s with every _xHHHH_ (H a hex digit, either case) written
// as _x005F_xHHHH_, so that a reader shows it as typed. Text without one is
// returned unchanged without allocating.
func Escape(s string) string {
	i := find(s, 0)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 6)
	from := 0
	for ; i >= 0; i = find(s, i+1) {
		b.WriteString(s[from:i])
		b.WriteString("_x005F")
		from = i
	}
	b.WriteString(s[from:])
	return b.String()
}

// find returns the index of the first _xHHHH_ at or after from, or -1.
func find(s string, from int) int {
	for {
		j := strings.Index(s[from:], "_x")
		if j < 0 {
			return -1
		}
		i := from + j
		if i+7 <= len(s) && isHex(s[i+2:i+6]) && s[i+6] == '_' {
			return i
		}
		from = i + 1
	}
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
