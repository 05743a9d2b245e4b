package docx

import (
	"bytes"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/docattr/docattr/internal/xmltok"
)

// A long draft's main part is most of what reading it costs, and that
// reading is the one step of marking that cannot wait for anything else.
// So a large part is read on two cores: this goroutine reads it from the
// start, another from a paragraph in the middle on, guessing that the
// paragraph is a child of w:body (xmltok's Fork). When this one gets there
// it checks the guess: the scanner in the state the body's start tag left
// it in, and both readers at rest between two body children. Only then are
// the two halves joined; a wrong guess costs the other core's time, never
// a different result. A guess inside a table or a text box shows itself
// soon, as an end tag the fork did not open: the fork then tries the next
// paragraph after that point, and this goroutine follows it there.

// splitMin is the smallest main part read on two cores: below it starting
// the second costs about what it saves.
const splitMin = 1 << 20

// splitMax is the largest: a part this large is held to its memory
// bound (marker.holdMemory), and joining the halves' paragraphs copies
// them once more.
const splitMax = 64 << 20

// splitTries bounds the starting points the second reader tries.
const splitTries = 4

// half is the second reader's attempt from one starting point.
type half struct {
	at     int
	s      *xmltok.Scanner
	story  storyReader
	blocks blockReader
	err    error
	done   chan struct{}
}

// tailReader is the second reader: it reads from the middle on, and again
// from a later paragraph when its guess shows wrong.
type tailReader struct {
	data    []byte
	part    string
	headEnd int             // just after the body's start tag
	base    *xmltok.Scanner // the state there, never scanned: attempts fork it
	// noMore stops new attempts; abandon stops the running one.
	noMore, abandon atomic.Bool
	mu              sync.Mutex
	attempts        []*half
	// charErr is the first fault of the characters from the first start on,
	// set before charsChecked is closed.
	charErr      error
	charsChecked chan struct{}
}

var errAbandoned = errors.New("docx: second reader abandoned")

// readMainSplit is readMainPart on two cores, the second reader starting
// at at (a paragraph's start tag). It reports false, having read nothing,
// when the part's body does not start well before at.
func readMainSplit(data []byte, part string, at int) (mainRead, bool, error) {
	s := xmltok.NewSplit(data, checkpointEvery, at)
	if s == nil {
		return mainRead{}, false, nil
	}
	story, blocks := newStoryReader(data, part, Body, false), newBlockReader(len(data))
	story.out.paras = make([]Paragraph, 0, countHint(len(data))) // the join appends the second half's
	var t xmltok.Token
	for story.out.bodyStart == 0 {
		if s.NextInto(&t) != nil { // no body, or a fault, before at: leave it to one pass
			return mainRead{}, false, nil
		}
		story.step(s, &t)
		blocks.step(s, &t)
	}
	tr := &tailReader{data: data, part: part, headEnd: t.End, base: s.Fork(at), charsChecked: make(chan struct{})}
	go tr.run(at)
	stopTail := func() {
		tr.noMore.Store(true)
		tr.abandon.Store(true)
		<-tr.charsChecked
	}
	// A half's fault is the part's only if a single scan would meet it
	// first: it checks every character before any markup.
	fault := func(err error) error {
		stopTail()
		if tr.charErr != nil {
			return tr.charErr
		}
		return err
	}
	// The first half's characters are checked only now, while the second
	// reader checks its own: checked before it started, they kept the
	// second core idle for as long (1.7 ms of a 10 MB part).
	// (A fault there comes before any of the second half's.)
	if err := s.CheckHead(); err != nil {
		stopTail()
		return mainRead{}, true, err
	}
	for i := 0; ; i++ {
		err := drive(s, story.step, blocks.step)
		if !errors.Is(err, xmltok.ErrStopped) {
			if err = fault(err); err != nil { // a fault, or the end after going on alone
				return mainRead{}, true, err
			}
			return finish(s, story, blocks), true, nil
		}
		<-tr.charsChecked // the first attempt has started by then
		if tr.charErr != nil {
			return mainRead{}, true, tr.charErr
		}
		h := tr.attempt(i)
		// (a second w:body would have moved bodyStart, and what the
		// readers take for the body's children with it)
		if h != nil && s.Continues(h.s) && story.atRest() && blocks.atRest() && story.out.bodyStart == tr.headEnd {
			tr.noMore.Store(true)
			<-h.done
			if err := fault(h.err); err != nil {
				return mainRead{}, true, err
			}
			s.Join(h.s)
			story.out.join(h.story.out)
			r := finish(s, story, blocks)
			theirs, geom := h.blocks.result()
			r.blocks, r.geom = append(r.blocks, theirs...), geom
			return r, true, nil
		}
		if next := tr.attempt(i + 1); next != nil {
			s.StopAt(next.at) // the second reader went on from there
			continue
		}
		tr.noMore.Store(true) // nothing to meet: read the rest alone
		tr.abandon.Store(true)
		s.StopAt(0)
	}
}

// start prepares an attempt from at: a fork of the state just inside the
// body, and two readers brought to that state by reading the few bytes up
// to the body's start tag again.
func (tr *tailReader) start(at int) *half {
	// (the first reader's room is for the whole part: the join appends
	// these paragraphs to its own)
	h := &half{at: at, s: tr.base.Fork(at), story: newStoryReader(tr.data, tr.part, Body, false),
		blocks: newBlockReader(len(tr.data) - at), done: make(chan struct{})}
	h.story.out.paras = make([]Paragraph, 0, countHint(len(tr.data)-at))
	hs := xmltok.New(tr.data[:tr.headEnd])
	var t xmltok.Token
	for hs.NextInto(&t) == nil {
		h.story.step(hs, &t)
		h.blocks.step(hs, &t)
		if t.End == tr.headEnd {
			break
		}
	}
	tr.mu.Lock()
	tr.attempts = append(tr.attempts, h)
	tr.mu.Unlock()
	return h
}

// run checks the characters from the first start on, then reads from each
// start to the end. An attempt that fails on markup is tried again from
// the first paragraph after the fault, up to splitTries starts, unless the
// first reader has no more use for attempts.
func (tr *tailReader) run(at int) {
	tr.charErr = tr.base.CheckChars() // the attempts, forks of base, need not
	var h *half
	if tr.charErr == nil {
		h = tr.start(at)
	}
	close(tr.charsChecked)
	for h != nil {
		h.err = driveUntil(&tr.abandon, h.s, h.story.step, h.blocks.step)
		close(h.done)
		var se *xmltok.SyntaxError
		if !errors.As(h.err, &se) || tr.noMore.Load() || tr.count() >= splitTries {
			return
		}
		h = nil
		if at := splitCandidate(tr.data, se.Offset+1); at > 0 {
			h = tr.start(at)
		}
	}
}

// count returns the number of attempts started.
func (tr *tailReader) count() int {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	return len(tr.attempts)
}

// attempt returns attempt i, or nil before it has started.
func (tr *tailReader) attempt(i int) *half {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if i < len(tr.attempts) {
		return tr.attempts[i]
	}
	return nil
}

// join appends the paragraphs another reader read after p's.
func (p *partText) join(q *partText) {
	n := len(p.paras)
	for i := range q.paras {
		q.paras[i].Index += n
	}
	p.paras = append(p.paras, q.paras...)
	p.maxID = max(p.maxID, q.maxID)
	p.tracked = p.tracked || q.tracked
	p.chunks = append(p.chunks, q.chunks...)
}

// splitCandidate returns the offset of the first paragraph start tag of
// the w prefix at or after from, or -1.
func splitCandidate(data []byte, from int) int {
	for from >= 0 && from < len(data) {
		i := bytes.Index(data[from:], []byte("<w:p"))
		if i < 0 {
			return -1
		}
		at := from + i
		if at+4 < len(data) && (data[at+4] == '>' || data[at+4] == ' ') {
			return at
		}
		from = at + 4
	}
	return -1
}
