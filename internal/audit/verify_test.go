package audit

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"
)

// tamperLog makes a closed log of n events and returns its path.
func tamperLog(t *testing.T, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.db")
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		actor := zhang
		if i%3 == 0 {
			actor = li
		}
		mustAppend(t, l, sample(fmt.Sprintf("doc-%d", i%4), actor, time.Date(2025, 3, 1+i%5, 9, 0, 0, 0, cst)))
	}
	l.Close()
	return path
}

// edit opens the file with bbolt directly, as an attacker with write access
// would, and runs fn in a write transaction.
func edit(t *testing.T, path string, fn func(tx *bolt.Tx) error) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(fn); err != nil {
		t.Fatal(err)
	}
}

func verifyFile(t *testing.T, path string) VerifyReport {
	t.Helper()
	l, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	rep, err := l.Verify()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func getRec(tx *bolt.Tx, seq uint64) []byte {
	return bytes.Clone(tx.Bucket(bucketEvents).Get(seqKey(seq)))
}

func putRec(tx *bolt.Tx, seq uint64, rec []byte) error {
	return tx.Bucket(bucketEvents).Put(seqKey(seq), rec)
}

func TestVerifyIntactLog(t *testing.T) {
	rep := verifyFile(t, tamperLog(t, 20))
	if !rep.OK || rep.Events != 20 || rep.Head.Seq != 20 || rep.FirstBad != 0 || rep.Problems != 0 {
		t.Fatalf("report = %+v", rep)
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	l, _ := Open(empty, Options{})
	l.Close()
	if rep := verifyFile(t, empty); !rep.OK || rep.Events != 0 {
		t.Fatalf("empty log report = %+v", rep)
	}
}

func TestVerifyFindsTheFirstBadSeq(t *testing.T) {
	tests := []struct {
		name     string
		tamper   func(tx *bolt.Tx) error
		firstBad uint64
		problem  string
	}{
		{"flipped byte in a value", func(tx *bolt.Tx) error {
			rec := getRec(tx, 7)
			i := bytes.Index(rec, []byte("public"))
			rec[i] ^= 0x01
			return putRec(tx, 7, rec)
		}, 7, "altered"},
		{"edited reason with recomputed own hash", func(tx *bolt.Tx) error {
			// The attacker recomputes event 5's hash; event 6 no longer links.
			e, _ := decodeRecord(getRec(tx, 5))
			e.Reason = "改过的理由"
			rec, _ := seal(nil, &e)
			return putRec(tx, 5, rec)
		}, 6, "broken chain"},
		{"deleted event", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketEvents).Delete(seqKey(9))
		}, 9, "missing"},
		{"deleted last event", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketEvents).Delete(seqKey(20))
		}, 20, "meta head"},
		{"swapped events", func(tx *bolt.Tx) error {
			a, b := getRec(tx, 3), getRec(tx, 4)
			if err := putRec(tx, 3, b); err != nil {
				return err
			}
			return putRec(tx, 4, a)
		}, 3, "reordered"},
		{"dropped doc index entry", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketByDoc).Delete(indexKey("doc-3", 12))
		}, 12, "idx_doc"},
		{"dropped day index entry", func(tx *bolt.Tx) error {
			e, _ := decodeRecord(getRec(tx, 15))
			return tx.Bucket(bucketByDay).Delete(indexKey(dayKey(e.Time), 15))
		}, 15, "idx_day"},
		{"extra actor index entry", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketByActor).Put(indexKey("王五", 11), []byte{})
		}, 11, "extra entry"},
		{"index entry for a missing event", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketByDoc).Put(indexKey("doc-0", 99), []byte{})
		}, 99, "extra entry"},
		{"meta head rewound", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketMeta).Put(keyHeadSeq, seqKey(18))
		}, 19, "meta head"},
		{"non-canonical but same content", func(tx *bolt.Tx) error {
			rec := getRec(tx, 2)
			return putRec(tx, 2, bytes.Replace(rec, []byte(`"seq":2,`), []byte(`"seq": 2,`), 1))
		}, 2, "canonical"},
		{"garbage key in events", func(tx *bolt.Tx) error {
			return tx.Bucket(bucketEvents).Put([]byte("zz"), []byte("x"))
		}, 21, "invalid key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tamperLog(t, 20)
			edit(t, path, tt.tamper)
			rep := verifyFile(t, path)
			if rep.OK {
				t.Fatalf("tampering went unnoticed: %+v", rep)
			}
			if rep.FirstBad != tt.firstBad {
				t.Fatalf("FirstBad = %d, want %d (%s)", rep.FirstBad, tt.firstBad, rep.Problem)
			}
			if !strings.Contains(rep.Problem, tt.problem) || !strings.Contains(rep.Problem, " / ") {
				t.Fatalf("Problem %q does not mention %q in both languages", rep.Problem, tt.problem)
			}
		})
	}
}

func TestListReportsTamperingInsteadOfReturningAlteredEvents(t *testing.T) {
	path := tamperLog(t, 5)
	edit(t, path, func(tx *bolt.Tx) error {
		rec := getRec(tx, 3)
		rec[len(rec)-5] ^= 1 // inside the hash
		return putRec(tx, 3, rec)
	})
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	err = l.List(Filter{}, func(Event) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "3") {
		t.Fatalf("List over a tampered event: %v", err)
	}
	if _, err := l.Get(3); err == nil {
		t.Fatal("Get returned an altered event")
	}
}

func TestTruncationWithRewrittenMetaPassesVerify(t *testing.T) {
	// Documents the limit that checkpoints exist for (see checkpoint_test).
	path := tamperLog(t, 10)
	truncate(t, path, 7)
	if rep := verifyFile(t, path); !rep.OK || rep.Events != 7 {
		t.Fatalf("report = %+v", rep)
	}
}

// truncate removes events after keep and rewrites meta and indexes so the
// shortened log is self-consistent, as a careful attacker would.
func truncate(t *testing.T, path string, keep uint64) {
	t.Helper()
	edit(t, path, func(tx *bolt.Tx) error {
		var head [32]byte
		c := tx.Bucket(bucketEvents).Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			seq := binary.BigEndian.Uint64(k)
			e, _ := decodeRecord(v)
			if seq == keep {
				head, _ = parseHash(e.Hash)
			}
			if seq <= keep {
				continue
			}
			for _, ix := range indexEntries(&e) {
				tx.Bucket(ix.bucket).Delete(ix.key)
			}
			if err := c.Delete(); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		meta.Put(keyHeadSeq, seqKey(keep))
		return meta.Put(keyHeadHash, head[:])
	})
}

func TestListTypesPassesOnlyThoseTypesAndStillStopsOnTampering(t *testing.T) {
	l := openTemp(t)
	mustAppend(t, l, sample("A", zhang, time.Time{}), Event{Type: TypeExport}, sample("B", li, time.Time{}), Event{Type: TypeClean, DocID: "C"})
	var got []string
	err := l.ListTypes(Filter{}, []string{TypeMark, TypeReviewSign}, func(e Event) error {
		got = append(got, fmt.Sprint(e.Seq, e.Type, e.DocID))
		return nil
	})
	if want := []string{"1markA", "3markB"}; err != nil || !slices.Equal(got, want) {
		t.Fatalf("ListTypes(mark, review.sign) = %q, %v; want %q", got, err, want)
	}
	path := l.Path()
	l.Close()
	edit(t, path, func(tx *bolt.Tx) error { // alter the export, a type not asked for
		rec := getRec(tx, 2)
		rec[len(rec)-5] ^= 1
		return putRec(tx, 2, rec)
	})
	l, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	err = l.ListTypes(Filter{}, []string{TypeMark}, func(Event) error { return nil })
	if !errors.Is(err, ErrTampered) {
		t.Fatalf("ListTypes over an altered event of another type: %v, want ErrTampered", err)
	}
}
