package audit

import (
	"fmt"
	"sync/atomic"
	"time"
)

// Zone returns the fixed zone minutes east of UTC, unnamed, as
// time.FixedZone("", minutes*60) does. Zones within a day of UTC are made
// once and shared: an export or a count converts a million event times, and
// a new Location per event was a tenth of an export's time.
func Zone(minutes int) *time.Location {
	i := minutes + maxZoneMinutes
	if i < 0 || i >= len(zones) {
		return time.FixedZone("", minutes*60)
	}
	if z := zones[i].Load(); z != nil {
		return z
	}
	z := time.FixedZone("", minutes*60)
	zones[i].Store(z) // a racing caller may store its own equal zone: either is right
	return z
}

// maxZoneMinutes bounds the offsets Zone and zoneName keep: Append refuses
// events more than a day from UTC.
const maxZoneMinutes = 24 * 60

var (
	zones     [2*maxZoneMinutes + 1]atomic.Pointer[time.Location]
	zoneNames [2*maxZoneMinutes + 1]atomic.Pointer[string]
)

// zoneName formats an offset in minutes as UTC+08:00.
func zoneName(minutes int) string {
	i := minutes + maxZoneMinutes
	if i < 0 || i >= len(zoneNames) {
		return formatZone(minutes)
	}
	if s := zoneNames[i].Load(); s != nil {
		return *s
	}
	s := formatZone(minutes)
	zoneNames[i].Store(&s)
	return s
}

func formatZone(minutes int) string {
	sign := '+'
	if minutes < 0 {
		sign, minutes = '-', -minutes
	}
	return fmt.Sprintf("UTC%c%02d:%02d", sign, minutes/60, minutes%60)
}
