// Package decision folds the audit events of one document into what was
// decided about it: the signer's decision (its latest review.sign event)
// when it was signed, else its latest mark, and the draft that decision
// stands on (the latest mark at or before the signature, else the latest
// mark). internal/stats, internal/catalog and internal/due all read
// documents through this one fold, so they cannot disagree about which
// event decides a document.
//
// Events are ordered by time, then source, then seq (Later), never by the
// order they were added, so pooling several logs gives the same outcome in
// any order. Of each audit event only what those readers use is kept (Keep),
// with repeated strings shared, so that a year of a million-event log fits
// in little memory.
package decision

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unique"

	"github.com/docattr/docattr/internal/audit"
)

// KeptDetails are the event details the readers of a fold use; Keep drops
// every other detail.
var KeptDetails = []string{
	"issue_date", "doc_type", "doc_number", "title", "topic", "via", // marks: the draft's fields
	"policy_doc", "secrecy_until", // marks: what falls due
	"state", "date", "url", // lifecycle events
}

// Event is what a fold keeps of an audit event. Its type is the list of
// Doc that holds it.
type Event struct {
	Source    string // the unit whose log holds the event
	Seq       uint64
	Time      time.Time // UTC
	TZOffset  int       // minutes east of UTC where it happened
	Hash      Hash      // kept only with KeepHash (stats: to drop unpublished events)
	File      string    // kept only with KeepFile (due: to name the file)
	Actor     string    // Actor.Name
	Attribute string
	Basis     string
	Secrecy   string
	Details   map[string]string // only KeptDetails; nil when none
}

// LocalTime returns the event time in the zone it happened in.
func (e *Event) LocalTime() time.Time {
	return e.Time.In(time.FixedZone("", e.TZOffset*60))
}

// Fields are the optional fields Keep copies.
type Fields uint8

// The optional fields.
const (
	KeepHash Fields = 1 << iota
	KeepFile
)

// Keep returns what a fold keeps of e from source. Strings that repeat
// across events (names, attributes, bases, detail values) are shared; the
// others are copied, so nothing refers to e's memory. Hash and File are
// kept only when opt asks for them: they are the largest fields and unique
// to each event.
func Keep(source string, e *audit.Event, opt Fields) Event {
	k := Event{
		Source: intern(source), Seq: e.Seq, Time: e.Time, TZOffset: e.TZOffset,
		Actor: intern(e.Actor.Name), Attribute: intern(e.Attribute),
		Basis: intern(e.Basis), Secrecy: intern(e.Secrecy),
	}
	if opt&KeepHash != 0 {
		k.Hash = HashOf(e.Hash)
	}
	if opt&KeepFile != 0 {
		k.File = strings.Clone(e.File)
	}
	for _, key := range KeptDetails {
		if v, ok := e.Details[key]; ok {
			if k.Details == nil {
				k.Details = make(map[string]string, 2)
			}
			k.Details[intern(key)] = intern(v)
		}
	}
	return k
}

// Hash identifies an event by its audit hash in 32 bytes instead of 64
// hex digits (HashOf).
type Hash [32]byte

// HashOf returns the Hash of an audit hash: its bytes when it is 64
// lower-case hex digits (as every hash the log writes), else a SHA-256 of
// the text, so that equal texts, and only those, give equal Hashes.
func HashOf(h string) Hash {
	var out Hash
	if len(h) == 64 && strings.ToLower(h) == h {
		if _, err := hex.Decode(out[:], []byte(h)); err == nil {
			return out
		}
	}
	return sha256.Sum256([]byte("docattr-decision-odd-hash\x00" + h))
}

// intern returns the one shared copy of s.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// Later reports whether a happened after b: by time, then source, then seq.
func Later(a, b *Event) bool {
	return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.Source, b.Source), cmp.Compare(a.Seq, b.Seq)) > 0
}

// Doc collects one document's events.
type Doc struct {
	Marks     []Event
	Signs     []Event
	Lifecycle []Event
}

// Add keeps (Keep) what the fold needs of e from source, filed by e's
// type; events other than marks, signatures and lifecycle changes are
// ignored.
func (d *Doc) Add(source string, e *audit.Event, opt Fields) {
	var list *[]Event
	switch e.Type {
	case audit.TypeMark:
		list = &d.Marks
	case audit.TypeReviewSign:
		list = &d.Signs
	case audit.TypeLifecycle:
		list = &d.Lifecycle
	default:
		return
	}
	*list = append(*list, Keep(source, e, opt))
}

// Outcome is a document's folded decision. The pointers point into the Doc.
type Outcome struct {
	Decision *Event // the latest signature, else the latest mark; nil when neither
	Mark     *Event // the latest mark; nil when none
	Draft    *Event // the latest mark at or before the signature, else Mark
	Signed   bool
}

// Fold returns d's outcome, leaving out the events skip reports (nil skips
// none: stats skips events whose output was never published).
func (d *Doc) Fold(skip func(*Event) bool) Outcome {
	var o Outcome
	o.Mark = latest(d.Marks, skip, nil)
	o.Draft, o.Decision = o.Mark, o.Mark
	if s := latest(d.Signs, skip, nil); s != nil {
		o.Decision, o.Signed = s, true
		if m := latest(d.Marks, skip, &s.Time); m != nil {
			o.Draft = m
		}
	}
	return o
}

// latest returns the latest event of list not skipped and, when atOrBefore
// is set, not after it.
func latest(list []Event, skip func(*Event) bool, atOrBefore *time.Time) *Event {
	var best *Event
	for i := range list {
		n := &list[i]
		if skip != nil && skip(n) || atOrBefore != nil && n.Time.After(*atOrBefore) {
			continue
		}
		if best == nil || Later(n, best) {
			best = n
		}
	}
	return best
}
