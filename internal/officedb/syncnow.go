package officedb

import (
	"context"
	"errors"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
)

// SyncNow is one sync as the app and the CLI run it: connect, push, close,
// and remember how far it got in the data folder dir (LocalState)
// for the status line. The Status is right whether or not err is nil:
// offline, it counts what waits from the last sync that succeeded.
func SyncNow(ctx context.Context, cfg Config, dir, logPath string, key *keys.Key, unit string) (Status, SyncResult, error) {
	prev, _ := LoadState(dir)
	st := Status{Stored: prev.Stored, Local: localHead(logPath)}
	conn, err := Connect(ctx, cfg)
	if err != nil {
		return st, SyncResult{}, err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	st.Online = true
	res, err := Sync(ctx, conn, logPath, key, SyncOptions{Unit: unit})
	if res.Stored > 0 || err == nil {
		st.Stored = res.Stored
		if res.Local > st.Local {
			st.Local = res.Local
		}
		_ = SaveState(dir, LocalState{Installation: res.Installation, Stored: res.Stored, Time: time.Now().UTC()})
	}
	if errors.Is(err, ErrOffline) {
		st.Online = false
	}
	return st, res, err
}

// localHead is the local log's head seq; 0 when it cannot be read (the
// sync itself reports why).
func localHead(logPath string) uint64 {
	l, err := audit.Open(logPath, audit.Options{ReadOnly: true})
	if err != nil {
		return 0
	}
	defer l.Close()
	h, _ := l.Head()
	return h.Seq
}
