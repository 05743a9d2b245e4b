package docx

// IsInvisible reports whether r is a character readers do not see and
// matching ignores: zero-width space, non-joiner and joiner (U+200B–U+200D),
// word joiner (U+2060), zero-width no-break space (U+FEFF) and soft hyphen
// (U+00AD). "秘\u200b密★1年" is a secrecy line as much as "秘密★1年".
func IsInvisible(r rune) bool {
	return (r >= '\u200b' && r <= '\u200d') || r == '\u2060' || r == '\ufeff' || r == '\u00ad'
}
