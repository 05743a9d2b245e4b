package audit

import (
	"bytes"
	"errors"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/settings"
)

// checkView checks that a View of the canonical record rec reads the same
// fields as the decoded event e.
func checkView(t *testing.T, rec []byte, e *Event) {
	t.Helper()
	v, err := scanRecord(rec)
	if err != nil {
		t.Fatalf("%q: %v", rec, err)
	}
	w := &View{rec: rec, v: &v}
	for _, f := range []struct {
		name      string
		got, want string
	}{
		{"type", string(w.Type()), e.Type}, {"doc_id", string(w.DocID()), e.DocID}, {"file", string(w.File()), e.File},
		{"input_sha256", string(w.InputSHA256()), e.InputSHA256}, {"actor", string(w.ActorName()), e.Actor.Name},
		{"attribute", string(w.Attribute()), e.Attribute}, {"basis", string(w.Basis()), e.Basis},
		{"secrecy", string(w.Secrecy()), e.Secrecy}, {"hash", string(w.Hash()), e.Hash},
	} {
		if f.got != f.want {
			t.Errorf("%q: view %s %q, decoded %q", rec, f.name, f.got, f.want)
		}
	}
	if w.Seq() != e.Seq || !w.Time().Equal(e.Time) || w.TZOffset() != e.TZOffset {
		t.Errorf("%q: view seq %d time %v tz %d, decoded %d %v %d", rec, w.Seq(), w.Time(), w.TZOffset(), e.Seq, e.Time, e.TZOffset)
	}
	details := map[string]string{}
	w.EachDetail(func(k, v []byte) bool { details[string(k)] = string(v); return true })
	if len(details) == 0 {
		details = nil
	}
	if !maps.Equal(details, e.Details) {
		t.Errorf("%q: view details %q, decoded %q", rec, details, e.Details)
	}
	for k, want := range e.Details {
		if got, ok := w.Detail(k); !ok || string(got) != want {
			t.Errorf("%q: view Detail(%q) = %q, %v; want %q", rec, k, got, ok, want)
		}
	}
	if _, ok := w.Detail("\xff-not-a-key"); ok {
		t.Errorf("%q: view has a detail that is not there", rec)
	}
}

func TestViewTypesReadsWhatListTypesDecodes(t *testing.T) {
	l, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	at := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	var evs []Event
	for i := range 1500 { // several batches, with escapes in every kind of field
		e := Event{Type: []string{TypeMark, TypeClean, TypeReviewSign, "自定义\t类型"}[i%4], Time: at.Add(time.Duration(i) * time.Minute),
			Actor: settings.Actor{Name: []string{"张三", `李"四\`, ""}[i%3]}, DocID: []string{"doc-1", "", "doc\n2"}[i%3],
			Attribute: "withheld", Basis: "条例第十五条", Secrecy: []string{"", "秘密"}[i%2], File: `C:\公文\a.docx`}
		if i%5 != 0 {
			e.Details = map[string]string{"issue_date": "2026-03-01", "a\"b": "x\\y\u0001", "title": "关于\n通知", "zz": ""}
		}
		evs = append(evs, e)
	}
	if _, err := l.Append(evs...); err != nil {
		t.Fatal(err)
	}
	types := []string{TypeMark, "自定义\t类型"}
	var want []Event
	if err := l.ListTypes(Filter{}, types, func(e Event) error { want = append(want, e); return nil }); err != nil {
		t.Fatal(err)
	}
	n := 0
	err = l.ViewTypes(Filter{}, types, func(w *View) error {
		if n >= len(want) {
			t.Fatalf("view passes more events than ListTypes (%d)", len(want))
		}
		e := want[n]
		n++
		rec, err := l.Get(e.Seq)
		if err != nil || rec.Hash != string(w.Hash()) {
			t.Fatalf("seq %d: %v", e.Seq, err)
		}
		checkView(t, w.rec, &e)
		return nil
	})
	if err != nil || n != len(want) || n != 750 {
		t.Fatalf("ViewTypes: %v after %d events, ListTypes passed %d", err, n, len(want))
	}
	// A filter applies as it does to List.
	var seqs []uint64
	if err := l.ViewTypes(Filter{Actor: "张三", Type: TypeMark}, types, func(w *View) error { seqs = append(seqs, w.Seq()); return nil }); err != nil {
		t.Fatal(err)
	}
	var wantSeqs []uint64
	for _, e := range want {
		if e.Actor.Name == "张三" && e.Type == TypeMark {
			wantSeqs = append(wantSeqs, e.Seq)
		}
	}
	if len(seqs) == 0 || !slices.Equal(seqs, wantSeqs) {
		t.Errorf("filtered view seqs %v, want %v", seqs, wantSeqs)
	}
}

// An altered record stops ViewTypes like ListTypes, also when it is of a
// type not asked for and sits in the half of a batch checked on the second
// goroutine; the events before it in its batch are not passed.
func TestViewTypesStopsAtAnAlteredRecord(t *testing.T) {
	path := tamperLog(t, 1200)
	edit(t, path, func(tx *bolt.Tx) error {
		rec := getRec(tx, 900)
		return putRec(tx, 900, bytes.Replace(rec, []byte("doc-"), []byte("dog-"), 1))
	})
	l, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var last uint64
	err = l.ViewTypes(Filter{}, []string{"no-such-type", TypeMark}, func(w *View) error { last = w.Seq(); return nil })
	if !errors.Is(err, ErrTampered) || !strings.Contains(err.Error(), "900") || last >= 900 || last < 512 {
		t.Fatalf("ViewTypes: %v, last seq passed %d", err, last)
	}
}
