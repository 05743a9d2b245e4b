package scan

import "strings"

// Bank card numbers: 16 to 19 digits that pass the Luhn check, written
// whole or in groups of four (the last group may be shorter), never starting
// with 0, and never an ID-shaped 18-digit number (see idShaped).

// validBankCard reports whether digits, written as the chunks cs, is a
// bank card number.
func validBankCard(digits string, cs []chunk) bool {
	if len(digits) < 16 || len(digits) > 19 || digits[0] == '0' || idShaped(digits) {
		return false
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return false
		}
	}
	if len(cs) > 1 {
		for i, c := range cs {
			n := len(c.digits)
			if n != 4 && !(i == len(cs)-1 && n >= 1 && n < 4) {
				return false
			}
		}
	}
	return luhn(digits)
}

// luhn reports whether the ASCII digits s pass the Luhn (mod 10) check.
func luhn(s string) bool {
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// maskBankCard keeps the first four and last four digits and shows the
// length in groups of four: 6222 **** **** 1234, 6228 **** **** *** 2136.
func maskBankCard(s string) string {
	if len(s) < 9 {
		return stars(len(s))
	}
	var b strings.Builder
	b.WriteString(s[:4])
	for mid := len(s) - 8; mid > 0; mid -= 4 {
		b.WriteByte(' ')
		b.WriteString(stars(min(4, mid)))
	}
	b.WriteByte(' ')
	b.WriteString(s[len(s)-4:])
	return b.String()
}
