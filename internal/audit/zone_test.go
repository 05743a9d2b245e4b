package audit

import (
	"testing"
	"time"
)

func TestFormatTimeMatchesTimeFormat(t *testing.T) {
	for _, c := range []struct {
		time time.Time
		tz   int
	}{
		{time.Date(2025, 3, 4, 5, 6, 7, 999_999_999, time.UTC), 480},
		{time.Date(2025, 12, 31, 20, 0, 0, 0, time.UTC), 480}, // crosses into the next year locally
		{time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), -60},       // a year before 1000 locally
		{time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), 24 * 60},
		{time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC), -24*60 - 1}, // outside the cached zones
	} {
		e := Event{Time: c.time, TZOffset: c.tz}
		want := c.time.In(time.FixedZone("", c.tz*60)).Truncate(time.Second).Format(TimeLayout)
		if got := FormatTime(&e); got != want {
			t.Errorf("FormatTime(%v, tz %d) = %q, want %q", c.time, c.tz, got, want)
		}
		if got, want := e.LocalTime(), c.time.In(time.FixedZone("", c.tz*60)); !got.Equal(want) || got.Format(time.RFC3339) != want.Format(time.RFC3339) {
			t.Errorf("LocalTime(%v, tz %d) = %v, want %v", c.time, c.tz, got, want)
		}
	}
}

func TestZoneName(t *testing.T) {
	for minutes, want := range map[int]string{0: "UTC+00:00", 480: "UTC+08:00", -330: "UTC-05:30", 24*60 + 1: "UTC+24:01"} {
		for range 2 { // the second call reads the cache
			if got := zoneName(minutes); got != want {
				t.Errorf("zoneName(%d) = %q, want %q", minutes, got, want)
			}
		}
	}
}
