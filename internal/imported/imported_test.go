package imported

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/settings"
)

// office is another installation: its own log and key folder.
type office struct {
	t   *testing.T
	dir string
	log *audit.Log
}

func newOffice(t *testing.T, name string, marks int) *office {
	t.Helper()
	dir := t.TempDir()
	l, err := audit.Open(filepath.Join(dir, "audit.db"), audit.Options{Version: "test", Actor: settings.Actor{Name: name}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	o := &office{t, dir, l}
	o.mark(marks)
	return o
}

func (o *office) mark(n int) {
	o.t.Helper()
	h, _ := o.log.Head()
	for i := range n {
		_, err := o.log.Append(audit.Event{Type: audit.TypeMark, DocID: fmt.Sprintf("%s-%d", o.dir, int(h.Seq)+i),
			Attribute: "public", Actor: o.log.Actor(), Time: time.Date(2026, 3, 1+i, 9, 0, 0, 0, time.UTC)})
		if err != nil {
			o.t.Fatal(err)
		}
	}
}

// export writes the log (or the filtered part) as JSONL and returns the path.
func (o *office) export(name string, f audit.Filter) string {
	o.t.Helper()
	var buf bytes.Buffer
	if _, err := audit.WriteJSONL(o.log, &buf, f); err != nil {
		o.t.Fatal(err)
	}
	p := filepath.Join(o.dir, name)
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		o.t.Fatal(err)
	}
	return p
}

func (o *office) checkpoint() (path, fingerprint string) {
	o.t.Helper()
	k, err := keys.LoadOrCreate(filepath.Join(o.dir, "keys"))
	if err != nil {
		o.t.Fatal(err)
	}
	path = filepath.Join(o.dir, "cp.json")
	if _, err := audit.WriteCheckpoint(o.log, k, path); err != nil {
		o.t.Fatal(err)
	}
	return path, k.Fingerprint()
}

func openStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(PathFor(filepath.Join(t.TempDir(), "audit.db")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func importFile(t *testing.T, s *Store, req Request) (Result, error) {
	t.Helper()
	x, err := ReadExport(req)
	if err != nil {
		return Result{}, err
	}
	return s.Import(x, nil)
}

func count(t *testing.T, s *Store, f audit.Filter) map[string]int {
	t.Helper()
	n := map[string]int{}
	if err := s.List(f, func(src string, _ audit.Event) error { n[src]++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestPathFor(t *testing.T) {
	for in, want := range map[string]string{"/d/audit.db": "/d/audit.imported.db", "/d/log": "/d/log.imported"} {
		if got := PathFor(in); got != want {
			t.Errorf("PathFor(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestImportTwoOfficesAndDedupe(t *testing.T) {
	s := openStore(t)
	a, b := newOffice(t, "甲", 3), newOffice(t, "乙", 5)
	pa, pb := a.export("a.jsonl", audit.Filter{}), b.export("b.jsonl", audit.Filter{})
	cases := []struct {
		name        string
		req         Request
		added, dups int
	}{
		{"first office", Request{Path: pa, Source: "甲局"}, 3, 0},
		{"second office", Request{Path: pb, Source: "乙局"}, 5, 0},
		{"same export again", Request{Path: pa, Source: "甲局"}, 0, 3},
	}
	for _, c := range cases {
		res, err := importFile(t, s, c.req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if res.Added != c.added || res.Duplicates != c.dups {
			t.Errorf("%s: added %d dup %d, want %d %d", c.name, res.Added, res.Duplicates, c.added, c.dups)
		}
	}
	// The first office goes on working; its next full export adds only the new events.
	a.mark(2)
	res, err := importFile(t, s, Request{Path: a.export("a2.jsonl", audit.Filter{}), Source: "甲局"})
	if err != nil || res.Added != 2 || res.FirstNew != 4 || res.LastNew != 5 {
		t.Fatalf("second export: %+v, %v", res, err)
	}
	if got := count(t, s, audit.Filter{}); got["甲局"] != 5 || got["乙局"] != 5 {
		t.Errorf("listed %v, want 5 and 5", got)
	}
	if got := count(t, s, audit.Filter{Limit: 7}); got["甲局"]+got["乙局"] != 7 {
		t.Errorf("limit 7 listed %v", got)
	}
	srcs, _ := s.Sources()
	if len(srcs) != 2 || srcs[0].Name != "乙局" || srcs[1].Name != "甲局" || srcs[0].Events != 5 || srcs[1].Events != 5 ||
		srcs[1].Imports != 2 || srcs[1].ChainID == "" {
		t.Errorf("sources %+v", srcs)
	}
}

func TestTamperedExportIsRefused(t *testing.T) {
	s := openStore(t)
	o := newOffice(t, "甲", 3)
	p := o.export("a.jsonl", audit.Filter{})
	b, _ := os.ReadFile(p)
	lines := bytes.SplitAfter(b, []byte("\n"))
	edits := []struct {
		name string
		data []byte
		want error
	}{
		{"attribute changed", bytes.Replace(b, []byte(`"attribute":"public"`), []byte(`"attribute":"withheld"`), 1), audit.ErrTampered},
		{"lines swapped", slices.Concat(lines[1], lines[0], lines[2]), audit.ErrTampered},
		{"garbage line", append(bytes.Clone(b), []byte("{}\n")...), audit.ErrTampered},
		{"line removed", slices.Concat(lines[0], lines[2]), ErrGaps},
	}
	for _, c := range edits {
		bad := filepath.Join(t.TempDir(), "bad.jsonl")
		os.WriteFile(bad, c.data, 0o600)
		_, err := importFile(t, s, Request{Path: bad, Source: "甲局"})
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err %v, want %v", c.name, err, c.want)
		}
	}
	if got := count(t, s, audit.Filter{}); len(got) != 0 {
		t.Errorf("a refused export left events: %v", got)
	}
}

func TestConflictsAreRefusedWhole(t *testing.T) {
	s := openStore(t)
	a, b := newOffice(t, "甲", 3), newOffice(t, "乙", 4)
	pa := a.export("a.jsonl", audit.Filter{})
	if _, err := importFile(t, s, Request{Path: pa, Source: "甲局"}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		req  Request
	}{
		{"another log under a taken name", Request{Path: b.export("b.jsonl", audit.Filter{}), Source: "甲局"}},
		{"the same log under a second name", Request{Path: pa, Source: "甲局二"}},
	}
	for _, c := range cases {
		if _, err := importFile(t, s, c.req); !errors.Is(err, ErrConflict) {
			t.Errorf("%s: err %v, want ErrConflict", c.name, err)
		}
	}
	if got := count(t, s, audit.Filter{}); got["甲局"] != 3 || len(got) != 1 {
		t.Errorf("after refusals: %v", got)
	}
}

func TestCheckpointNamesTheSourceAndMustMatch(t *testing.T) {
	s := openStore(t)
	o := newOffice(t, "甲", 3)
	cp, fp := o.checkpoint()
	p := o.export("a.jsonl", audit.Filter{})
	res, err := importFile(t, s, Request{Path: p, Checkpoint: cp})
	if err != nil {
		t.Fatal(err)
	}
	if res.Source.Name != fp || res.Source.Fingerprint != fp || res.Added != 4 {
		t.Errorf("result %+v, want source named by fingerprint %s", res, fp)
	}
	// Without a checkpoint the fingerprint comes from the checkpoint event.
	x, err := ReadExport(Request{Path: p})
	if err != nil || x.Source != fp {
		t.Errorf("source from the export: %q, %v", x.Source, err)
	}
	// A checkpoint of another office does not vouch for this export.
	other := newOffice(t, "乙", 2)
	cp2, _ := other.checkpoint()
	if _, err := ReadExport(Request{Path: p, Checkpoint: cp2}); err == nil {
		t.Error("a foreign checkpoint was accepted")
	}
	// No name, no checkpoint, no checkpoint event: refused.
	plain := newOffice(t, "丙", 1).export("c.jsonl", audit.Filter{})
	if _, err := ReadExport(Request{Path: plain}); !errors.Is(err, ErrNoSource) {
		t.Errorf("err %v, want ErrNoSource", err)
	}
}

func TestAlteredStoreIsDetectedOnRead(t *testing.T) {
	s := openStore(t)
	o := newOffice(t, "甲", 3)
	if _, err := importFile(t, s, Request{Path: o.export("a.jsonl", audit.Filter{}), Source: "甲局"}); err != nil {
		t.Fatal(err)
	}
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents).Bucket([]byte("甲局"))
		v := b.Get(seqKey(2))
		return b.Put(seqKey(2), bytes.Replace(v, []byte("public"), []byte("withheld"), 1))
	})
	if err != nil {
		t.Fatal(err)
	}
	err = s.List(audit.Filter{}, func(string, audit.Event) error { return nil })
	if !errors.Is(err, audit.ErrTampered) || !strings.Contains(err.Error(), "甲局") {
		t.Errorf("err %v, want ErrTampered naming the source", err)
	}
}

func TestSegmentsMustLinkToWhatIsStored(t *testing.T) {
	s := openStore(t)
	o := newOffice(t, "甲", 4)
	march3 := time.Date(2026, 3, 3, 0, 0, 0, 0, time.UTC)
	early := o.export("early.jsonl", audit.Filter{To: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)})
	late := o.export("late.jsonl", audit.Filter{From: march3})
	for _, p := range []string{late, early} {
		if _, err := importFile(t, s, Request{Path: p, Source: "甲局"}); err != nil {
			t.Fatalf("%s: %v", filepath.Base(p), err)
		}
	}
	if got := count(t, s, audit.Filter{From: march3}); got["甲局"] != 2 {
		t.Errorf("from 3 March: %v, want 2", got)
	}
	// A segment of another log with the same seqs does not link: refused.
	other := newOffice(t, "乙", 4).export("x.jsonl", audit.Filter{From: march3})
	s2 := openStore(t)
	importFile(t, s2, Request{Path: early, Source: "甲局"})
	if _, err := importFile(t, s2, Request{Path: other, Source: "甲局"}); !errors.Is(err, ErrConflict) {
		t.Errorf("err %v, want ErrConflict for a segment that does not link", err)
	}
}

func TestBeforeHookAbortsTheImport(t *testing.T) {
	s := openStore(t)
	x, err := ReadExport(Request{Path: newOffice(t, "甲", 2).export("a.jsonl", audit.Filter{}), Source: "甲局"})
	if err != nil {
		t.Fatal(err)
	}
	boom := errors.New("local log unavailable")
	if _, err := s.Import(x, func(Result) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("err %v", err)
	}
	if got := count(t, s, audit.Filter{}); len(got) != 0 {
		t.Errorf("aborted import stored %v", got)
	}
}

func TestValidSourceName(t *testing.T) {
	for name, want := range map[string]bool{"甲局": true, "": false, " 甲": false, "a\nb": false, strings.Repeat("局", 101): false,
		"甲\u202e局": false, "甲\uffff": false, "甲\u009b": false, "甲\xff": false} {
		if ValidSourceName(name) != want {
			t.Errorf("ValidSourceName(%q) != %v", name, want)
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	l, err := audit.Open(filepath.Join(f.TempDir(), "audit.db"), audit.Options{Version: "test"})
	if err != nil {
		f.Fatal(err)
	}
	l.Append(audit.Event{Type: audit.TypeMark, DocID: "d", Attribute: "public", Details: map[string]string{"k": "v\n"}},
		audit.Event{Type: audit.TypeClean, Reason: "\"quoted\""})
	var buf bytes.Buffer
	audit.WriteJSONL(l, &buf, audit.Filter{})
	l.Close()
	for line := range bytes.Lines(buf.Bytes()) {
		f.Add(bytes.TrimSuffix(line, []byte("\n")))
	}
	f.Add([]byte(`{"seq":1}`))
	f.Add([]byte(`{"seq":1,"time":"2026-01-01T00:00:00Z","type":"mark","actor":{},"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000","hash":"00"}`))
	f.Fuzz(func(t *testing.T, rec []byte) {
		e, err := DecodeRecord(rec)
		if err != nil {
			return
		}
		if p, h, ok := tailHashes(rec); !ok || p != e.PrevHash || h != e.Hash {
			t.Errorf("decoded record's tail hashes disagree: %q %q %v", p, h, ok)
		}
	})
}
