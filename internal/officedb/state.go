package officedb

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/docattr/docattr/internal/atomicfile"
)

// StateFile is where a desk remembers its last sync, in the data folder.
const StateFile = "office-sync.json"

// LocalState is what the last successful sync stored: how far the
// database holds this desk's log. It is a convenience for the status line
// only; Sync always asks the database.
type LocalState struct {
	Installation string    `json:"installation"`
	Stored       uint64    `json:"stored"`
	Time         time.Time `json:"time"`
}

// LoadState reads the state in dir; none gives the zero state.
func LoadState(dir string) (LocalState, error) {
	var s LocalState
	b, err := os.ReadFile(filepath.Join(dir, StateFile))
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, err
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return LocalState{}, nil // a damaged hint is no hint: the next sync rewrites it
	}
	return s, nil
}

// SaveState writes s to dir atomically.
func SaveState(dir string, s LocalState) error {
	b, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(filepath.Join(dir, StateFile), b, 0o600)
}

// Status is what the desk's status line says about the office database.
type Status struct {
	Online bool   // the last attempt reached the database
	Stored uint64 // last seq the database holds (as far as known)
	Local  uint64 // the local head seq
}

// Pending is how many local events the database lacks.
func (s Status) Pending() uint64 {
	if s.Local > s.Stored {
		return s.Local - s.Stored
	}
	return 0
}

// Text returns the status line in Chinese and English: 已同步至第 N 条,
// 已同步至第 N 条，待同步 M 条, or 离线，待同步 M 条.
func (s Status) Text() (zh, en string) {
	switch {
	case !s.Online:
		return fmt.Sprintf("离线，待同步 %d 条", s.Pending()), fmt.Sprintf("offline, %d events to sync", s.Pending())
	case s.Pending() > 0:
		return fmt.Sprintf("已同步至第 %d 条，待同步 %d 条", s.Stored, s.Pending()),
			fmt.Sprintf("synced up to event %d, %d to sync", s.Stored, s.Pending())
	}
	return fmt.Sprintf("已同步至第 %d 条", s.Stored), fmt.Sprintf("synced up to event %d", s.Stored)
}
