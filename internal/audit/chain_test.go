package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/settings"
)

// goldenEvent and goldenBody pin the documented canonical encoding: a change
// to either breaks every existing log and must come with a new format
// version.
var goldenEvent = Event{
	Seq: 7, Time: time.Date(2025, 3, 9, 2, 30, 0, 120000000, time.UTC), TZOffset: 480,
	Type:  TypeMark,
	Actor: settings.Actor{Name: "张三", Machine: "PC-01"},
	DocID: "国办发〔2025〕1号", File: "a\"b\\c\n\t\x01.docx", Version: "0.1.0",
	Attribute: "withheld", Basis: "第十六条第二款", Reason: "过程性信息 <内部> & 草稿",
	Findings: []FindingRef{{Kind: "idcard", Severity: "high", Excerpt: "1101", Location: ""}},
	Details:  map[string]string{"z": "1", "a": "2", "中": "3"},
	PrevHash: "0101010101010101010101010101010101010101010101010101010101010101",
}

const goldenBody = `{"seq":7,"time":"2025-03-09T02:30:00.12Z","tz":480,"type":"mark","actor":{"name":"张三","machine":"PC-01"},` +
	`"doc_id":"国办发〔2025〕1号","file":"a\"b\\c\n\t\u0001.docx","version":"0.1.0","attribute":"withheld",` +
	`"basis":"第十六条第二款","reason":"过程性信息 <内部> & 草稿",` +
	`"findings":[{"kind":"idcard","severity":"high","excerpt":"1101","location":""}],` +
	`"details":{"a":"2","z":"1","中":"3"},"prev_hash":"0101010101010101010101010101010101010101010101010101010101010101"}`

func TestCanonicalEncodingMatchesTheDocumentedFormat(t *testing.T) {
	e := goldenEvent
	rec, err := seal(nil, &e)
	if err != nil {
		t.Fatal(err)
	}
	// The hash, computed here from the documented recipe, not by the code
	// under test.
	prev := bytes.Repeat([]byte{1}, 32)
	sum := sha256.Sum256(append(append([]byte("docattr-audit-v1\x00"), goldenBody...), prev...))
	wantHash := hex.EncodeToString(sum[:])
	if e.Hash != wantHash {
		t.Errorf("hash = %s, want %s", e.Hash, wantHash)
	}
	wantRec := goldenBody[:len(goldenBody)-1] + `,"hash":"` + wantHash + `"}`
	if string(rec) != wantRec {
		t.Errorf("record:\n got %s\nwant %s", rec, wantRec)
	}
	if !json.Valid(rec) {
		t.Error("record is not valid JSON")
	}
}

func TestDecodeRecordRoundTrips(t *testing.T) {
	e := goldenEvent
	rec, err := seal(nil, &e)
	if err != nil {
		t.Fatal(err)
	}
	got, err := decodeRecord(rec)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := seal(nil, &got)
	if !bytes.Equal(again, rec) || got.Hash != e.Hash || got.Actor != e.Actor || got.Details["中"] != "3" {
		t.Fatalf("round trip changed the event:\n%s\n%s", rec, again)
	}
}

func TestDecodeRecordRejectsEveryNonCanonicalVariant(t *testing.T) {
	e := goldenEvent
	rec, _ := seal(nil, &e)
	s := string(rec)
	replace := func(old, new string) string { return string(bytes.Replace([]byte(s), []byte(old), []byte(new), 1)) }
	tests := map[string]string{
		"white space":          replace(`"seq":7,`, `"seq": 7,`),
		"escaped letter":       replace(`"mark"`, `"m\u0061rk"`),
		"time in other zone":   replace(`2025-03-09T02:30:00.12Z`, `2025-03-09T10:30:00.12+08:00`),
		"empty field present":  replace(`"version"`, `"secrecy":"","version"`),
		"field case":           replace(`"doc_id"`, `"Doc_id"`),
		"unknown field":        replace(`"version"`, `"extra":"x","version"`),
		"details order":        replace(`"a":"2","z":"1"`, `"z":"1","a":"2"`),
		"changed value":        replace(`withheld`, `public!!`),
		"upper-case hash":      replace(`"prev_hash":"01`, `"prev_hash":"0A`),
		"trailing data":        s + "{}",
		"findings empty array": replace(`"findings":[{"kind":"idcard","severity":"high","excerpt":"1101","location":""}],`, `"findings":[],`),
	}
	for name, bad := range tests {
		if _, err := decodeRecord([]byte(bad)); err == nil {
			t.Errorf("%s: decodeRecord accepted %s", name, bad)
		}
	}
}

func TestEveryFlippedByteIsDetected(t *testing.T) {
	e := goldenEvent
	rec, _ := seal(nil, &e)
	for i := range rec {
		for _, mask := range []byte{0x01, 0x20, 0x80} {
			bad := bytes.Clone(rec)
			bad[i] ^= mask
			if _, err := decodeRecord(bad); err == nil {
				t.Fatalf("flipping bit %#x of byte %d (%q) went unnoticed", mask, i, rec[i])
			}
		}
	}
}

// FuzzDecodeEvent: decodeRecord never panics, and whatever it accepts
// re-encodes to exactly the input with a matching hash.
func FuzzDecodeEvent(f *testing.F) {
	e := goldenEvent
	rec, _ := seal(nil, &e)
	f.Add(rec)
	f.Add([]byte(`{"seq":1}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := decodeRecord(data)
		if err != nil {
			return
		}
		again, err := seal(nil, &got)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted a record that does not re-encode to itself:\n%q\n%q", data, again)
		}
	})
}
