package audit

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/keys"
)

func testKey(t *testing.T) *keys.Key {
	t.Helper()
	k, err := keys.LoadOrCreate(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// checkpointed returns a closed log of 10 events with a checkpoint of
// event 10 (the checkpoint event itself is 11).
func checkpointed(t *testing.T) (logPath, cpPath string, c Checkpoint) {
	t.Helper()
	logPath = tamperLog(t, 10)
	cpPath = filepath.Join(t.TempDir(), "head.checkpoint.json")
	l, err := Open(logPath, Options{Actor: zhang})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	c, err = WriteCheckpoint(l, testKey(t), cpPath)
	if err != nil {
		t.Fatal(err)
	}
	return logPath, cpPath, c
}

func withLog(t *testing.T, path string, fn func(l *Log)) {
	t.Helper()
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	fn(l)
}

func TestCheckpointVerifiesAndIsRecorded(t *testing.T) {
	logPath, cpPath, c := checkpointed(t)
	if c.Seq != 10 || len(c.Hash) != 64 || c.Format != CheckpointFormat {
		t.Fatalf("checkpoint = %+v", c)
	}
	withLog(t, logPath, func(l *Log) {
		if err := VerifyCheckpoint(l, cpPath); err != nil {
			t.Fatalf("fresh checkpoint: %v", err)
		}
		e, err := l.Get(11)
		if err != nil || e.Type != TypeCheckpoint || e.Details["checkpoint_seq"] != "10" || e.Actor != zhang {
			t.Fatalf("checkpoint event = %+v, %v", e, err)
		}
		// Later events do not disturb an earlier checkpoint.
		mustAppend(t, l, Event{Type: TypeMark})
		if err := VerifyCheckpoint(l, cpPath); err != nil {
			t.Fatalf("after more events: %v", err)
		}
	})
}

func TestCheckpointDetectsTruncationAndRollback(t *testing.T) {
	tests := []struct {
		name   string
		tamper func(t *testing.T, logPath string)
	}{
		{"truncated with rewritten meta", func(t *testing.T, p string) { truncate(t, p, 8) }},
		{"truncated then re-grown to the same length", func(t *testing.T, p string) {
			truncate(t, p, 8)
			withLog(t, p, func(l *Log) { mustAppend(t, l, Event{Type: TypeMark}, Event{Type: TypeMark}) })
		}},
		{"rolled back to an older copy", func(t *testing.T, p string) {
			old := tamperLog(t, 5)
			b, _ := os.ReadFile(old)
			os.WriteFile(p, b, 0o600)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logPath, cpPath, _ := checkpointed(t)
			tt.tamper(t, logPath)
			withLog(t, logPath, func(l *Log) {
				if rep, _ := l.Verify(); !rep.OK {
					t.Fatalf("setup: the tampered log should be self-consistent: %+v", rep)
				}
				if err := VerifyCheckpoint(l, cpPath); !errors.Is(err, ErrTampered) {
					t.Fatalf("VerifyCheckpoint = %v, want ErrTampered", err)
				}
			})
		})
	}
}

func TestCheckpointWithBadSignatureFails(t *testing.T) {
	edits := map[string]func(c *Checkpoint){
		"seq changed":     func(c *Checkpoint) { c.Seq = 9 },
		"hash changed":    func(c *Checkpoint) { c.Hash = strings.Repeat("ab", 32) },
		"time changed":    func(c *Checkpoint) { c.Time = c.Time.Add(time.Second) },
		"other key named": func(c *Checkpoint) { c.PublicKey = keys.EncodePublic(testKey(t).Public()) },
		"signature junk":  func(c *Checkpoint) { c.Signature = "AAAA" },
		"format changed":  func(c *Checkpoint) { c.Format = "x" },
	}
	for name, change := range edits {
		t.Run(name, func(t *testing.T) {
			logPath, cpPath, c := checkpointed(t)
			change(&c)
			b, _ := json.Marshal(c)
			os.WriteFile(cpPath, b, 0o644)
			withLog(t, logPath, func(l *Log) {
				if err := VerifyCheckpoint(l, cpPath); !errors.Is(err, ErrBadSignature) {
					t.Fatalf("VerifyCheckpoint = %v, want ErrBadSignature", err)
				}
			})
		})
	}
}

func TestCheckpointEventAlteredAtItsSeqFails(t *testing.T) {
	logPath, cpPath, _ := checkpointed(t)
	edit(t, logPath, func(tx *bolt.Tx) error {
		e, _ := decodeRecord(getRec(tx, 10))
		e.Reason = "改写"
		rec, _ := seal(nil, &e)
		return putRec(tx, 10, rec)
	})
	withLog(t, logPath, func(l *Log) {
		if err := VerifyCheckpoint(l, cpPath); !errors.Is(err, ErrTampered) {
			t.Fatalf("VerifyCheckpoint = %v, want ErrTampered", err)
		}
	})
}
