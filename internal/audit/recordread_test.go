package audit

import (
	"bytes"
	"fmt"
	"testing"
	"time"
)

// parseCanonicalTime checks ranges instead of formatting the time it parsed
// and comparing: it must accept exactly the strings that round trip.
func TestParseCanonicalTimeAcceptsExactlyWhatRoundTrips(t *testing.T) {
	roundTrips := func(s string) bool {
		tm, err := time.Parse(time.RFC3339Nano, s)
		return err == nil && tm.UTC().Format(time.RFC3339Nano) == s
	}
	var cases []string
	for _, y := range []string{"0000", "0001", "1900", "2000", "2024", "2025", "2100", "9999"} {
		for mo := 0; mo <= 13; mo++ {
			for _, d := range []int{0, 1, 28, 29, 30, 31, 32} {
				cases = append(cases, fmt.Sprintf("%s-%02d-%02dT12:00:00Z", y, mo, d))
			}
		}
	}
	for _, hms := range []string{"00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60", "99:99:99"} {
		cases = append(cases, "2026-03-01T"+hms+"Z")
	}
	for _, frac := range []string{"", ".", ".0", ".5", ".50", ".123456789", ".1234567890", ".000000001", ".100000000", ".12345678"} {
		cases = append(cases, "2026-03-01T09:00:00"+frac+"Z")
	}
	cases = append(cases, "2026-03-01T09:00:00+08:00", "2026-03-01 09:00:00Z", "2026-3-01T09:00:00Z", "２026-03-01T09:00:00Z")
	for _, s := range cases {
		got, ok := parseCanonicalTime([]byte(s))
		if want := roundTrips(s); ok != want {
			t.Errorf("%s: accepted %v, round trips %v", s, ok, want)
			continue
		}
		var buf [40]byte
		if ok && !bytes.Equal(got.AppendFormat(buf[:0], time.RFC3339Nano), []byte(s)) {
			t.Errorf("%s: parsed as %v", s, got)
		}
	}
}
