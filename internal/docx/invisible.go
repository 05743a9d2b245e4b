package docx

import "unicode"

// IsInvisible reports whether r is a format character readers do not see
// and matching ignores: zero-width space, non-joiner and joiner
// (U+200B–U+200D), word joiner (U+2060), zero-width no-break space (U+FEFF),
// soft hyphen (U+00AD), direction marks — every character of Unicode's Cf
// category. "秘\u200b密★1年" is a secrecy line as much as "秘密★1年". CJK
// text never holds one, so it is ruled out without a table look-up.
func IsInvisible(r rune) bool {
	return r >= 0xad && (r < 0x2070 || r >= 0xfeff) && unicode.Is(unicode.Cf, r)
}
