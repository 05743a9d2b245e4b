package audit

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/docattr/docattr/internal/settings"
)

// recordCases are canonical records that exercise every optional part of
// the grammar: absent and present actor fields, escapes, findings, details
// with escaped keys, negative zones and fractions.
func recordCases(t testing.TB) [][]byte {
	t.Helper()
	es := []Event{
		goldenEvent,
		{Seq: 1, Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), Type: "", PrevHash: GenesisHash},
		{Seq: 2, Time: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC), TZOffset: -330, Type: "x",
			Actor: settings.Actor{OSUser: "u"}, PrevHash: GenesisHash},
		{Seq: 1 << 40, Time: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), Type: "\u2028\"", TZOffset: 1,
			Actor: settings.Actor{Name: "n", Machine: "\x1f"}, Acknowledged: "\\",
			Findings: []FindingRef{{}, {Kind: "k\n", Excerpt: "\r"}},
			Details:  map[string]string{"": "", "\"": "\t", "\\": "x", "a\x01": ""},
			PrevHash: GenesisHash},
		{Seq: 3, Time: time.Date(2025, 2, 28, 1, 2, 3, 4000, time.UTC), Type: "t",
			Actor: settings.Actor{Name: "a", OSUser: "b", Machine: "c"}, DocID: "d", File: "f", InputSHA256: "i",
			OutputSHA256: "o", Version: "v", Attribute: "a", PrevAttribute: "p", Secrecy: "s", PrevSecrecy: "q",
			Basis: "b", Reason: "r", PrevHash: GenesisHash},
	}
	var recs [][]byte
	for _, e := range es {
		rec, err := seal(nil, &e)
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, rec)
	}
	return recs
}

func TestScanRecordDecodesWhatTheJSONDecoderDid(t *testing.T) {
	for _, rec := range recordCases(t) {
		got, err := decodeRecord(rec)
		if err != nil {
			t.Fatalf("%s: %v", rec, err)
		}
		want, err := decodeRecordJSON(rec)
		if err != nil {
			t.Fatalf("reference: %s: %v", rec, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %#v\nwant %#v", rec, got, want)
		}
	}
}

func TestScanRecordRefusesNonCanonicalSpellings(t *testing.T) {
	rec := recordCases(t)[3]
	for _, tc := range []struct{ name, from, to string }{
		{"white space", `,"type":`, `, "type":`},
		{"escaped slash", `\\`, `\/`},
		{"upper-case hex escape", `\u001f`, `\u001F`},
		{"tab as \\u", `\t`, `\u0009`},
		{"leading zero seq", `{"seq":`, `{"seq":0`},
		{"zero tz", `"tz":1`, `"tz":0`},
		{"trailing fraction zero", `00000001Z`, `000000010Z`},
		{"zone offset", `Z"`, `+00:00"`},
		{"empty optional", `"acknowledged":"\\"`, `"acknowledged":""`},
		{"details out of order", `"\"":"\t","\\":"x"`, `"\\":"x","\"":"\t"`},
		{"duplicate details key", `"\"":"\t","\\":"x"`, `"\"":"\t","\"":"x"`},
		{"actor key order", `"name":"n","machine"`, `"machine":"\u001f","name":"n","x"`},
		{"trailing data", `"}`, `"} `},
	} {
		bad := bytes.Replace(rec, []byte(tc.from), []byte(tc.to), 1)
		if bytes.Equal(bad, rec) {
			t.Fatalf("%s: case does not apply to %s", tc.name, rec)
		}
		if _, err := decodeRecord(bad); err == nil {
			t.Errorf("%s: accepted %s", tc.name, bad)
		}
	}
}

// FuzzScanRecordAgreesWithJSON: the hand-written decoder accepts exactly
// the records the encoding/json one accepted, and decodes them alike.
func FuzzScanRecordAgreesWithJSON(f *testing.F) {
	for _, rec := range recordCases(f) {
		f.Add(rec)
	}
	f.Add([]byte(`{"seq":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeRecord(data)
		want, wantErr := decodeRecordJSON(data)
		if (err == nil) != (wantErr == nil) {
			t.Fatalf("%q: scanner says %v, encoding/json decoder says %v", data, err, wantErr)
		}
		if err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("%q:\n got %#v\nwant %#v", data, got, want)
		}
		if err == nil {
			checkView(t, data, &got)
		}
	})
}

// oldLog copies testdata/v1-before-scanner.db (below) into a temporary
// folder and returns the copy's path.
func oldLog(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/v1-before-scanner.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "audit.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// testdata/v1-before-scanner.db was written by the code of commit a425556
// (records decoded with encoding/json, bbolt's default fill factor): 300
// events of every shape the grammar has, appended 50 per transaction. The
// log must read, verify and take new events exactly as before.
func TestLogWrittenBeforeTheScannerStillVerifies(t *testing.T) {
	path := oldLog(t)
	l, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	r, err := l.Verify()
	if err != nil || !r.OK || r.Events != 300 {
		t.Fatalf("verify: %+v, %v", r, err)
	}
	// Every record decodes to what the old decoder made of it.
	err = l.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketEvents).ForEach(func(_, rec []byte) error {
			got, err := decodeRecord(rec)
			want, wantErr := decodeRecordJSON(rec)
			if err != nil || wantErr != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %v / %v", rec, err, wantErr)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	mustAppend(t, l, sample("after", settings.Actor{Name: "新"}, time.Now()))
	if r, err := l.Verify(); err != nil || !r.OK || r.Events != 301 {
		t.Fatalf("verify after append: %+v, %v", r, err)
	}
}

func TestOpenOfAnExistingLogWritesNothing(t *testing.T) {
	l := openTemp(t)
	mustAppend(t, l, sample("d", settings.Actor{Name: "a"}, time.Now()))
	path := l.Path()
	l.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	l2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	l2.Close()
	after, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// A committed transaction, even an empty one, rewrites a meta page.
	if !bytes.Equal(before, after) {
		t.Error("opening an existing log for writing changed the file")
	}
}
