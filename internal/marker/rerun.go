package marker

import (
	"errors"
	"sync"

	"github.com/docattr/docattr/internal/audit"
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
	_ = k.use(true, func(log *audit.Log) error {
		return log.List(audit.Filter{Type: audit.TypeMark}, func(e audit.Event) error {
			if e.InputSHA256 != "" && e.DocID != "" {
				k.all[e.InputSHA256] = e.DocID
			}
			return nil
		})
	})
	return k.all[sum]
}
