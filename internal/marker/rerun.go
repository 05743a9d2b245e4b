package marker

import (
	"bytes"
	"errors"
	"sync"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/publish"
)

// inputIDs finds the document id a draft was given when the same bytes
// were marked before, so that re-running a batch on the original drafts
// (which carry no record) keeps each document's 文档编号 and the
// statistics count it once. It asks the log's input index (audit.ByInput)
// once per draft without a record; only a log whose index is not built yet
// (written by an older docattr and not written since) is read whole, once
// per Mark call.
type inputIDs struct {
	mu   sync.Mutex // drafts of a batch are stamped concurrently
	use  logUse
	byIn map[string]string // input SHA-256 → document id: looked up, or given in this batch
	all  map[string]string // every mark's, when the log had to be read whole
}

// idFor returns the id recorded for src's bytes, else fresh. A log that
// cannot be read or an input that cannot be hashed keeps fresh: the mark
// itself then fails on the same error where it matters.
func (k *inputIDs) idFor(src *publish.Input, fresh string) string {
	if k == nil || k.use == nil {
		return fresh
	}
	sum, err := src.Sum()
	if err != nil {
		return fresh
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.byIn == nil {
		k.byIn = map[string]string{}
	}
	id, ok := k.byIn[sum]
	if !ok {
		id = k.lookup(sum)
	}
	if id == "" {
		id = fresh
	}
	k.byIn[sum] = id // two copies of one draft in a batch are one document
	return id
}

// laterID is a document id being looked up (idForLater). The lookup runs
// on its own goroutine, or on the one that waits for it if that comes
// first: with both cores busy reading and checking the draft, a new
// goroutine can wait milliseconds for one, and the draft then waited for
// it (a small draft's mark, 0.3–0.6 ms of some 10). once runs it once and
// holds whoever comes second until it is done.
type laterID struct {
	lookup func() string // nil: id is known
	once   sync.Once
	id     string
}

// idForLater starts idFor for a draft whose record gives no id, with a
// fresh id to give when the log knows none; wait returns it. A draft
// with an id, or no lookup to make, waits for nothing.
func (k *inputIDs) idForLater(src *publish.Input, prev *docx.Record) *laterID {
	if prev != nil && prev.DocID != "" {
		return &laterID{id: prev.DocID}
	}
	fresh := NewDocID()
	if k == nil || k.use == nil {
		return &laterID{id: fresh}
	}
	l := &laterID{lookup: func() string { return k.idFor(src, fresh) }}
	go l.run()
	return l
}

// run looks the id up, or waits for the lookup already under way.
func (l *laterID) run() { l.once.Do(func() { l.id = l.lookup() }) }

// wait returns the id; safe to call more than once.
func (l *laterID) wait() string {
	if l.lookup != nil {
		l.run()
	}
	return l.id
}

// lookup returns the document id of the latest mark of the input sum ("" when
// none): through the log's input index, else from every mark, read once.
func (k *inputIDs) lookup(sum string) string {
	if k.all != nil {
		return k.all[sum]
	}
	var id string
	err := k.use(true, func(log *audit.Log) error {
		return log.ByInput(sum, func(e audit.Event) bool {
			if e.Type == audit.TypeMark && e.DocID != "" {
				id = e.DocID
				return false
			}
			return true
		})
	})
	if !errors.Is(err, audit.ErrNoInputIndex) {
		return id
	}
	k.all = map[string]string{}
	_ = k.use(true, func(log *audit.Log) error { return readInputIDs(log, k.all) })
	return k.all[sum]
}

// readInputIDs fills byIn with the input SHA-256 → document id of every
// mark event, the latest winning. It runs before every mark of a draft
// without a record, so it grows with the log: instead of decoding every
// event (about 4 µs each, which a desk's log of tens of thousands of
// marks turns into most of a small draft's mark) it reads the stored
// records as they are and picks the three fields out of their canonical
// encoding (audit's appendBody), which fixes where they stand.
func readInputIDs(log *audit.Log, byIn map[string]string) error {
	const batch = 1000 // records per read transaction
	var after uint64
	for {
		recs, err := log.Records(after, batch)
		if err != nil || len(recs) == 0 {
			return err
		}
		for _, r := range recs {
			after = r.Seq
			if in, id, ok := markInput(r.Bytes); ok {
				byIn[in] = id
			}
		}
	}
}

var (
	markType     = []byte(`,"type":"mark","actor":{`)
	docIDField   = []byte(`,"doc_id":"`)
	inputField   = []byte(`,"input_sha256":"`)
	findingsMark = []byte(`,"findings":[`)
	detailsMark  = []byte(`,"details":{`)
)

// markInput returns the input SHA-256 and document id of a stored mark
// record. A record holds `{"seq":…,"time":"…"[,"tz":…],"type":"…",
// "actor":{…}` and then the optional top-level fields in a fixed order
// (doc_id before input_sha256), then findings and details, the only parts
// with keys of their own. A string value escapes every quote, so a quoted
// key followed by a colon is always structure, never text: the first
// doc_id key and the first input_sha256 key after it, with no findings
// or details before them, are the event's own.
func markInput(rec []byte) (in, id string, ok bool) {
	head := rec[:min(len(rec), 128)] // seq, time and tz end well before
	if !bytes.Contains(head, markType) {
		return "", "", false
	}
	d := bytes.Index(rec, docIDField)
	if d < 0 {
		return "", "", false
	}
	i := bytes.Index(rec[d:], inputField)
	if i < 0 {
		return "", "", false
	}
	i += d
	if bytes.Contains(rec[:i], findingsMark) || bytes.Contains(rec[:i], detailsMark) {
		return "", "", false // not the event's own: it has none
	}
	id, ok = plainString(rec[d+len(docIDField):])
	if !ok || id == "" {
		return "", "", false
	}
	in, ok = plainString(rec[i+len(inputField):])
	if !ok || len(in) != 64 {
		return "", "", false
	}
	return in, id, true
}

// plainString returns the string value that b starts with (after its
// opening quote), when it holds no escape.
func plainString(b []byte) (string, bool) {
	q := bytes.IndexByte(b, '"')
	if q < 0 || bytes.IndexByte(b[:q], '\\') >= 0 {
		return "", false
	}
	return string(b[:q]), true
}
