package decision

import (
	"encoding/hex"
	"slices"
	"unique"

	"github.com/docattr/docattr/internal/audit"
)

// Keeper keeps events read in place (audit.View) without a string
// allocation per field: the few values a log repeats (names, attributes,
// bases, detail values) are looked up by their bytes in a table of the
// strings already seen. A reader of a log holds one Keeper for the whole
// read. It is not safe for concurrent use.
type Keeper struct {
	seen map[string]string
}

// str returns b as a string, shared with every earlier equal b.
func (k *Keeper) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if s, ok := k.seen[string(b)]; ok {
		return s
	}
	if k.seen == nil {
		k.seen = map[string]string{}
	}
	s := intern(string(b))
	k.seen[s] = s
	return s
}

// KeepView is Keep for an event read in place.
func (k *Keeper) KeepView(source string, w *audit.View, opt Fields) Event {
	t := w.Time()
	e := Event{
		labels: unique.Make(Labels{Source: source, Actor: k.str(w.ActorName()), Attribute: k.str(w.Attribute()),
			Basis: k.str(w.Basis()), Secrecy: k.str(w.Secrecy())}),
		Seq: w.Seq(), sec: t.Unix(), nsec: int32(t.Nanosecond()), tz: int32(w.TZOffset()),
	}
	if opt&KeepHash != 0 {
		e.Hash = hashOfHex(w.Hash())
	}
	if opt&KeepFile != 0 {
		e.File = string(w.File())
	}
	w.EachDetail(func(key, v []byte) bool {
		if i := slices.IndexFunc(KeptDetails, func(s string) bool { return s == string(key) }); i >= 0 {
			if e.Details == nil {
				e.Details = make(map[string]string, 2)
			}
			e.Details[KeptDetails[i]] = k.str(v)
		}
		return true
	})
	return e
}

// hashOfHex is HashOf for a stored hash, which the log has checked to be
// 64 lower-case hex digits.
func hashOfHex(h []byte) Hash {
	var out Hash
	if _, err := hex.Decode(out[:], h); err != nil || len(h) != 64 {
		return HashOf(string(h))
	}
	return out
}

// AddView is Add for an event read in place, keeping it with k.
func (d *Doc) AddView(k *Keeper, source string, w *audit.View, opt Fields) {
	var list *[]Event
	switch string(w.Type()) {
	case audit.TypeMark:
		list = &d.Marks
	case audit.TypeReviewSign:
		list = &d.Signs
	case audit.TypeLifecycle:
		list = &d.Lifecycle
	default:
		return
	}
	*list = append(*list, k.KeepView(source, w, opt))
}
