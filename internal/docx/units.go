package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// cssTwips converts a CSS length of VML (pt, in, mm, cm, px) to twips.
func cssTwips(v string) int {
	v = strings.TrimSpace(v)
	units := map[string]float64{"pt": 20, "in": 1440, "mm": 56.7, "cm": 567, "px": 15}
	for u, k := range units {
		if n, ok := strings.CutSuffix(v, u); ok {
			f, _ := strconv.ParseFloat(n, 64)
			return int(f * k)
		}
	}
	f, _ := strconv.ParseFloat(v, 64)
	return int(f / emuPerTwip)
}

// textWidth measures text in full-width characters: CJK and full-width
// forms count one, everything else a half.
func textWidth(s string) float64 {
	halves := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c < utf8.RuneSelf:
			halves++
			i++
			continue
		case c >= 0xE3 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			// U+3000 and up, three bytes and no surrogate: CJK text, the
			// commonest case, without decoding.
			halves += 2
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r >= 0x2E80 || (r >= 0x2000 && r <= 0x206F) {
			halves += 2
		} else {
			halves++
		}
		i += n
	}
	return float64(halves) / 2
}
