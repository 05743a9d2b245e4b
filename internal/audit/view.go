package audit

import (
	"bytes"
	"time"
)

// View is one checked record of the log read in place: its fields are read
// from the stored bytes when asked, and nothing is decoded that is not
// asked for. A count over a million events (internal/stats) reads a handful
// of fields of each; building whole Events (every string copied, a map of
// details) was most of its time and memory.
//
// A View, and every slice its methods return, is valid only during the call
// of the function it is passed to: the bytes are reused for later records.
// Copy what you keep (string(b) does).
type View struct {
	rec     []byte
	v       *recordView
	scratch []byte // unescaped copies of fields that hold escapes
}

// ViewTypes is ListTypes with each event passed as a View instead of a
// decoded Event. Every record is read and checked as by ListTypes (an
// altered event of any type stops it with ErrTampered).
func (l *Log) ViewTypes(f Filter, types []string, fn func(*View) error) error {
	var view View
	return l.scanMatches(f, modeView, types, func(m *match) error {
		view = View{rec: m.rec, v: &m.v, scratch: view.scratch[:0]}
		return fn(&view)
	})
}

// Seq is the event's sequence number.
func (w *View) Seq() uint64 { return w.v.seq }

// Time is the event time in UTC.
func (w *View) Time() time.Time { return w.v.time }

// TZOffset is the local UTC offset in minutes when the event happened.
func (w *View) TZOffset() int { return w.v.tz }

// field returns the unescaped contents of the string field at sp (nil when
// absent).
func (w *View) field(sp span) []byte {
	raw := sp.of(w.rec)
	if bytes.IndexByte(raw, '\\') < 0 {
		return raw
	}
	start := len(w.scratch)
	w.scratch = unescape(w.scratch, raw)
	return w.scratch[start:len(w.scratch):len(w.scratch)]
}

// Type is Event.Type.
func (w *View) Type() []byte { return w.field(w.v.str[fType]) }

// DocID is Event.DocID.
func (w *View) DocID() []byte { return w.field(w.v.str[fDocID]) }

// File is Event.File.
func (w *View) File() []byte { return w.field(w.v.str[fFile]) }

// InputSHA256 is Event.InputSHA256.
func (w *View) InputSHA256() []byte { return w.field(w.v.str[fInputSHA256]) }

// ActorName is Event.Actor.Name.
func (w *View) ActorName() []byte { return w.field(w.v.str[fActorName]) }

// Attribute is Event.Attribute.
func (w *View) Attribute() []byte { return w.field(w.v.str[fAttribute]) }

// Basis is Event.Basis.
func (w *View) Basis() []byte { return w.field(w.v.str[fBasis]) }

// Secrecy is Event.Secrecy.
func (w *View) Secrecy() []byte { return w.field(w.v.str[fSecrecy]) }

// Hash is Event.Hash: 64 lower-case hex digits.
func (w *View) Hash() []byte { return w.v.hashHex(w.rec) }

// Detail returns Event.Details[key] and whether the event has that detail.
func (w *View) Detail(key string) ([]byte, bool) {
	var out []byte
	found := false
	w.EachDetail(func(k, v []byte) bool {
		if string(k) == key {
			out, found = v, true
		}
		return !found && string(k) < key // keys are stored sorted
	})
	return out, found
}

// EachDetail calls fn with each detail of the event, in the stored (byte)
// order of the keys, until fn returns false. Both slices are unescaped and
// valid as View's are.
func (w *View) EachDetail(fn func(key, value []byte) bool) {
	d := w.v.details
	for i := d.a; i < d.b; {
		if w.rec[i] == ',' {
			i++
		}
		k := storedStr(w.rec, i)
		v := storedStr(w.rec, k.b+2) // past `":`
		if !fn(w.field(k), w.field(v)) {
			return
		}
		i = v.b + 1
	}
}

// storedStr returns the span of the contents of the string whose opening
// quote is rec[i], in a record scanRecord accepted: the first quote after
// it that no backslash escapes ends it.
func storedStr(rec []byte, i int) span {
	start := i + 1
	for j := start; ; {
		q := bytes.IndexByte(rec[j:], '"') + j
		n := 0
		for n < q-start && rec[q-1-n] == '\\' {
			n++
		}
		if n%2 == 0 {
			return span{start, q}
		}
		j = q + 1
	}
}

// matchView is Filter.match on a View.
func (f Filter) matchView(w *View) bool {
	from, to := f.bounds()
	t := w.Time()
	return (f.Actor == "" || string(w.ActorName()) == f.Actor) &&
		(f.DocID == "" || string(w.DocID()) == f.DocID) &&
		(f.Attribute == "" || string(w.Attribute()) == f.Attribute) &&
		(f.Type == "" || string(w.Type()) == f.Type) &&
		(from.IsZero() || !t.Before(from)) &&
		(to.IsZero() || t.Before(to))
}
