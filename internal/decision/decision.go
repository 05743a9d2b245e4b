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
	"hash/maphash"
	"slices"
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

// Types are the event types a fold reads (Doc.Add ignores the others):
// readers of a log ask for these alone (audit.Log.ListTypes).
var Types = []string{audit.TypeMark, audit.TypeReviewSign, audit.TypeLifecycle}

// Event is what a fold keeps of an audit event. Its type is the list of
// Doc that holds it. It is small (48 bytes, no strings of its own) because
// a year's count holds every mark of every document.
type Event struct {
	labels unique.Handle[Labels]
	extra  *extra // its KeptDetails and File; nil when it has neither
	Seq    uint64
	sec    int64 // Unix seconds of the event time
	nsec   int32
	tz     int32 // minutes east of UTC where it happened
	Hash   Hash  // kept only with KeepHash (stats: to drop unpublished events)
}

// extra is what an event keeps beyond its labels; events read by one
// Keeper share equal extras.
type extra struct {
	details []detail // the KeptDetails it has
	file    string
}

type detail struct{ key, value string }

// Detail returns the event's detail key when it is one of KeptDetails,
// else "".
func (e *Event) Detail(key string) string {
	if e.extra != nil {
		for _, d := range e.extra.details {
			if d.key == key {
				return d.value
			}
		}
	}
	return ""
}

// File is the event's file, kept only with KeepFile (due: to name the file).
func (e *Event) File() string {
	if e.extra == nil {
		return ""
	}
	return e.extra.file
}

// Labels are the fields of an event that take few values; events with the
// same ones share one copy.
type Labels struct {
	Source    string // the unit whose log holds the event
	Actor     string // Actor.Name
	Attribute string
	Basis     string
	Secrecy   string
}

// Source is the unit whose log holds the event.
func (e *Event) Source() string { return e.labels.Value().Source }

// Actor is the name of who acted.
func (e *Event) Actor() string { return e.labels.Value().Actor }

// Attribute is the disclosure attribute the event records.
func (e *Event) Attribute() string { return e.labels.Value().Attribute }

// Basis is the legal basis the event records.
func (e *Event) Basis() string { return e.labels.Value().Basis }

// Secrecy is the secrecy level the event records.
func (e *Event) Secrecy() string { return e.labels.Value().Secrecy }

// Time is the event time in UTC.
func (e *Event) Time() time.Time { return time.Unix(e.sec, int64(e.nsec)).UTC() }

// LocalTime returns the event time in the zone it happened in.
func (e *Event) LocalTime() time.Time {
	return time.Unix(e.sec, int64(e.nsec)).In(audit.Zone(int(e.tz)))
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
		labels: unique.Make(Labels{Source: source, Actor: e.Actor.Name, Attribute: e.Attribute, Basis: e.Basis, Secrecy: e.Secrecy}),
		Seq:    e.Seq, sec: e.Time.Unix(), nsec: int32(e.Time.Nanosecond()), tz: int32(e.TZOffset),
	}
	if opt&KeepHash != 0 {
		k.Hash = HashOf(e.Hash)
	}
	var x extra
	if opt&KeepFile != 0 {
		x.file = strings.Clone(e.File)
	}
	for _, key := range KeptDetails {
		if v, ok := e.Details[key]; ok {
			x.details = append(x.details, detail{key, intern(v)})
		}
	}
	if x.file != "" || x.details != nil {
		k.extra = &x
	}
	return k
}

// Hash identifies an event by its audit hash in 8 bytes instead of 64 hex
// digits (HashOf): a year's count keeps one for each of a million events to
// leave out those a publish.failed event names.
type Hash uint64

// hashSeed is drawn afresh for every process, like the seeds of the index
// fingerprints audit.Verify compares: no text written into a log can be
// made to collide with another on purpose.
var hashSeed = maphash.MakeSeed()

// HashOf returns the Hash of an audit hash (any text): equal texts give
// equal Hashes, and two different texts collide by chance with a
// probability near 2⁻⁶⁴.
func HashOf(h string) Hash { return Hash(maphash.String(hashSeed, h)) }

// hashOfBytes is HashOf(string(h)) without the copy.
func hashOfBytes(h []byte) Hash { return Hash(maphash.Bytes(hashSeed, h)) }

// intern returns the one shared copy of s.
func intern(s string) string {
	if s == "" {
		return ""
	}
	return unique.Make(s).Value()
}

// Later reports whether a happened after b: by time, then source, then seq.
func Later(a, b *Event) bool {
	if c := cmp.Or(cmp.Compare(a.sec, b.sec), cmp.Compare(a.nsec, b.nsec)); c != 0 {
		return c > 0
	}
	return cmp.Or(cmp.Compare(a.Source(), b.Source()), cmp.Compare(a.Seq, b.Seq)) > 0
}

// after reports whether a's time is after b's.
func after(a, b *Event) bool { return a.sec > b.sec || a.sec == b.sec && a.nsec > b.nsec }

// Doc collects one document's events: its marks, then its signatures,
// then its lifecycle events, in one slice (a third of a million documents
// are counted at a time: one slice each, not three).
type Doc struct {
	events       []Event
	marks, signs int32
}

// Marks are the document's marks.
func (d *Doc) Marks() []Event { return d.events[:d.marks] }

// Signs are the document's signatures (review.sign).
func (d *Doc) Signs() []Event { return d.events[d.marks : d.marks+d.signs] }

// Lifecycle are the document's lifecycle events.
func (d *Doc) Lifecycle() []Event { return d.events[d.marks+d.signs:] }

// Add keeps (Keep) what the fold needs of e from source, filed by e's
// type; events other than marks, signatures and lifecycle changes are
// ignored.
func (d *Doc) Add(source string, e *audit.Event, opt Fields) {
	if t := typeOf(e.Type); t != other {
		d.file(t, Keep(source, e, opt))
	}
}

// The lists of a Doc.
const (
	other = iota
	mark
	sign
	lifecycle
)

func typeOf(t string) int {
	switch t {
	case audit.TypeMark:
		return mark
	case audit.TypeReviewSign:
		return sign
	case audit.TypeLifecycle:
		return lifecycle
	}
	return other
}

// file adds n to list t.
func (d *Doc) file(t int, n Event) {
	if len(d.events) == cap(d.events) {
		// Most documents have one to three events: room for one more at a
		// time up to four, then twice as much (appending would leave a
		// third of the memory unused).
		c := len(d.events) + 1
		if c > 4 {
			c = 2 * len(d.events)
		}
		d.events = append(make([]Event, 0, c), d.events...)
	}
	switch t {
	case mark:
		d.events = slices.Insert(d.events, int(d.marks), n)
		d.marks++
	case sign:
		d.events = slices.Insert(d.events, int(d.marks+d.signs), n)
		d.signs++
	default:
		d.events = append(d.events, n)
	}
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
	o.Mark = latest(d.Marks(), skip, nil)
	o.Draft, o.Decision = o.Mark, o.Mark
	if s := latest(d.Signs(), skip, nil); s != nil {
		o.Decision, o.Signed = s, true
		if m := latest(d.Marks(), skip, s); m != nil {
			o.Draft = m
		}
	}
	return o
}

// latest returns the latest event of list not skipped and, when atOrBefore
// is set, not after its time.
func latest(list []Event, skip func(*Event) bool, atOrBefore *Event) *Event {
	var best *Event
	for i := range list {
		n := &list[i]
		if skip != nil && skip(n) || atOrBefore != nil && after(n, atOrBefore) {
			continue
		}
		if best == nil || Later(n, best) {
			best = n
		}
	}
	return best
}
