package scan

import (
	"unicode/utf8"
)

// A number group is a run of digits as a reader sees one number: digits,
// possibly split into chunks by one or two separators (space, ideographic
// space, no-break space, hyphen), e.g. "138 0013 8000" or "110105-19490101-002X".
// Full-width digits count as digits and a final X (x, Ｘ, ｘ) ends a group.
// Groups are maximal: no digit stands right before or after one, which is
// what "not part of a longer digit run" means for every number detector.

// chunk is one separator-free run of a group.
type chunk struct {
	digits     string // ASCII digits, with a final 'X' for the last chunk of an ID number
	start, end int    // byte range in the paragraph text
}

// numGroup is one number group of a paragraph.
type numGroup struct {
	chunks []chunk
	// glued is set when the group continues a longer number through a
	// decimal point or a thousands comma ("1,380,013,800", "13800138000.50").
	glued bool
}

// numMatch is a detected number: its kind, normalised digits (without any
// +86 prefix) and byte range in the paragraph text.
type numMatch struct {
	kind       string
	digits     string
	start, end int
}

// digitOf returns the ASCII digit for r (half- or full-width).
func digitOf(r rune) (byte, bool) {
	switch {
	case r >= '0' && r <= '9':
		return byte(r), true
	case r >= '０' && r <= '９':
		return byte(r-'０') + '0', true
	}
	return 0, false
}

func isSeparator(r rune) bool {
	switch r {
	case ' ', '\u3000', '\u00a0', '-', '－', '‐', '‑', '‒', '–':
		return true
	}
	return false
}

func isX(r rune) bool { return r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ' }

func isASCIIAlnum(r rune) bool {
	_, digit := digitOf(r)
	return digit || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
}

// numberGroups splits text into its number groups, in order. It calls fn
// for each and never allocates for text without digits; a group's chunks
// are valid only while fn runs.
func numberGroups(text string, fn func(g numGroup)) {
	i := 0
	var chunks []chunk
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if _, ok := digitOf(r); !ok {
			i += size
			continue
		}
		chunks = chunks[:0]
		groupStart := i
		for {
			c, next, endsWithX := readChunk(text, i)
			chunks = append(chunks, c)
			i = next
			if endsWithX {
				break
			}
			// Up to two separators, then a digit, continue the group.
			j, seps := i, 0
			for j < len(text) && seps < 3 {
				r, size := utf8.DecodeRuneInString(text[j:])
				if !isSeparator(r) {
					break
				}
				j += size
				seps++
			}
			if seps == 0 || seps > 2 || j >= len(text) {
				break
			}
			r, _ := utf8.DecodeRuneInString(text[j:])
			if _, ok := digitOf(r); !ok {
				break
			}
			i = j
		}
		g := numGroup{chunks: chunks} // fn keeps none of it: the next group reuses the room
		g.glued = gluedBefore(text, groupStart) || gluedAfter(text, i)
		fn(g)
	}
}

// readChunk reads digits from i; a final X is taken when no letter or digit
// follows it.
func readChunk(text string, i int) (c chunk, next int, endsWithX bool) {
	buf := make([]byte, 0, 20)
	c.start = i
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		d, ok := digitOf(r)
		if !ok {
			if isX(r) {
				r2, _ := utf8.DecodeRuneInString(text[i+size:])
				if i+size >= len(text) || !isASCIIAlnum(r2) {
					buf = append(buf, 'X')
					i += size
					endsWithX = true
				}
			}
			break
		}
		buf = append(buf, d)
		i += size
	}
	c.digits, c.end = string(buf), i
	return c, i, endsWithX
}

// gluedBefore reports whether the text before i is "<digit>." or "<digit>,".
func gluedBefore(text string, i int) bool {
	r, size := utf8.DecodeLastRuneInString(text[:i])
	if size == 0 || !isNumberPunct(r) {
		return false
	}
	r2, _ := utf8.DecodeLastRuneInString(text[:i-size])
	_, ok := digitOf(r2)
	return ok
}

// gluedAfter reports whether the text at i is ".<digit>" or ",<digit>".
func gluedAfter(text string, i int) bool {
	r, size := utf8.DecodeRuneInString(text[i:])
	if size == 0 || !isNumberPunct(r) {
		return false
	}
	r2, _ := utf8.DecodeRuneInString(text[i+size:])
	_, ok := digitOf(r2)
	return ok
}

func isNumberPunct(r rune) bool { return r == '.' || r == ',' || r == '．' }

// isAmountSuffix reports whether the text at i makes the number before it an
// amount or a ratio (元, 万, 亿, %, ‰) rather than a phone or card number.
func isAmountSuffix(text string, i int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:])
	switch r {
	case '元', '万', '亿', '%', '％', '‰':
		return true
	}
	return false
}

func isCurrencyPrefix(text string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	switch r {
	case '¥', '￥', '$', '＄':
		return true
	}
	return false
}

// findNumbers returns every ID, bank card and mobile number in text, in
// order, without overlaps.
// Invisible characters are ignored (see invisible.go); the byte ranges
// refer to text as given.
func findNumbers(text string) []numMatch {
	view, orig := visible(text)
	var out []numMatch
	numberGroups(view, func(g numGroup) {
		if g.glued {
			return
		}
		out = matchGroup(view, g, out)
	})
	if orig != nil {
		for i := range out {
			out[i].start, out[i].end = origRange(orig, out[i].start, out[i].end)
		}
	}
	return out
}

// matchGroup tries the whole group first; when it is no number, ID and
// mobile numbers may stand side by side in it ("13800138000 13900139000"),
// so spans of whole chunks are tried from the left, longest first. Bank
// cards must be the whole group: four-digit chunks of a longer number
// would otherwise pass Luhn one time in ten.
func matchGroup(text string, g numGroup, out []numMatch) []numMatch {
	if m, ok := matchSpan(text, g.chunks, true); ok {
		return append(out, m)
	}
	if len(g.chunks) == 1 {
		return out
	}
	for i := 0; i < len(g.chunks); {
		found := false
		for j := len(g.chunks); j > i; j-- {
			if i == 0 && j == len(g.chunks) {
				continue
			}
			if m, ok := matchSpan(text, g.chunks[i:j], false); ok {
				out = append(out, m)
				i, found = j, true
				break
			}
		}
		if !found {
			i++
		}
	}
	return out
}

// matchSpan classifies chunks as one number: ID first (an ID number is never
// reported as a bank card), then bank card (whole groups only), then mobile.
func matchSpan(text string, cs []chunk, whole bool) (numMatch, bool) {
	start, end := cs[0].start, cs[len(cs)-1].end
	digits := joinChunks(cs)
	if validIDCard(digits) {
		return numMatch{kind: KindIDCard, digits: digits, start: start, end: end}, true
	}
	if isAmountSuffix(text, end) || isCurrencyPrefix(text, start) {
		return numMatch{}, false
	}
	if whole && validBankCard(digits, cs) {
		return numMatch{kind: KindBankCard, digits: digits, start: start, end: end}, true
	}
	if m, ok := mobileDigits(cs); ok {
		return numMatch{kind: KindMobile, digits: m, start: start, end: end}, true
	}
	return numMatch{}, false
}

func joinChunks(cs []chunk) string {
	if len(cs) == 1 {
		return cs[0].digits
	}
	n := 0
	for _, c := range cs {
		n += len(c.digits)
	}
	b := make([]byte, 0, n)
	for _, c := range cs {
		b = append(b, c.digits...)
	}
	return string(b)
}
