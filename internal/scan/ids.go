package scan

import "time"

// Resident identity numbers (公民身份号码, GB 11643-1999): six digits of
// region, eight of birth date (YYYYMMDD), three of sequence and a check
// character computed from the first seventeen with weights 2^(17-i) mod 11.

var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// validIDCard reports whether s (ASCII digits, final X upper-case) is an
// 18-character identity number with a correct check character and a real
// birth date between 1900-01-01 and today.
func validIDCard(s string) bool {
	if len(s) != 18 {
		return false
	}
	sum := 0
	for i := 0; i < 17; i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		sum += int(c-'0') * idWeights[i]
	}
	if s[17] != idCheckChars[sum%11] {
		return false
	}
	return validBirthDate(s[6:14])
}

// validBirthDate checks YYYYMMDD: a calendar date from 1900 up to today.
func validBirthDate(s string) bool {
	y, m, d := atoi(s[0:4]), atoi(s[4:6]), atoi(s[6:8])
	if y < 1900 || m < 1 || m > 12 || d < 1 {
		return false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 0230 normalises to March
		return false
	}
	return !t.After(time.Now())
}

// idShaped reports whether an 18-digit string looks like an identity number
// even when its check digit is wrong (region code, then a 19xx/20xx year):
// such a number is a mistyped or invented ID, never a bank card.
func idShaped(s string) bool {
	if len(s) != 18 || s[0] < '1' || s[0] > '9' {
		return false
	}
	century := s[6:8]
	return century == "18" || century == "19" || century == "20"
}

func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return -1
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// maskID keeps the first four and last four characters: 2103**********123X.
func maskID(s string) string {
	if len(s) < 9 {
		return stars(len(s))
	}
	return s[:4] + stars(len(s)-8) + s[len(s)-4:]
}

func stars(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '*'
	}
	return string(b)
}
