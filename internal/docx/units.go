package docx

import (
	"strconv"
	"strings"
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
	w := 0.0
	for _, r := range s {
		switch {
		case r >= 0x2E80 || (r >= 0x2000 && r <= 0x206F):
			w++
		default:
			w += 0.5
		}
	}
	return w
}
