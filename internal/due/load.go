package due

import (
	"path/filepath"

	"github.com/docattr/docattr/internal/settings"
)

// HolidaysFile is the holiday list's name in the data folder: one date a
// line (2026-10-01), # starts a comment.
const HolidaysFile = "holidays.txt"

// DefaultHolidaysPath returns where the holiday list is kept.
func DefaultHolidaysPath() (string, error) {
	d, err := settings.DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, HolidaysFile), nil
}
