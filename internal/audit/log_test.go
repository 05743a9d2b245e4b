package audit

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/settings"
)

var (
	zhang = settings.Actor{Name: "张三", OSUser: "zhang", Machine: "PC-01"}
	li    = settings.Actor{Name: "李四", OSUser: "li", Machine: "PC-02"}
	cst   = time.FixedZone("CST", 8*3600)
)

// openTemp opens a fresh log in a temporary folder; it is closed at the end
// of the test.
func openTemp(t testing.TB) *Log {
	t.Helper()
	l, err := Open(filepath.Join(t.TempDir(), "sub", "audit.db"), Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// mustAppend appends and fails the test on error.
func mustAppend(t testing.TB, l *Log, evs ...Event) []Event {
	t.Helper()
	out, err := l.Append(evs...)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sample is a realistic mark event at the given local (CST) time.
func sample(doc string, actor settings.Actor, at time.Time) Event {
	return Event{
		Type: TypeMark, Time: at, Actor: actor, DocID: doc, File: doc + ".docx",
		InputSHA256: "aa", OutputSHA256: "bb", Attribute: "public", PrevAttribute: "",
		Basis: "第十九条", Reason: "涉及公众利益",
		Findings: []FindingRef{{Kind: "idcard", Severity: "high", Excerpt: "1101…", Location: "正文第3段"}},
		Details:  map[string]string{"role": "drafter", "comment": "首次标注"},
	}
}

func TestOpenCreatesPrivateFileAndEmptyHead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "audit.db")
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if st, err := os.Stat(path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("log file mode: %v %v", st, err)
	}
	h, err := l.Head()
	if err != nil || h.Seq != 0 || h.Hash != GenesisHash || !h.Time.IsZero() {
		t.Fatalf("empty head = %+v, %v", h, err)
	}
	if l.Path() != path {
		t.Fatalf("Path = %q", l.Path())
	}
}

func TestAppendFillsChainFieldsAndGetReturnsThem(t *testing.T) {
	l := openTemp(t)
	at := time.Date(2025, 3, 9, 10, 30, 0, 0, cst)
	in := sample("国办发〔2025〕1号", zhang, at)
	in.Seq, in.Hash = 99, "forged" // ignored: the log assigns these
	got := mustAppend(t, l, in, Event{Type: TypeClean, Actor: li})
	if got[0].Seq != 1 || got[1].Seq != 2 {
		t.Fatalf("seqs = %d, %d", got[0].Seq, got[1].Seq)
	}
	if got[0].PrevHash != GenesisHash || got[1].PrevHash != got[0].Hash || len(got[1].Hash) != 64 {
		t.Fatalf("chain not linked: %+v", got)
	}
	if !got[0].Time.Equal(at) || got[0].Time.Location() != time.UTC || got[0].TZOffset != 480 {
		t.Fatalf("time = %v tz %d, want %v in UTC with offset 480", got[0].Time, got[0].TZOffset, at)
	}
	if got[1].Time.IsZero() || got[0].Version != "test" {
		t.Fatalf("Time/Version not filled: %+v", got[1])
	}
	h, _ := l.Head()
	if h.Seq != 2 || h.Hash != got[1].Hash || !h.Time.Equal(got[1].Time) {
		t.Fatalf("head = %+v", h)
	}
	e, err := l.Get(1)
	if err != nil {
		t.Fatal(err)
	}
	if e.Hash != got[0].Hash || e.Reason != in.Reason || e.Details["role"] != "drafter" || e.Findings[0].Location != "正文第3段" {
		t.Fatalf("Get(1) = %+v", e)
	}
	if _, err := l.Get(3); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get(3) err = %v, want ErrNotFound", err)
	}
}

func TestAppendRejectsEventWithoutTypeAndStoresNothing(t *testing.T) {
	l := openTemp(t)
	batch := []Event{sample("d1", zhang, time.Time{}), {Actor: zhang}}
	if _, err := l.Append(batch...); !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	if h, _ := l.Head(); h.Seq != 0 {
		t.Fatalf("head after rejected batch = %d, want 0", h.Seq)
	}
}

func TestAppendOfManyEventsIsOneTransaction(t *testing.T) {
	l := openTemp(t)
	mustAppend(t, l, Event{Type: TypeSettings})
	txid := func() int {
		tx, err := l.db.Begin(false)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		return tx.ID() // id of the last committed write transaction
	}
	before := txid()
	evs := make([]Event, 100)
	for i := range evs {
		evs[i] = sample(fmt.Sprintf("doc-%d", i), zhang, time.Time{})
	}
	mustAppend(t, l, evs...)
	if after := txid(); after != before+1 {
		t.Fatalf("Append of 100 events took %d write transactions, want 1", after-before)
	}
}

func TestAppendIsAllOrNothingWhenTheTransactionFails(t *testing.T) {
	l := openTemp(t)
	big := sample("big", zhang, time.Time{})
	big.Reason = string(make([]byte, MaxEventSize)) // sealed size check fails inside the tx
	evs := []Event{sample("a", zhang, time.Time{}), sample("b", zhang, time.Time{}), big}
	if _, err := l.Append(evs...); !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v, want ErrInvalid", err)
	}
	if n, _ := l.Count(Filter{DocID: "a"}); n != 0 {
		t.Fatalf("first event of a failed batch was stored")
	}
	if rep, _ := l.Verify(); !rep.OK || rep.Events != 0 {
		t.Fatalf("verify after failed batch: %+v", rep)
	}
}

func TestAppendMakesInvalidUTF8ValidAndStaysVerifiable(t *testing.T) {
	l := openTemp(t)
	got := mustAppend(t, l, Event{Type: TypeMark, File: "bad\xffname.docx", Details: map[string]string{"k\xfe": "v"}})
	if got[0].File != "bad\uFFFDname.docx" {
		t.Fatalf("File = %q", got[0].File)
	}
	if rep, err := l.Verify(); err != nil || !rep.OK {
		t.Fatalf("verify: %+v %v", rep, err)
	}
}

// seedListLog holds events over three days, two actors and three docs.
func seedListLog(t *testing.T) *Log {
	l := openTemp(t)
	day := func(d, h int) time.Time { return time.Date(2025, 3, d, h, 0, 0, 0, cst) }
	mustAppend(t, l,
		sample("A", zhang, day(1, 9)),                        // 1; UTC day 20250301
		sample("B", li, day(1, 23)),                          // 2; UTC 20250301 15:00
		sample("A", li, day(2, 7)),                           // 3; UTC 20250301 23:00, local day 2
		sample("C", zhang, day(2, 12)),                       // 4
		sample("A", zhang, day(3, 10)),                       // 5
		Event{Type: TypeExport, Time: day(3, 11), Actor: li}, // 6
		sample("B", zhang, day(1, 8)),                        // 7: a clock that stepped back
	)
	return l
}

func TestListFilters(t *testing.T) {
	l := seedListLog(t)
	d := func(day int) time.Time { return time.Date(2025, 3, day, 0, 0, 0, 0, cst) }
	tests := []struct {
		name string
		f    Filter
		want []uint64
	}{
		{"all", Filter{}, []uint64{1, 2, 3, 4, 5, 6, 7}},
		{"doc index", Filter{DocID: "A"}, []uint64{1, 3, 5}},
		{"doc missing", Filter{DocID: "Z"}, nil},
		{"doc is not a prefix match", Filter{DocID: "A\x00"}, nil},
		{"actor index", Filter{Actor: "李四"}, []uint64{2, 3, 6}},
		{"one local day", Filter{From: d(2), To: d(2)}, []uint64{3, 4}},
		{"from only", Filter{From: d(3)}, []uint64{5, 6}},
		{"to only, clock stepped back", Filter{To: d(1)}, []uint64{1, 2, 7}},
		{"days and actor", Filter{From: d(1), To: d(2), Actor: "张三"}, []uint64{1, 4, 7}},
		{"doc and days", Filter{DocID: "A", From: d(2)}, []uint64{3, 5}},
		{"type", Filter{Type: TypeExport}, []uint64{6}},
		{"attribute", Filter{Attribute: "public", Actor: "李四"}, []uint64{2, 3}},
		{"limit", Filter{Limit: 2}, []uint64{1, 2}},
		{"limit with index", Filter{DocID: "A", Limit: 2}, []uint64{1, 3}},
		{"no days in range", Filter{From: d(10)}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []uint64
			err := l.List(tt.f, func(e Event) error { got = append(got, e.Seq); return nil })
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Fatalf("List = %v, want %v", got, tt.want)
			}
			n, err := l.Count(tt.f)
			if err != nil || n != len(tt.want) {
				t.Fatalf("Count = %d, %v, want %d", n, err, len(tt.want))
			}
		})
	}
}

func TestListAcrossBatchesAndStopOnCallbackError(t *testing.T) {
	l := openTemp(t)
	evs := make([]Event, batchSize*2+7)
	for i := range evs {
		evs[i] = sample("same", zhang, time.Time{})
	}
	mustAppend(t, l, evs...)
	for _, f := range []Filter{{}, {DocID: "same"}, {Actor: "张三"}, {From: time.Now(), To: time.Now()}} {
		var want uint64 = 1
		err := l.List(f, func(e Event) error {
			if e.Seq != want {
				return fmt.Errorf("got seq %d, want %d", e.Seq, want)
			}
			want++
			return nil
		})
		if err != nil || want != uint64(len(evs))+1 {
			t.Fatalf("filter %+v: %v, stopped at %d", f, err, want)
		}
	}
	stop := errors.New("stop")
	n := 0
	err := l.List(Filter{}, func(Event) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("List did not stop on callback error: %v after %d", err, n)
	}
}

func TestListCallbackMayAppend(t *testing.T) {
	l := openTemp(t)
	mustAppend(t, l, sample("A", zhang, time.Time{}), sample("A", zhang, time.Time{}))
	n := 0
	err := l.List(Filter{}, func(e Event) error {
		n++
		_, err := l.Append(Event{Type: TypeExport, DocID: "A"})
		return err
	})
	if err != nil || n != 2 {
		t.Fatalf("List with Append in callback: %v, %d events (want the 2 that existed at start)", err, n)
	}
}

func TestReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "audit.db")
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("read-only open of a missing log: %v, want ErrNotFound", err)
	}
	// What a reader sees in the moment after a writer created the file and
	// before it wrote the first pages: no log yet, and the file left alone.
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(path, Options{ReadOnly: true}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("read-only open of an empty file: %v, want ErrNotFound", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Size() != 0 {
		t.Fatalf("the reader wrote to the empty file: %v, %v", fi, err)
	}
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, Event{Type: TypeMark})
	l.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.Append(Event{Type: TypeMark}); !errors.Is(err, ErrReadOnly) {
		t.Fatalf("append to read-only log: %v", err)
	}
	if h, _ := ro.Head(); h.Seq != 1 {
		t.Fatalf("read-only head = %d", h.Seq)
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	os.WriteFile(junk, []byte("PK\x03\x04 this is a docx, not a log, and long enough to be read as pages"), 0o600)
	if _, err := Open(junk, Options{}); !errors.Is(err, ErrFormat) {
		t.Fatalf("Open(docx) err = %v, want ErrFormat", err)
	}
	other := filepath.Join(dir, "other.db")
	db, err := bolt.Open(other, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	db.Update(func(tx *bolt.Tx) error {
		b, _ := tx.CreateBucket(bucketMeta)
		return b.Put(keyFormat, []byte("docattr-audit-v9"))
	})
	db.Close()
	if _, err := Open(other, Options{}); !errors.Is(err, ErrFormat) {
		t.Fatalf("Open(newer format) err = %v, want ErrFormat", err)
	}
}
