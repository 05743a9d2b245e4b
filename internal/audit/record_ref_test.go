package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"
)

// wireEvent and decodeRecordJSON are the reflection-based decoder the log
// used before record.go: kept as the reference that scanRecord must agree
// with (FuzzScanRecordAgreesWithJSON).
type wireEvent struct {
	Seq   uint64 `json:"seq"`
	Time  string `json:"time"`
	TZ    int    `json:"tz"`
	Type  string `json:"type"`
	Actor struct {
		Name    string `json:"name"`
		OSUser  string `json:"os_user"`
		Machine string `json:"machine"`
	} `json:"actor"`
	DocID         string            `json:"doc_id"`
	File          string            `json:"file"`
	InputSHA256   string            `json:"input_sha256"`
	OutputSHA256  string            `json:"output_sha256"`
	Version       string            `json:"version"`
	Attribute     string            `json:"attribute"`
	PrevAttribute string            `json:"prev_attribute"`
	Secrecy       string            `json:"secrecy"`
	PrevSecrecy   string            `json:"prev_secrecy"`
	Basis         string            `json:"basis"`
	Reason        string            `json:"reason"`
	Acknowledged  string            `json:"acknowledged"`
	Findings      []FindingRef      `json:"findings"`
	Details       map[string]string `json:"details"`
	PrevHash      string            `json:"prev_hash"`
	Hash          string            `json:"hash"`
}

// decodeRecordJSON parses a stored record and checks that it is canonical and
// that its hash matches its contents and its PrevHash. The returned event
// shares no memory with rec. Any error means the record was altered.
func decodeRecordJSON(rec []byte) (Event, error) {
	if !utf8.Valid(rec) {
		return Event{}, errors.New("record is not valid UTF-8")
	}
	// Unknown fields, duplicate keys, other spellings and trailing data all
	// decode "successfully" here and are caught by the byte comparison below.
	var w wireEvent
	if err := json.Unmarshal(rec, &w); err != nil {
		return Event{}, fmt.Errorf("record does not decode: %w", err)
	}
	t, err := time.Parse(time.RFC3339Nano, w.Time)
	if err != nil {
		return Event{}, fmt.Errorf("record time: %w", err)
	}
	e := Event{
		Seq: w.Seq, Time: t.UTC(), TZOffset: w.TZ, Type: w.Type,
		DocID: w.DocID, File: w.File, InputSHA256: w.InputSHA256, OutputSHA256: w.OutputSHA256,
		Version: w.Version, Attribute: w.Attribute, PrevAttribute: w.PrevAttribute,
		Secrecy: w.Secrecy, PrevSecrecy: w.PrevSecrecy, Basis: w.Basis, Reason: w.Reason,
		Acknowledged: w.Acknowledged, Findings: w.Findings, Details: w.Details,
		PrevHash: w.PrevHash,
	}
	e.Actor.Name, e.Actor.OSUser, e.Actor.Machine = w.Actor.Name, w.Actor.OSUser, w.Actor.Machine
	want := w.Hash
	again, err := seal(make([]byte, 0, len(rec)), &e)
	if err != nil {
		return Event{}, fmt.Errorf("record prev_hash: %w", err)
	}
	if !bytes.Equal(again, rec) {
		if e.Hash != want {
			return Event{}, fmt.Errorf("hash mismatch: stored %.16s…, contents give %.16s…", want, e.Hash)
		}
		return Event{}, errNotCanonical
	}
	return e, nil
}
