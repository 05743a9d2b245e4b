package scan

// Mainland mobile numbers: 1[3-9] and nine more digits, written whole
// (13800138000), as 3-4-4 (138 0013 8000, 138-0013-8000), 3-8 or 7-4, and
// optionally after a country code 86 (+86, (+86) and 0086 are outside the
// digit group and need no handling). Hotlines (12345, 95xxx, 400-/800-) and
// landlines with an area code never have this shape: they have the wrong
// length or start with 0, 4, 8 or 9.

// mobileDigits returns the 11 digits of a mobile number written as the
// chunks cs, or false.
func mobileDigits(cs []chunk) (string, bool) {
	digits := joinChunks(cs)
	sizes := chunkSizes(cs)
	switch {
	case len(digits) == 13 && digits[:2] == "86" && len(sizes) == 1:
		digits, sizes = digits[2:], []int{11}
	case len(digits) == 13 && digits[:2] == "86" && sizes[0] == 2:
		digits, sizes = digits[2:], sizes[1:]
	}
	if len(digits) != 11 || digits[0] != '1' || digits[1] < '3' || digits[1] > '9' {
		return "", false
	}
	for i := 2; i < 11; i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return "", false
		}
	}
	if !mobileLayout(sizes) {
		return "", false
	}
	return digits, true
}

// mobileLayout accepts the ways people group a mobile number.
func mobileLayout(sizes []int) bool {
	switch len(sizes) {
	case 1:
		return sizes[0] == 11
	case 2:
		return (sizes[0] == 3 && sizes[1] == 8) || (sizes[0] == 7 && sizes[1] == 4)
	case 3:
		return sizes[0] == 3 && sizes[1] == 4 && sizes[2] == 4
	}
	return false
}

func chunkSizes(cs []chunk) []int {
	out := make([]int, len(cs))
	for i, c := range cs {
		out[i] = len(c.digits)
	}
	return out
}

// maskMobile keeps the first three and last four digits: 138****8000.
func maskMobile(s string) string {
	if len(s) != 11 {
		return stars(len(s))
	}
	return s[:3] + "****" + s[7:]
}
