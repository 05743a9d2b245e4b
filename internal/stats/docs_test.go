package stats

import (
	"encoding/hex"
	"testing"
)

// Only a lower-case hyphenated UUID maps to 16 bytes: every other key
// stays a string, so two keys never meet in the table.
func TestParseUUIDTakesOneSpellingOnly(t *testing.T) {
	const id = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	u, ok := parseUUID([]byte(id))
	if want, _ := hex.DecodeString("0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d"); !ok || string(u[:]) != string(want) {
		t.Fatalf("parseUUID(%s) = %x, %v", id, u, ok)
	}
	for _, s := range []string{
		"0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D", "0a1b2c3d4e5f4a6b8c7d9e0f1a2b3c4d", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4",
		"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4g", "0a1b2c3d_4e5f-4a6b-8c7d-9e0f1a2b3c4d", "", "D-1",
	} {
		if _, ok := parseUUID([]byte(s)); ok {
			t.Errorf("parseUUID(%q) accepted", s)
		}
	}
	tbl := newDocTable()
	a, b := tbl.get([]byte(id)), tbl.get([]byte("0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"))
	if a == b || tbl.get([]byte(id)) != a || tbl.n != 2 {
		t.Errorf("two spellings of one UUID: %p %p, %d documents", a, b, tbl.n)
	}
}
