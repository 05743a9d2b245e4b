package audit

import (
	"bytes"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/settings"
)

// sampleRecords are real stored records with every field, escapes,
// findings, details and a negative zone offset.
func sampleRecords(t testing.TB) [][]byte {
	l, err := Open(filepath.Join(t.TempDir(), "a.db"), Options{Version: "v"})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	_, err = l.Append(
		Event{Type: TypeMark, Actor: settings.Actor{Name: "张三"}, DocID: "d1"},
		Event{Type: TypeReviewReturn, Time: time.Date(2026, 1, 2, 3, 4, 5, 6, time.UTC), TZOffset: -300,
			Actor: settings.Actor{Name: "王\"五\"", OSUser: `dom\user`, Machine: "pc\t1"}, DocID: "d2", File: "a\nb.docx",
			InputSHA256: "x", OutputSHA256: "y", Attribute: "withheld", PrevAttribute: "public", Secrecy: "秘密★1年", PrevSecrecy: "内部",
			Basis: "条例第十四条", Reason: "理由\x01\x1f", Acknowledged: "已知悉",
			Findings: []FindingRef{{Kind: "id", Severity: "high", Excerpt: "110…", Location: "第1段"}, {Kind: "k"}},
			Details:  map[string]string{"b": "2", "a": "1", "中": "文\\"}},
	)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := l.Records(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out [][]byte
	for _, r := range recs {
		out = append(out, r.Bytes)
	}
	return out
}

func TestFastDecodeAgreesWithDecodeRecord(t *testing.T) {
	for _, rec := range sampleRecords(t) {
		fast, ok := fastDecode(rec)
		slow, err := decodeRecord(rec)
		if !ok || err != nil || !reflect.DeepEqual(fast, slow) {
			t.Errorf("%s:\nfast %v %+v\nslow %v %+v", rec, ok, fast, err, slow)
		}
		// Every single-byte change is refused by both.
		for i := range rec {
			bad := bytes.Clone(rec)
			bad[i] ^= 0x01
			if _, ok := fastDecode(bad); ok {
				t.Fatalf("fast path accepted a change at byte %d: %s", i, bad)
			}
			if _, err := DecodeRecord(bad); err == nil {
				t.Fatalf("DecodeRecord accepted a change at byte %d: %s", i, bad)
			}
		}
	}
}

func FuzzDecodeRecord(f *testing.F) {
	for _, rec := range sampleRecords(f) {
		f.Add(rec)
	}
	f.Fuzz(func(t *testing.T, rec []byte) {
		fast, ok := fastDecode(rec)
		slow, err := decodeRecord(rec)
		if ok && (err != nil || !reflect.DeepEqual(fast, slow)) {
			t.Fatalf("fast path accepted what decodeRecord does not: %v\n%+v\n%+v", err, fast, slow)
		}
	})
}
