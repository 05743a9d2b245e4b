package audit

import (
	"bytes"
	"encoding/binary"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Filter selects events for List, Count and the exports. Zero fields select
// everything; set fields must all match.
type Filter struct {
	// From and To are inclusive calendar days in their own locations: From
	// selects events at or after the start of From's day, To events before
	// the start of the day after To's. Zero is open.
	From, To  time.Time
	Actor     string // Actor.Name, exactly
	DocID     string
	Attribute string
	Type      string
	Limit     int // at most this many events; 0 is no limit
}

// bounds returns the instants [from, to) the filter's days cover; zero
// values stay zero (open).
func (f Filter) bounds() (from, to time.Time) {
	if !f.From.IsZero() {
		y, m, d := f.From.Date()
		from = time.Date(y, m, d, 0, 0, 0, 0, f.From.Location())
	}
	if !f.To.IsZero() {
		y, m, d := f.To.Date()
		to = time.Date(y, m, d+1, 0, 0, 0, 0, f.To.Location())
	}
	return from, to
}

func (f Filter) match(e *Event) bool {
	from, to := f.bounds()
	return (f.Actor == "" || e.Actor.Name == f.Actor) &&
		(f.DocID == "" || e.DocID == f.DocID) &&
		(f.Attribute == "" || e.Attribute == f.Attribute) &&
		(f.Type == "" || e.Type == f.Type) &&
		(from.IsZero() || !e.Time.Before(from)) &&
		(to.IsZero() || e.Time.Before(to))
}

func (f Filter) empty() bool {
	return f.From.IsZero() && f.To.IsZero() && f.Actor == "" && f.DocID == "" && f.Attribute == "" && f.Type == ""
}

type indexEntry struct {
	bucket, key []byte
}

// indexBuckets are the index buckets, in the order forIndexKeys visits them.
var indexBuckets = [...][]byte{bucketByDay, bucketByDoc, bucketByActor, bucketByInput}

// inputBucket is idx_input's place in indexBuckets: the one index a log
// may lack (an older docattr wrote it) or hold for its first events only
// (inputindex.go).
const inputBucket = 3

// indexEntries returns the index keys event e must have.
func indexEntries(e *Event) []indexEntry {
	ix := make([]indexEntry, 0, len(indexBuckets))
	forIndexKeys(e, nil, func(i int, key []byte) {
		ix = append(ix, indexEntry{indexBuckets[i], bytes.Clone(key)})
	})
	return ix
}

// forIndexKeys calls fn with each index key event e must have, naming the
// bucket by its place in indexBuckets: by day always, by doc id and actor
// name when set, by input when InputSHA256 is a SHA-256 (64 lower-case hex
// digits, kept as its 32 bytes). The key is built in buf (returned for reuse) and is valid
// only during fn. Append and Verify both use it, so the writer and the
// checker cannot disagree about what an index holds.
func forIndexKeys(e *Event, buf []byte, fn func(i int, key []byte)) []byte {
	buf = e.Time.UTC().AppendFormat(buf[:0], "20060102")
	buf = appendSeq(buf, e.Seq)
	fn(0, buf)
	if e.DocID != "" {
		buf = appendSeq(append(buf[:0], e.DocID...), e.Seq)
		fn(1, buf)
	}
	if e.Actor.Name != "" {
		buf = appendSeq(append(buf[:0], e.Actor.Name...), e.Seq)
		fn(2, buf)
	}
	if sum, ok := inputKey(e.InputSHA256); ok {
		buf = appendSeq(append(buf[:0], sum[:]...), e.Seq)
		fn(inputBucket, buf)
	}
	return buf
}

// appendSeq completes an index key: value || 0x00 || seq.
func appendSeq(b []byte, seq uint64) []byte {
	return binary.BigEndian.AppendUint64(append(b, 0), seq)
}

func dayKey(t time.Time) string { return t.UTC().Format("20060102") }

// indexKey is value || 0x00 || seq (8 bytes big endian). The seq is parsed
// from the end, so a value containing 0x00 cannot be confused with another.
func indexKey(value string, seq uint64) []byte {
	k := make([]byte, 0, len(value)+9)
	k = append(k, value...)
	k = append(k, 0)
	return binary.BigEndian.AppendUint64(k, seq)
}

func parseIndexKey(k []byte) (value []byte, seq uint64, ok bool) {
	if len(k) < 9 || k[len(k)-9] != 0 {
		return nil, 0, false
	}
	return k[:len(k)-9], binary.BigEndian.Uint64(k[len(k)-8:]), true
}

// batchSize bounds how many keys one read transaction visits, so List never
// holds a transaction (and with it bbolt's remap lock) while fn runs.
const batchSize = 512

// plan is how List walks the log: either the events bucket from lo to hi,
// or the keys of an index bucket under prefix.
type plan struct {
	lo, hi uint64 // seq range, inclusive
	index  []byte // index bucket, nil for the seq range
	prefix []byte
	raw    bool     // pass records undecoded (see scan)
	types  []string // when not nil, decode only events of these types (ListTypes)
	keep   bool     // copy the records out for fn (only the JSONL export reads them)
	view   bool     // hand the records over in place (ViewTypes)
}

// exact reports whether walking p selects exactly the events matching f,
// with no filtering by content left to do.
func (p *plan) exact(f Filter) bool {
	rest := f
	rest.Limit = 0
	switch {
	case p.index == nil:
		return rest.empty()
	case bytes.Equal(p.index, bucketByDoc):
		rest.DocID = ""
	default:
		rest.Actor = ""
	}
	return rest.empty()
}

// plan picks the cheapest way to walk f: the doc index, the day index
// narrowed to a seq range, the actor index, or every event.
func (l *Log) plan(f Filter) (plan, error) {
	var p plan
	err := l.db.View(func(tx *bolt.Tx) error {
		head, _ := readHead(tx)
		p = plan{lo: 1, hi: head}
		from, to := f.bounds()
		switch {
		case f.DocID != "":
			p.index, p.prefix = bucketByDoc, append([]byte(f.DocID), 0)
		case !from.IsZero() || !to.IsZero():
			p.lo, p.hi = dayRange(tx, from, to, head)
		case f.Actor != "":
			p.index, p.prefix = bucketByActor, append([]byte(f.Actor), 0)
		}
		return nil
	})
	return p, err
}

// dayRange returns the smallest and largest seq indexed under the UTC days
// that [from, to) touches. Event times need not grow with seq (clocks step
// back), so the range is walked in full and filtered by time afterwards.
func dayRange(tx *bolt.Tx, from, to time.Time, head uint64) (lo, hi uint64) {
	first, last := "00000000", "99999999"
	if !from.IsZero() {
		first = dayKey(from)
	}
	if !to.IsZero() {
		last = dayKey(to.Add(-time.Nanosecond))
	}
	lo, hi = 1, 0 // empty
	b := tx.Bucket(bucketByDay)
	if b == nil {
		return lo, hi
	}
	c := b.Cursor()
	for k, _ := c.Seek([]byte(first)); k != nil; k, _ = c.Next() {
		day, seq, ok := parseIndexKey(k)
		if !ok || len(day) != 8 || string(day) > last {
			if ok && string(day) > last {
				break
			}
			continue
		}
		if seq > head {
			continue
		}
		if hi < lo || seq < lo {
			lo = seq
		}
		if seq > hi {
			hi = seq
		}
	}
	return lo, hi
}

// next reads one batch into buf, starting after the key after (nil: from
// the start), and returns the last key it visited and whether the plan is
// done. The batch's records are checked together (checker), then filtered.
func (p *plan) next(tx *bolt.Tx, f Filter, after []byte, buf *scanBuf, ck *checker) ([]byte, bool, error) {
	events := tx.Bucket(bucketEvents)
	if events == nil {
		return after, true, nil
	}
	var c *bolt.Cursor
	var k, v []byte // v: the record at k when walking the events bucket
	if p.index == nil {
		c = events.Cursor()
		if after == nil {
			k, v = c.Seek(seqKey(p.lo))
		} else {
			k, v = c.Seek(after)
		}
	} else {
		b := tx.Bucket(p.index)
		if b == nil {
			return after, true, nil
		}
		c = b.Cursor()
		if after == nil {
			k, _ = c.Seek(p.prefix)
		} else {
			k, _ = c.Seek(after)
		}
	}
	if after != nil && bytes.Equal(k, after) {
		k, v = c.Next()
	}
	ck.reset()
	done := false
	var missing uint64 // an indexed event that is not stored
	for n := 0; ; n++ {
		if n > 0 {
			k, v = c.Next()
		}
		if n == batchSize {
			done = k == nil
			break
		}
		if k == nil {
			done = true
			break
		}
		after = append(after[:0], k...)
		seq, ok := p.seqOf(k)
		if !ok {
			if p.index != nil && !bytes.HasPrefix(k, p.prefix) {
				done = true
				break
			}
			continue // a key of a longer value under the same prefix
		}
		if seq > p.hi {
			done = true
			break
		}
		rec := v
		if p.index != nil {
			rec = events.Get(seqKey(seq))
		}
		if rec == nil {
			missing = seq
			break
		}
		if p.raw {
			buf.batch = append(buf.batch, match{rec: append([]byte(nil), rec...), raw: true})
			continue
		}
		ck.add(seq, rec)
	}
	if i, err := ck.check(); err != nil {
		return nil, false, tampered(ck.seqs[i], err)
	}
	if missing != 0 {
		return nil, false, tampered(missing, ErrNotFound)
	}
	for i, rec := range ck.recs {
		rv := &ck.views[i]
		if p.types != nil && !rv.typeIn(rec, p.types) {
			continue
		}
		if p.view {
			start := len(buf.arena)
			buf.arena = append(buf.arena, rec...)
			buf.batch = append(buf.batch, match{rec: buf.arena[start:len(buf.arena):len(buf.arena)], v: *rv})
			if m := &buf.batch[len(buf.batch)-1]; !f.empty() && !f.matchView(&View{rec: m.rec, v: &m.v}) {
				buf.arena, buf.batch = buf.arena[:start], buf.batch[:len(buf.batch)-1]
			}
			continue
		}
		e := rv.event(rec)
		if f.match(&e) {
			m := match{e: e}
			if p.keep {
				m.rec = append([]byte(nil), rec...)
			}
			buf.batch = append(buf.batch, m)
		}
	}
	return after, done, nil
}

// seqOf returns the seq a key points to, false for a key outside the plan.
func (p *plan) seqOf(k []byte) (uint64, bool) {
	if p.index == nil {
		if len(k) != 8 {
			return 0, false
		}
		return binary.BigEndian.Uint64(k), true
	}
	if !bytes.HasPrefix(k, p.prefix) || len(k) != len(p.prefix)+8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(k[len(p.prefix):]), true
}

// Fill factors for the buckets Append writes. bbolt splits a page when it is
// FillPercent full (0.5 by default), which for keys that only grow leaves
// every page half empty forever. Seqs and days only grow, so their pages are
// filled completely; doc ids and actor names insert in the middle of their
// buckets, so a little room is left there to spare page splits.
const (
	fillAppendOnly = 1.0
	fillMostlyTail = 0.9
	// Input hashes arrive in no order: pages split anywhere and are filled
	// again by later inserts, and bbolt's default half leaves the smallest
	// file (measured on auditgen logs against 0.8, 0.95 and 1).
	fillRandom = 0.5
)

// setAppendFill sets the fill factors on tx's buckets; bbolt keeps them only
// for the transaction, so every Append sets them.
func setAppendFill(tx *bolt.Tx) {
	tx.Bucket(bucketEvents).FillPercent = fillAppendOnly
	tx.Bucket(bucketByDay).FillPercent = fillAppendOnly
	tx.Bucket(bucketByDoc).FillPercent = fillMostlyTail
	tx.Bucket(bucketByActor).FillPercent = fillMostlyTail
	tx.Bucket(bucketByInput).FillPercent = fillRandom
}
