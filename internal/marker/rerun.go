package marker

import (
	"sync"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/publish"
)

// inputIDs finds the document id a draft was given when the same bytes
// were marked before, so that re-running a batch on the original drafts
// (which carry no record) keeps each document's 文档编号 and the
// statistics count it once. The log is read once per Mark call, and only
// when a draft without a record comes along.
type inputIDs struct {
	mu    sync.Mutex // drafts of a batch are stamped concurrently
	use   logUse
	byIn  map[string]string // input SHA-256 → document id of its latest mark
	built bool
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
	if !k.built {
		k.built, k.byIn = true, map[string]string{}
		_ = k.use(true, func(log *audit.Log) error {
			return log.List(audit.Filter{Type: audit.TypeMark}, func(e audit.Event) error {
				if e.InputSHA256 != "" && e.DocID != "" {
					k.byIn[e.InputSHA256] = e.DocID
				}
				return nil
			})
		})
	}
	if id := k.byIn[sum]; id != "" {
		return id
	}
	k.byIn[sum] = fresh // two copies of one draft in a batch are one document
	return fresh
}
