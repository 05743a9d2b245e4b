package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"
	"unicode/utf8"
)

// This file reads stored records without encoding/json: scanRecord walks the
// bytes once along the grammar appendBody writes and accepts exactly the
// records appendBody can produce, so the canonical check needs no second
// encoding, and the hash is taken over the stored bytes themselves. Verify
// looks at the few fields it checks; decodeRecord builds a whole Event.

// Indexes of recordView.str, in the order the canonical encoding writes them.
const (
	fType = iota
	fActorName
	fActorOSUser
	fActorMachine
	fDocID
	fFile
	fInputSHA256
	fOutputSHA256
	fVersion
	fAttribute
	fPrevAttribute
	fSecrecy
	fPrevSecrecy
	fBasis
	fReason
	fAcknowledged
	nFields
)

// optionalKeys are the keys of fDocID..fAcknowledged as they appear in a
// record, comma included.
var optionalKeys = [...]string{
	`,"doc_id":`, `,"file":`, `,"input_sha256":`, `,"output_sha256":`, `,"version":`,
	`,"attribute":`, `,"prev_attribute":`, `,"secrecy":`, `,"prev_secrecy":`,
	`,"basis":`, `,"reason":`, `,"acknowledged":`,
}

// actorKeys are the keys of the actor object: first without a comma, then
// after one.
var actorKeys = [2][3]string{
	{`"name":`, `"os_user":`, `"machine":`},
	{`,"name":`, `,"os_user":`, `,"machine":`},
}

// findingKeys follow the kind in every finding object.
var findingKeys = [...]string{`,"severity":`, `,"excerpt":`, `,"location":`}

// span is rec[a:b]; for a string field, its contents between the quotes,
// still escaped. The zero span is an absent field.
type span struct{ a, b int }

func (s span) of(rec []byte) []byte { return rec[s.a:s.b] }

// recordView is a stored record found canonical, with the places of its
// fields. It refers to the record's bytes by offset and holds no memory.
type recordView struct {
	seq      uint64
	time     time.Time
	tz       int
	str      [nFields]span
	findings span // between [ and ]
	details  span // between { and }
	bodyEnd  int  // where `,"hash":` starts
}

// scanRecord checks that rec is byte for byte a canonical record and returns
// where its fields are. It does not check the hash (checkHash does).
func scanRecord(rec []byte) (recordView, error) {
	var v recordView
	if !utf8.Valid(rec) {
		return v, fmt.Errorf("record is not valid UTF-8")
	}
	r := reader{b: rec}
	var ok bool
	if !r.lit(`{"seq":`) {
		return v, errNotCanonical
	}
	if v.seq, ok = r.uint(); !ok || !r.lit(`,"time":`) {
		return v, errNotCanonical
	}
	t, ok := r.str()
	if !ok {
		return v, errNotCanonical
	}
	if v.time, ok = parseCanonicalTime(t.of(rec)); !ok {
		return v, fmt.Errorf("record time %q is not canonical", t.of(rec))
	}
	if r.lit(`,"tz":`) {
		if v.tz, ok = r.int(); !ok || v.tz == 0 {
			return v, errNotCanonical
		}
	}
	if !r.lit(`,"type":`) {
		return v, errNotCanonical
	}
	if v.str[fType], ok = r.str(); !ok || !r.lit(`,"actor":{`) {
		return v, errNotCanonical
	}
	comma := 0
	for i := range 3 {
		if !r.lit(actorKeys[comma][i]) {
			continue
		}
		s, ok := r.str()
		if !ok || s.a == s.b {
			return v, errNotCanonical
		}
		v.str[fActorName+i], comma = s, 1
	}
	if !r.lit("}") {
		return v, errNotCanonical
	}
	for i, k := range optionalKeys {
		if !r.lit(k) {
			continue
		}
		s, ok := r.str()
		if !ok || s.a == s.b {
			return v, errNotCanonical
		}
		v.str[fDocID+i] = s
	}
	if r.lit(`,"findings":[`) {
		if v.findings, ok = r.findings(); !ok {
			return v, errNotCanonical
		}
	}
	if r.lit(`,"details":{`) {
		if v.details, ok = r.details(); !ok {
			return v, errNotCanonical
		}
	}
	if !r.lit(`,"prev_hash":`) {
		return v, errNotCanonical
	}
	ph, ok := r.str()
	if !ok {
		return v, errNotCanonical
	}
	if !isHash(ph.of(rec)) {
		return v, fmt.Errorf("record prev_hash: %q: want 64 lower-case hex digits", ph.of(rec))
	}
	v.bodyEnd = r.i
	if !r.lit(`,"hash":"`) || len(rec)-r.i != 64+2 {
		return v, errNotCanonical
	}
	if r.i += 64; !r.lit(`"}`) {
		return v, errNotCanonical
	}
	return v, nil
}

// checkHash recomputes the hash of the record v was scanned from over its
// stored bytes, with prev as the previous hash, compares it with the stored
// one, and returns it.
func (v *recordView) checkHash(rec []byte, prev [32]byte) ([32]byte, error) {
	h := sha256.New()
	h.Write([]byte(hashDomain))
	h.Write(rec[:v.bodyEnd])
	h.Write([]byte{'}'})
	h.Write(prev[:])
	var sum [32]byte
	h.Sum(sum[:0])
	var hexSum [64]byte
	hex.Encode(hexSum[:], sum[:])
	if stored := v.hashHex(rec); !bytes.Equal(hexSum[:], stored) {
		got := string(hexSum[:16]) // a copy: hexSum itself stays on the stack
		return sum, fmt.Errorf("hash mismatch: stored %.16s…, contents give %s…", stored, got)
	}
	return sum, nil
}

// prevHashHex is the stored prev_hash, the last field of the body.
func (v *recordView) prevHashHex(rec []byte) []byte { return rec[v.bodyEnd-65 : v.bodyEnd-1] }

// hashHex is the stored hash, which follows the body.
func (v *recordView) hashHex(rec []byte) []byte { return rec[v.bodyEnd+9 : v.bodyEnd+73] }

// decodeRecord parses a stored record and checks that it is canonical and
// that its hash matches its contents and its PrevHash. The returned event
// shares no memory with rec. Any error means the record was altered.
func decodeRecord(rec []byte) (Event, error) {
	v, err := checkRecord(rec)
	if err != nil {
		return Event{}, err
	}
	return v.event(rec), nil
}

// checkRecord is decodeRecord without building the Event: the record's
// view once it is found canonical and its hash matches.
func checkRecord(rec []byte) (recordView, error) {
	v, err := scanRecord(rec)
	if err != nil {
		return v, err
	}
	var prev [32]byte
	hex.Decode(prev[:], v.prevHashHex(rec)) // scanRecord checked the digits
	_, err = v.checkHash(rec, prev)
	return v, err
}

// typeIn reports whether the record's type is one of types.
func (v *recordView) typeIn(rec []byte, types []string) bool {
	raw := v.str[fType].of(rec)
	if bytes.IndexByte(raw, '\\') >= 0 {
		raw = unescape(nil, raw)
	}
	for _, t := range types {
		if string(raw) == t {
			return true
		}
	}
	return false
}

// event builds the Event v describes. Its strings share one copy of rec
// (one allocation instead of one per field) unless they hold escapes.
func (v *recordView) event(rec []byte) Event {
	all := string(rec)
	s := func(sp span) string {
		raw := sp.of(rec)
		if bytes.IndexByte(raw, '\\') < 0 {
			return all[sp.a:sp.b]
		}
		return string(unescape(nil, raw))
	}
	e := Event{
		Seq: v.seq, Time: v.time, TZOffset: v.tz, Type: s(v.str[fType]),
		DocID: s(v.str[fDocID]), File: s(v.str[fFile]),
		InputSHA256: s(v.str[fInputSHA256]), OutputSHA256: s(v.str[fOutputSHA256]),
		Version: s(v.str[fVersion]), Attribute: s(v.str[fAttribute]), PrevAttribute: s(v.str[fPrevAttribute]),
		Secrecy: s(v.str[fSecrecy]), PrevSecrecy: s(v.str[fPrevSecrecy]),
		Basis: s(v.str[fBasis]), Reason: s(v.str[fReason]), Acknowledged: s(v.str[fAcknowledged]),
		// prev_hash is the last field of the body and hash follows it.
		PrevHash: all[v.bodyEnd-65 : v.bodyEnd-1], Hash: all[v.bodyEnd+9 : v.bodyEnd+73],
	}
	e.Actor.Name, e.Actor.OSUser, e.Actor.Machine = s(v.str[fActorName]), s(v.str[fActorOSUser]), s(v.str[fActorMachine])
	if v.findings != (span{}) {
		r := reader{b: rec, i: v.findings.a}
		for r.i < v.findings.b {
			r.lit(",")
			r.lit(`{"kind":`)
			k, _ := r.str()
			r.lit(`,"severity":`)
			sev, _ := r.str()
			r.lit(`,"excerpt":`)
			ex, _ := r.str()
			r.lit(`,"location":`)
			loc, _ := r.str()
			r.lit("}")
			e.Findings = append(e.Findings, FindingRef{Kind: s(k), Severity: s(sev), Excerpt: s(ex), Location: s(loc)})
		}
	}
	if v.details != (span{}) {
		e.Details = map[string]string{}
		r := reader{b: rec, i: v.details.a}
		for r.i < v.details.b {
			r.lit(",")
			k, _ := r.str()
			r.lit(":")
			val, _ := r.str()
			e.Details[s(k)] = s(val)
		}
	}
	return e
}

// indexed returns an Event with only the fields indexEntries reads (seq,
// time, doc id, actor name, input hash): what Verify needs to check the indexes.
func (v *recordView) indexed(rec []byte) Event {
	e := Event{Seq: v.seq, Time: v.time}
	var buf [128]byte
	if sp := v.str[fDocID]; sp != (span{}) {
		e.DocID = string(unescape(buf[:0], sp.of(rec)))
	}
	if sp := v.str[fActorName]; sp != (span{}) {
		e.Actor.Name = string(unescape(buf[:0], sp.of(rec)))
	}
	if sp := v.str[fInputSHA256]; isHash(sp.of(rec)) { // only hashes are indexed
		e.InputSHA256 = string(sp.of(rec))
	}
	return e
}
