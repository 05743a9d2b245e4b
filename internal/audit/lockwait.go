package audit

import (
	"errors"
	"math/rand/v2"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// openBolt opens the bbolt file at path, waiting up to timeout for another
// process's lock. bbolt's own wait tries the lock every 50 ms: against a
// process that opens the log on a steady beat (the app listing it, another
// command, a script polling) its tries can fall, beat after beat, inside
// the other's holds and miss every gap between them until the timeout — a
// batch then lost a whole chunk of finished drafts to a reader whose
// Verify and List took about 50 ms. Here each try is a single attempt and
// the next one comes after a random 1–4 ms, so no beat can hide the gaps.
func openBolt(path string, readOnly bool, timeout time.Duration) (*bolt.DB, error) {
	deadline := time.Now().Add(timeout)
	for {
		// bbolt gives up after one failed attempt when its timeout is
		// shorter than its retry interval.
		db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: time.Nanosecond, ReadOnly: readOnly})
		if !errors.Is(err, berrors.ErrTimeout) {
			return db, err
		}
		if time.Now().After(deadline) {
			return nil, err
		}
		time.Sleep(time.Millisecond + rand.N(3*time.Millisecond))
	}
}
