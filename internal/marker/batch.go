package marker

// The batch: chunks sharing one audit transaction, outputs claimed in
// order, drafts stamped two at a time, events committed in job order.

import (
	"os"
	"sync"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/publish"
)

// chunk is how many files share one audit transaction.
const chunk = 64

// Mark marks every job and returns one result per job, in order. progress,
// if not nil, is called after each file. Outputs go through the publish
// path: none lands on an input, the audit log or docattr's data, and none
// replaces another or (unless req.Overwrite) an existing file. The log stays
// open (and locked) for the whole call: use MarkOpening for long batches.
func Mark(log *audit.Log, jobs []Job, req Request, progress func(done, total int)) []Result {
	return markAll(log.Path(), logAccess{use: func(_ bool, fn func(*audit.Log) error) error { return fn(log) }}, jobs, req, progress)
}

// MarkOpening is Mark for a batch that must not keep the audit log at path
// locked while it runs: it opens the log with open only around each use — a
// read of the head, the read of earlier marks, and each chunk's append — and
// closes it in between, so the app and other commands can read and write the
// log during a long batch. open(true) may open read-only.
func MarkOpening(path string, open func(readOnly bool) (*audit.Log, error), jobs []Job, req Request, progress func(done, total int)) []Result {
	use := func(readOnly bool, fn func(*audit.Log) error) error {
		log, err := open(readOnly)
		if err != nil {
			return err
		}
		defer log.Close()
		return fn(log)
	}
	return markAll(path, logAccess{use: use, openWrite: func() (*audit.Log, error) { return open(false) }}, jobs, req, progress)
}

// logUse runs fn with the audit log, open for reading only when readOnly.
type logUse func(readOnly bool, fn func(*audit.Log) error) error

// logAccess is how a run reaches the log: use, and openWrite (nil when
// the log is held open already) to open it for a commit ahead of time.
type logAccess struct {
	use       logUse
	openWrite func() (*audit.Log, error)
}

func markAll(path string, acc logAccess, jobs []Job, req Request, progress func(done, total int)) []Result {
	use := acc.use
	results := make([]Result, len(jobs))
	if err := req.checkText(); err != nil {
		for i := range jobs {
			results[i] = Result{Job: jobs[i], Err: err}
		}
		return results
	}
	inputs := make([]string, len(jobs))
	for i, j := range jobs {
		inputs[i] = j.Input
	}
	guard := publish.NewGuard(path, inputs...)
	req.known = &inputIDs{use: use}
	done := 0
	for start := 0; start < len(jobs); start += chunk {
		end := min(start+chunk, len(jobs))
		markChunk(acc, guard, jobs[start:end], req, results[start:end], func() {
			done++
			if progress != nil {
				progress(done, len(jobs))
			}
		})
	}
	return results
}

func markChunk(acc logAccess, guard *publish.Guard, jobs []Job, req Request, results []Result, tick func()) {
	use := acc.use
	// The log's head, which each record carries, is read while the drafts
	// are read; a draft waits for it only when it makes its record.
	head := readHead(use)
	// Outputs are claimed in order, one at a time; then the drafts are
	// stamped two at a time (see stampAll), and the events of the chunk
	// commit in job order.
	claimed := make([]bool, len(jobs))
	for i, job := range jobs {
		results[i].Job = job
		out, err := guard.Target(job.Input, job.Output, req.Overwrite)
		if err != nil {
			results[i].Err = err
			continue
		}
		results[i].Output, claimed[i] = out, true
	}
	var mu sync.Mutex // progress is told one file at a time
	for i := range jobs {
		if !claimed[i] {
			tick()
		}
	}
	items := make([]publish.Item, len(jobs))
	n := 0
	for _, c := range claimed {
		if c {
			n++
		}
	}
	early := newEarlyOpen(acc.openWrite, n)
	stampAll(jobs, claimed, func(i int) {
		var err error
		r := req
		r.syncing = early.forDraft()
		defer r.syncing() // a draft that failed before its sync counts too
		if items[i], err = stampOne(results[i].Job, r, head, &results[i]); err != nil {
			results[i].Err = err
			mu.Lock()
			tick()
			mu.Unlock()
		}
	})
	head() // its read of the log is over before the commit's opens
	var ready []*Result
	var commit []publish.Item
	for i := range jobs {
		if results[i].Err != nil {
			continue
		}
		ready = append(ready, &results[i])
		commit = append(commit, items[i])
	}
	log, opened, err := early.take()
	if opened && err == nil {
		defer log.Close()
	}
	if len(commit) == 0 {
		return
	}
	var outcomes []publish.Outcome
	if opened {
		if err == nil {
			outcomes = publish.CommitAll(log, commit)
		}
	} else {
		err = use(false, func(log *audit.Log) error {
			outcomes = publish.CommitAll(log, commit)
			return nil
		})
	}
	if err != nil { // the log could not be opened: nothing was recorded
		for i, r := range ready {
			commit[i].Out.Abort()
			r.Err = err
			tick()
		}
		return
	}
	for i, o := range outcomes {
		ready[i].Event, ready[i].Err = o.Event, o.Err
		tick()
	}
}

// readHead starts reading the log's head; the function returned waits
// for it.
func readHead(use logUse) func() (audit.Head, error) {
	ch := make(chan struct{})
	var head audit.Head
	var err error
	go func() {
		defer close(ch)
		err = use(true, func(log *audit.Log) error {
			var err error
			head, err = log.Head()
			return err
		})
	}()
	return func() (audit.Head, error) {
		<-ch
		return head, err
	}
}

// stampAll calls stamp for every claimed job, two drafts at a time: while
// one waits for its fsync or its verification the other one works, which
// a batch of small drafts gains most from. A file above bigInput runs
// alone, so a batch's peak memory stays that of its largest draft.
func stampAll(jobs []Job, claimed []bool, stamp func(i int)) {
	const slots, bigInput = 2, 4 << 20
	sem := make(chan struct{}, slots)
	var wg sync.WaitGroup
	for i, job := range jobs {
		if !claimed[i] {
			continue
		}
		n := 1
		if st, err := os.Stat(job.Input); err == nil && st.Size() > bigInput {
			n = slots
		}
		for range n {
			sem <- struct{}{}
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				for range n {
					<-sem
				}
			}()
			stamp(i)
		}()
	}
	wg.Wait()
}
