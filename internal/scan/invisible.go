package scan

// Invisible characters: zero-width space, non-joiner and joiner (U+200B–
// U+200D), word joiner (U+2060), the byte order mark used as a zero-width
// no-break space (U+FEFF) and the soft hyphen (U+00AD). A reader sees
// "1101\u200b05…" as one number, so the detectors match on the text without
// them; what they report (location, masked excerpt) still refers to the
// original text. docx.IsInvisible is the same set, rune by rune.

// invisibleAt returns the byte length of the invisible character at s[i], or 0.
func invisibleAt(s string, i int) int {
	switch s[i] {
	case 0xC2: // U+00AD = C2 AD
		if i+1 < len(s) && s[i+1] == 0xAD {
			return 2
		}
	case 0xE2: // U+200B–200D = E2 80 8B–8D, U+2060 = E2 81 A0
		if i+2 < len(s) && ((s[i+1] == 0x80 && s[i+2] >= 0x8B && s[i+2] <= 0x8D) || (s[i+1] == 0x81 && s[i+2] == 0xA0)) {
			return 3
		}
	case 0xEF: // U+FEFF = EF BB BF
		if i+2 < len(s) && s[i+1] == 0xBB && s[i+2] == 0xBF {
			return 3
		}
	}
	return 0
}

// visible returns s without invisible characters and, when any was removed,
// orig: orig[i] is the offset in s of byte i of the result. Text without
// them (nearly all) costs one pass and no allocation.
func visible(s string) (view string, orig []int) {
	found := false
	for i := 0; i < len(s); i++ {
		// Only these lead bytes start an invisible character.
		if c := s[i]; (c == 0xE2 || c == 0xC2 || c == 0xEF) && invisibleAt(s, i) > 0 {
			found = true
			break
		}
	}
	if !found {
		return s, nil
	}
	b := make([]byte, 0, len(s))
	orig = make([]int, 0, len(s))
	for i := 0; i < len(s); {
		if n := invisibleAt(s, i); n > 0 {
			i += n
			continue
		}
		b = append(b, s[i])
		orig = append(orig, i)
		i++
	}
	return string(b), orig
}

// origRange maps the byte range [start, end) of a view back to s.
func origRange(orig []int, start, end int) (int, int) {
	if orig == nil {
		return start, end
	}
	if start >= len(orig) {
		n := len(orig)
		return orig[n-1] + 1, orig[n-1] + 1
	}
	return orig[start], orig[end-1] + 1
}
