package audit

// The pieces of the record grammar scanRecord walks: literals, numbers and
// strings exactly as appendBody writes them, and nothing else.

import (
	"bytes"
	"encoding/binary"
	"time"
)

// reader walks a record.
type reader struct {
	b []byte
	i int
}

// lit consumes s if the record continues with it.
func (r *reader) lit(s string) bool {
	if len(r.b)-r.i >= len(s) && string(r.b[r.i:r.i+len(s)]) == s {
		r.i += len(s)
		return true
	}
	return false
}

// uint reads a canonical unsigned number: digits, no leading zero.
func (r *reader) uint() (uint64, bool) {
	j := r.i
	for j < len(r.b) && '0' <= r.b[j] && r.b[j] <= '9' {
		j++
	}
	d := r.b[r.i:j]
	if len(d) == 0 || len(d) > 1 && d[0] == '0' {
		return 0, false
	}
	r.i = j
	var n uint64
	for _, c := range d {
		if n > (1<<64-1)/10 || n*10 > 1<<64-1-uint64(c-'0') {
			return 0, false // overflows uint64
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
}

// int reads a canonical signed number.
func (r *reader) int() (int, bool) {
	neg := r.lit("-")
	n, ok := r.uint()
	if !ok || n > 1<<63-1 && !(neg && n == 1<<63) {
		return 0, false
	}
	if neg {
		return int(-n), n != 0
	}
	return int(n), true
}

// str reads a string in the escaping appendString writes and returns the
// span of its contents. The plain stretches between escapes are found with
// bytes.IndexByte and checked for control bytes eight at a time: this is
// the hottest loop of reading the log.
func (r *reader) str() (span, bool) {
	if !r.lit(`"`) {
		return span{}, false
	}
	start := r.i
	for {
		q := bytes.IndexByte(r.b[r.i:], '"')
		if q < 0 {
			return span{}, false
		}
		plainEnd := r.i + q
		if bs := bytes.IndexByte(r.b[r.i:plainEnd], '\\'); bs >= 0 {
			plainEnd = r.i + bs
		}
		if hasControl(r.b[r.i:plainEnd]) {
			return span{}, false
		}
		r.i = plainEnd
		if r.b[r.i] == '"' {
			r.i++
			return span{start, r.i - 1}, true
		}
		// r.b[r.i] is a backslash.
		if r.i+1 >= len(r.b) {
			return span{}, false
		}
		switch r.b[r.i+1] {
		case '"', '\\', 'n', 'r', 't':
			r.i += 2
		case 'u':
			if len(r.b)-r.i < 6 || r.b[r.i+2] != '0' || r.b[r.i+3] != '0' {
				return span{}, false
			}
			c, ok := ctlByte(r.b[r.i+4], r.b[r.i+5])
			if !ok || c == '\n' || c == '\r' || c == '\t' {
				return span{}, false
			}
			r.i += 6
		default:
			return span{}, false
		}
	}
}

// hasControl reports whether b holds a byte below 0x20.
func hasControl(b []byte) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for len(b) >= 8 {
		x := binary.LittleEndian.Uint64(b)
		// A byte below 0x20 is one that borrows when 0x20 is taken from
		// it while its top bit is clear (bytes of 0x80 and above are
		// UTF-8, never control bytes).
		if (x-0x20*ones) & ^x & highs != 0 {
			return true
		}
		b = b[8:]
	}
	for _, c := range b {
		if c < 0x20 {
			return true
		}
	}
	return false
}

// ctlByte decodes the two lower-case hex digits of a \u00xx escape of a
// byte below 0x20.
func ctlByte(hi, lo byte) (byte, bool) {
	var l byte
	switch {
	case '0' <= lo && lo <= '9':
		l = lo - '0'
	case 'a' <= lo && lo <= 'f':
		l = lo - 'a' + 10
	default:
		return 0, false
	}
	switch hi {
	case '0':
		return l, true
	case '1':
		return 0x10 | l, true
	}
	return 0, false
}

// findings reads one or more finding objects and the closing bracket.
func (r *reader) findings() (span, bool) {
	start := r.i
	for {
		if !r.lit(`{"kind":`) {
			return span{}, false
		}
		for _, k := range findingKeys {
			if _, ok := r.str(); !ok || !r.lit(k) {
				return span{}, false
			}
		}
		if _, ok := r.str(); !ok || !r.lit("}") {
			return span{}, false
		}
		end := r.i
		if r.lit("]") {
			return span{start, end}, true
		}
		if !r.lit(",") {
			return span{}, false
		}
	}
}

// details reads one or more key/value pairs with strictly increasing keys
// (compared unescaped, as appendBody sorts them) and the closing brace.
func (r *reader) details() (span, bool) {
	start := r.i
	var prev []byte
	var unescaped [2][]byte // keys with escapes, this one's and the previous one's
	for n := 0; ; n++ {
		k, ok := r.str()
		if !ok || !r.lit(":") {
			return span{}, false
		}
		key := k.of(r.b)
		if bytes.IndexByte(key, '\\') >= 0 {
			unescaped[n%2] = unescape(unescaped[n%2][:0], key)
			key = unescaped[n%2]
		}
		if n > 0 && bytes.Compare(prev, key) >= 0 {
			return span{}, false
		}
		prev = key
		if _, ok := r.str(); !ok {
			return span{}, false
		}
		end := r.i
		if r.lit("}") {
			return span{start, end}, true
		}
		if !r.lit(",") {
			return span{}, false
		}
	}
}

// unescape appends the string whose escaped contents are raw (as str
// accepted them) to dst.
func unescape(dst, raw []byte) []byte {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		switch raw[i] {
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			b, _ := ctlByte(raw[i+3], raw[i+4])
			dst = append(dst, b)
			i += 4
		default:
			dst = append(dst, raw[i])
		}
	}
	return dst
}

// isHash reports whether s is 64 lower-case hex digits. (The stored hash
// needs no such check: it must equal the hex the hash computes to.)
func isHash(s []byte) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if !lowerHex[c] {
			return false
		}
	}
	return true
}

var lowerHex = func() (t [256]bool) {
	for _, c := range "0123456789abcdef" {
		t[c] = true
	}
	return t
}()

// parseCanonicalTime parses the time encoding appendBody writes (RFC 3339,
// UTC, "Z", the fewest fraction digits) and reports whether s is exactly
// that encoding of the time it names.
func parseCanonicalTime(s []byte) (time.Time, bool) {
	// 2006-01-02T15:04:05[.fraction]Z
	if len(s) < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[len(s)-1] != 'Z' {
		return time.Time{}, false
	}
	num := func(b []byte) (int, bool) {
		n := 0
		for _, c := range b {
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	var f [6]int
	for i, p := range [6][2]int{{0, 4}, {5, 7}, {8, 10}, {11, 13}, {14, 16}, {17, 19}} {
		var ok bool
		if f[i], ok = num(s[p[0]:p[1]]); !ok {
			return time.Time{}, false
		}
	}
	ns := 0
	if frac := s[19 : len(s)-1]; len(frac) > 0 {
		// The encoder writes no trailing zero (and no fraction for 0 ns).
		if len(frac) < 2 || len(frac) > 10 || frac[0] != '.' || frac[len(frac)-1] == '0' {
			return time.Time{}, false
		}
		n, ok := num(frac[1:])
		if !ok {
			return time.Time{}, false
		}
		for range 10 - len(frac) {
			n *= 10
		}
		ns = n
	}
	// Out-of-range parts would normalise into another date, whose encoding
	// differs: they are refused instead of formatted and compared.
	y, mo, d := f[0], f[1], f[2]
	if mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, y) || f[3] > 23 || f[4] > 59 || f[5] > 59 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, f[3], f[4], f[5], ns, time.UTC), true
}

// daysIn returns the number of days of month m (1–12) of year y.
func daysIn(m, y int) int {
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		return 29
	}
	return int([13]uint8{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m])
}
