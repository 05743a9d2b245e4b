package audit

import (
	"testing"
	"time"
)

func TestParseDayAcceptsTheFormsPeopleType(t *testing.T) {
	want := time.Date(2026, 12, 3, 0, 0, 0, 0, cst)
	for _, s := range []string{"2026-12-3", "2026-12-03", "2026/12/3", "2026.12.3", "2026年12月3日",
		"2026 年 12 月 3 日", "２０２６年１２月３日", " 2026/12/03 ", "2026年12月3号"} {
		got, err := ParseDay(s, cst)
		if err != nil || !got.Equal(want) || got.Location() != cst {
			t.Errorf("ParseDay(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
}

func TestParseDayRefusesWhatIsNotADay(t *testing.T) {
	for _, s := range []string{"", "2026", "2026-12", "2026-13-1", "2026-2-30", "2026-12-3-4", "12/3/2026",
		"20 26-12-3", "2026--12-3", "2026年12月", "2026-12-3日x", "99999-1-1", "abc", "2026-12-0"} {
		if got, err := ParseDay(s, cst); err == nil {
			t.Errorf("ParseDay(%q) = %v, want an error", s, got)
		}
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2026-12-3", "2026年12月3日", "２０２６/1/1", "2026-2-30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDay(s, time.UTC)
		if err == nil && (d.Hour() != 0 || d.Year() < 1000 || d.Year() > 9999) {
			t.Fatalf("ParseDay(%q) = %v", s, d)
		}
	})
}
