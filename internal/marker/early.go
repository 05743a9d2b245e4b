package marker

import (
	"sync"
	"sync/atomic"

	"github.com/docattr/docattr/internal/audit"
)

// earlyOpen opens the audit log for a chunk's commit while the last of the
// chunk's outputs is being synced, instead of after: opening the log
// (lock, map, read its head) then costs no wall time of its own, which
// for a small draft is a tenth of its mark. It starts only once every
// draft of the chunk has passed its own reads of the log (the rerun
// check) and reached its sync or failed, so the write lock it takes never
// keeps a draft of the chunk from reading, and it is held a sync longer
// than before, never a whole draft's work.
type earlyOpen struct {
	open func() (*audit.Log, error)
	left atomic.Int32 // drafts still to reach their sync (or fail)
	res  chan earlyLog
}

type earlyLog struct {
	log *audit.Log
	err error
}

// newEarlyOpen prepares an early open for n drafts; nil (no early open)
// when open is nil or there is no draft.
func newEarlyOpen(open func() (*audit.Log, error), n int) *earlyOpen {
	if open == nil || n == 0 {
		return nil
	}
	e := &earlyOpen{open: open, res: make(chan earlyLog, 1)}
	e.left.Store(int32(n))
	return e
}

// forDraft returns the call a draft makes, once, as its sync begins or as
// it fails before that; the last one starts the open.
func (e *earlyOpen) forDraft() func() {
	if e == nil {
		return func() {}
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			if e.left.Add(-1) == 0 {
				go func() {
					log, err := e.open()
					e.res <- earlyLog{log, err}
				}()
			}
		})
	}
}

// take returns the log opened early (the caller closes it); ok is false
// when there is none, and the caller opens the log itself. Call it once,
// after every draft's call.
func (e *earlyOpen) take() (log *audit.Log, ok bool, err error) {
	if e == nil || e.left.Load() != 0 {
		return nil, false, nil
	}
	r := <-e.res
	return r.log, true, r.err
}
