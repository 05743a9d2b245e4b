package audit

// List, Count, ViewTypes and the exports walk the log here: a reader
// goroutine reads, checks and decodes batches along a plan (index.go) while
// the caller consumes them.

import bolt "go.etcd.io/bbolt"

// List calls fn for each event matching f, in seq order, and stops at the
// first error fn returns (which List returns unchanged). It sees the events
// that existed when it started. fn runs outside any transaction, so it may
// call Append; the Event is fn's to keep. An undecodable or altered event
// stops List with ErrTampered.
func (l *Log) List(f Filter, fn func(Event) error) error {
	return l.scan(f, true, func(e *Event, _ []byte) error { return fn(*e) })
}

// ListTypes is List for the events of the given types only. Every record
// is still read and checked, so an altered event of any type stops it with
// ErrTampered; only events of these types are decoded, which is what makes
// a count that reads a few types cheaper than List.
func (l *Log) ListTypes(f Filter, types []string, fn func(Event) error) error {
	return l.scanTypes(f, true, types, func(e *Event, _ []byte) error { return fn(*e) })
}

// Count returns the number of events matching f (Limit applies).
func (l *Log) Count(f Filter) (int, error) {
	if f.empty() {
		h, err := l.Head()
		n := int(h.Seq)
		if f.Limit > 0 && n > f.Limit {
			n = f.Limit
		}
		return n, err
	}
	n := 0
	err := l.scan(f, true, func(*Event, []byte) error { n++; return nil })
	return n, err
}

type match struct {
	e   Event
	rec []byte
	v   recordView // modeView: the record's fields, rec being the record
	raw bool       // rec only, undecoded and unchecked (see scan)
}

// scan modes: what the reader hands over of each record.
const (
	modeDecode = iota // a decoded Event
	modeRecord        // the stored record (copied), and the Event unless the plan alone selects it
	modeView          // the stored record in the batch's arena, with its field places (View)
)

// scan is List with the stored record alongside when decode is false (nil
// otherwise); rec is fn's to keep. With decode false, records that the plan alone selects are passed
// undecoded and unchecked (e is nil): the JSONL export copies them as they
// are and VerifyExport checks them there.
//
// Reading and checking run on goroutines of their own, a batch ahead of
// fn: on a million events decoding and hash checks are most of the work,
// and exports and counts then use the second core (checker.go). Each read
// transaction still covers one batch only and ends before the batch is
// handed over, so fn may call Append. e is valid only during the call to fn.
func (l *Log) scan(f Filter, decode bool, fn func(e *Event, rec []byte) error) error {
	return l.scanTypes(f, decode, nil, fn)
}

// scanTypes is scan passing only events of types (nil: of every type).
func (l *Log) scanTypes(f Filter, decode bool, types []string, fn func(e *Event, rec []byte) error) error {
	mode := modeDecode
	if !decode {
		mode = modeRecord
	}
	return l.scanMatches(f, mode, types, func(m *match) error {
		if m.raw {
			return fn(nil, m.rec)
		}
		return fn(&m.e, m.rec)
	})
}

// scanMatches walks the events matching f of types (nil: of every type)
// and calls fn with each, as mode says.
func (l *Log) scanMatches(f Filter, mode int, types []string, fn func(m *match) error) error {
	p, err := l.plan(f)
	if err != nil || p.lo > p.hi {
		return err
	}
	p.types = types
	p.raw = mode == modeRecord && p.exact(f)
	p.keep = mode == modeRecord
	p.view = mode == modeView
	const ahead = 2 // batches read ahead of fn
	full := make(chan scanBatch, ahead)
	free := make(chan scanBuf, ahead+1)
	stop, exited := make(chan struct{}), make(chan struct{})
	defer func() { // no read transaction outlives scan
		close(stop)
		<-exited
	}()
	for range ahead + 1 {
		free <- scanBuf{}
	}
	go func() {
		defer close(exited)
		p.read(l.db, f, free, full, stop)
	}()
	seen := 0
	for b := range full {
		if b.err != nil {
			return b.err
		}
		for i := range b.batch {
			if err := fn(&b.batch[i]); err != nil {
				return err
			}
			if seen++; f.Limit > 0 && seen >= f.Limit {
				return nil
			}
		}
		clear(b.batch) // drop the records and strings fn did not keep
		b.batch, b.arena = b.batch[:0], b.arena[:0]
		free <- b.scanBuf
	}
	return nil
}

// scanBuf is the memory of one batch, handed back and forth between the
// reader and scan so that it is reused.
type scanBuf struct {
	batch []match
	arena []byte // modeView: the batch's records, one after the other
}

// scanBatch is one batch the reader hands to scan, or the error that
// stopped it.
type scanBatch struct {
	scanBuf
	err error
}

// read reads batches into the slices free gives it and sends them on full,
// closing full after the last one (or an error) and returning early when
// stop closes.
func (p *plan) read(db *bolt.DB, f Filter, free <-chan scanBuf, full chan<- scanBatch, stop <-chan struct{}) {
	defer close(full)
	var after []byte // last key visited, to resume the next batch
	var c checker
	for {
		var buf scanBuf
		select {
		case <-stop:
			return
		default:
		}
		select {
		case buf = <-free:
		case <-stop:
			return
		}
		done := false
		err := db.View(func(tx *bolt.Tx) error {
			var err error
			after, done, err = p.next(tx, f, after, &buf, &c)
			return err
		})
		select {
		case full <- scanBatch{buf, err}:
		case <-stop:
			return
		}
		if err != nil || done {
			return
		}
	}
}
