package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/settings"
)

func inputHash(i int) string {
	s := sha256.Sum256([]byte(fmt.Sprint("draft", i)))
	return hex.EncodeToString(s[:])
}

// inputLog appends n events to l: marks, cleans and exports, the inputs of
// the marks and cleans drawn from a few hundred drafts (so each is marked
// several times), some inputs not a SHA-256 at all.
func appendInputEvents(t *testing.T, l *Log, n int) {
	t.Helper()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var batch []Event
	for i := range n {
		e := Event{Type: []string{TypeMark, TypeMark, TypeClean, TypeExport}[i%4], Time: at.Add(time.Duration(i) * time.Minute),
			Actor: settings.Actor{Name: "张三"}, DocID: fmt.Sprintf("doc-%d", i%311)}
		if e.Type != TypeExport {
			e.InputSHA256 = inputHash(i % 257)
		}
		if i%97 == 0 {
			e.InputSHA256 = "not a hash " + fmt.Sprint(i)
		}
		batch = append(batch, e)
		if len(batch) == 500 || i == n-1 {
			if _, err := l.Append(batch...); err != nil {
				t.Fatal(err)
			}
			batch = batch[:0]
		}
	}
}

// byInputScan is what ByInput must answer, read from every event.
func byInputScan(t *testing.T, l *Log, sum string) []uint64 {
	t.Helper()
	var seqs []uint64
	if err := l.List(Filter{}, func(e Event) error {
		if e.InputSHA256 == sum {
			seqs = append(seqs, e.Seq)
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Reverse(seqs)
	return seqs
}

func byInput(t *testing.T, l *Log, sum string) ([]uint64, error) {
	t.Helper()
	var seqs []uint64
	err := l.ByInput(sum, func(e Event) bool {
		if e.InputSHA256 != sum {
			t.Errorf("ByInput(%s) passed event %d of input %s", sum, e.Seq, e.InputSHA256)
		}
		seqs = append(seqs, e.Seq)
		return true
	})
	return seqs, err
}

func TestByInputFindsEveryEventOfAnInputLatestFirst(t *testing.T) {
	l := openTemp(t)
	appendInputEvents(t, l, 3000)
	for _, i := range []int{0, 1, 5, 256} {
		sum := inputHash(i)
		got, err := byInput(t, l, sum)
		want := byInputScan(t, l, sum)
		if err != nil || len(want) < 5 || !slices.Equal(got, want) {
			t.Errorf("input %d: ByInput %v, %v; the events say %v", i, got, err, want)
		}
	}
	// The latest mark alone, as marker asks.
	var first uint64
	if err := l.ByInput(inputHash(3), func(e Event) bool { first = e.Seq; return false }); err != nil || first != byInputScan(t, l, inputHash(3))[0] {
		t.Errorf("first event of input 3: %d, %v", first, err)
	}
	if got, err := byInput(t, l, inputHash(9999)); err != nil || got != nil {
		t.Errorf("an input never seen: %v, %v", got, err)
	}
	// Inputs that are not a SHA-256 are not indexed: the caller reads the events.
	if _, err := byInput(t, l, "not a hash 0"); !errors.Is(err, ErrNoInputIndex) {
		t.Errorf("a text that is not a hash: %v", err)
	}
	if r, err := l.Verify(); err != nil || !r.OK {
		t.Fatalf("verify: %+v, %v", r, err)
	}
}

// A log an older docattr wrote has no input index: opened for reading only
// it stays as it is (byte for byte) and verifies; the first open for writing
// builds the index, and the log verifies and takes events as before.
func TestLogWrittenBeforeTheInputIndexGetsItOnTheFirstWrite(t *testing.T) {
	path := oldLog(t)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if r, err := ro.Verify(); err != nil || !r.OK || r.Events != 300 {
		t.Fatalf("read-only verify of the old log: %+v, %v", r, err)
	}
	if _, err := byInput(t, ro, inputHash(1)); !errors.Is(err, ErrNoInputIndex) {
		t.Errorf("ByInput on the old log opened read-only: %v, want ErrNoInputIndex", err)
	}
	ro.Close()
	if after, _ := os.ReadFile(path); !bytes.Equal(after, data) {
		t.Fatal("a read-only open changed the old log")
	}

	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if r, err := l.Verify(); err != nil || !r.OK || r.Events != 300 {
		t.Fatalf("verify with the index built: %+v, %v", r, err)
	}
	appendInputEvents(t, l, 40)
	if r, err := l.Verify(); err != nil || !r.OK || r.Events != 340 {
		t.Fatalf("verify after appending: %+v, %v", r, err)
	}
	got, err := byInput(t, l, inputHash(1))
	if want := byInputScan(t, l, inputHash(1)); err != nil || len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("ByInput: %v, %v; want %v", got, err, want)
	}
}

// A log of many events without the index (as an older docattr leaves it:
// no idx_input bucket, no meta input_indexed) gets it on the first open for
// writing, with an entry for every event of a SHA-256 input.
func TestInputIndexIsBuiltForALogWithoutIt(t *testing.T) {
	l := openTemp(t)
	appendInputEvents(t, l, 5000)
	path := l.Path()
	l.Close()
	edit(t, path, func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket(bucketByInput); err != nil {
			return err
		}
		return tx.Bucket(bucketMeta).Delete(keyInputIndexed)
	})
	if r := verifyFile(t, path); !r.OK || r.Events != 5000 {
		t.Fatalf("verify without the index: %+v", r)
	}
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	for _, i := range []int{0, 7, 200} {
		got, err := byInput(t, l, inputHash(i))
		if want := byInputScan(t, l, inputHash(i)); err != nil || len(want) < 10 || !slices.Equal(got, want) {
			t.Errorf("input %d: ByInput %v, %v; want %v", i, got, err, want)
		}
	}
	if r, err := l.Verify(); err != nil || !r.OK {
		t.Fatalf("verify: %+v, %v", r, err)
	}
}

// An older docattr that appends to a log leaves the index behind: meta
// input_indexed stays where it was. The log still verifies, ByInput
// refuses, and the next open for writing indexes the events it missed.
func TestEventsAnOlderDocattrAppendedAreIndexedOnTheNextWrite(t *testing.T) {
	l := openTemp(t)
	appendInputEvents(t, l, 400)
	path := l.Path()
	l.Close()
	// What the older code leaves: events 301..400 without index entries,
	// input_indexed at 300.
	edit(t, path, func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketByInput)
		var drop [][]byte
		b.ForEach(func(k, _ []byte) error {
			if _, seq, _ := parseIndexKey(k); seq > 300 {
				drop = append(drop, bytes.Clone(k))
			}
			return nil
		})
		for _, k := range drop {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return tx.Bucket(bucketMeta).Put(keyInputIndexed, seqKey(300))
	})
	if r := verifyFile(t, path); !r.OK {
		t.Fatalf("verify with the index behind: %+v", r)
	}
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := byInput(t, ro, inputHash(1)); !errors.Is(err, ErrNoInputIndex) {
		t.Errorf("ByInput with the index behind: %v", err)
	}
	ro.Close()
	l, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	got, err := byInput(t, l, inputHash(60)) // events 61 and 318
	if want := byInputScan(t, l, inputHash(60)); err != nil || want[0] <= 300 || !slices.Equal(got, want) {
		t.Errorf("ByInput after the write open: %v, %v; want %v", got, err, want)
	}
	if r, err := l.Verify(); err != nil || !r.OK {
		t.Fatalf("verify: %+v, %v", r, err)
	}
}

// Verify checks idx_input like the other indexes: an entry removed or
// added is named.
func TestVerifyNamesInputIndexEntriesMissingOrExtra(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		edit       func(b *bolt.Bucket) error
	}{
		{"missing", "idx_input lacks event 6", func(b *bolt.Bucket) error {
			sum, _ := inputKey(inputHash(5))
			return b.Delete(appendSeq(sum[:], 6))
		}},
		{"extra", "idx_input has an extra entry", func(b *bolt.Bucket) error {
			sum, _ := inputKey(inputHash(100))
			return b.Put(appendSeq(sum[:], 7), []byte{})
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			l := openTemp(t)
			appendInputEvents(t, l, 50)
			path := l.Path()
			l.Close()
			edit(t, path, func(tx *bolt.Tx) error { return tc.edit(tx.Bucket(bucketByInput)) })
			if r := verifyFile(t, path); r.OK || !strings.Contains(r.Problem, tc.want) {
				t.Errorf("verify: %+v, want a problem %q", r, tc.want)
			}
		})
	}
}
