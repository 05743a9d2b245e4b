package decision

import (
	"encoding/binary"
	"slices"
	"unique"

	"github.com/docattr/docattr/internal/audit"
)

// Keeper keeps events read in place (audit.View) without a string
// allocation per field: the few values a log repeats (names, attributes,
// bases, detail values) are looked up by their bytes in a table of the
// strings already seen, and events with equal details and file share one
// copy of them. A reader of a log holds one Keeper for the whole read. It
// is not safe for concurrent use.
type Keeper struct {
	seen   map[string]string
	extras map[string]*extra // by extraKey
	key    []byte            // scratch for extraKey
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
		e.Hash = hashOfBytes(w.Hash())
	}
	// The extra's key: the file, then each kept detail's place and value,
	// each after its length. Details are stored sorted by key, and are
	// visited in that order, so equal extras give equal keys.
	var file []byte
	if opt&KeepFile != 0 {
		file = w.File()
	}
	key := append(binary.AppendUvarint(k.key[:0], uint64(len(file))), file...)
	n := 0
	w.EachDetail(func(name, v []byte) bool {
		if i := slices.IndexFunc(KeptDetails, func(s string) bool { return s == string(name) }); i >= 0 {
			key = append(binary.AppendUvarint(append(key, byte(i)), uint64(len(v))), v...)
			n++
		}
		return true
	})
	k.key = key
	if n == 0 && len(file) == 0 {
		return e
	}
	if x, ok := k.extras[string(key)]; ok {
		e.extra = x
		return e
	}
	x := &extra{}
	if opt&KeepFile != 0 {
		x.file = string(file)
	}
	w.EachDetail(func(name, v []byte) bool {
		if i := slices.IndexFunc(KeptDetails, func(s string) bool { return s == string(name) }); i >= 0 {
			x.details = append(x.details, detail{KeptDetails[i], k.str(v)})
		}
		return true
	})
	if k.extras == nil {
		k.extras = map[string]*extra{}
	}
	k.extras[string(key)] = x
	e.extra = x
	return e
}

// AddView is Add for an event read in place, keeping it with k.
func (d *Doc) AddView(k *Keeper, source string, w *audit.View, opt Fields) {
	if t := typeOf(string(w.Type())); t != other {
		d.file(t, k.KeepView(source, w, opt))
	}
}
