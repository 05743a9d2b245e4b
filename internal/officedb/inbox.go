package officedb

import (
	"cmp"
	"path/filepath"
	"slices"
	"strconv"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/review"
)

// InboxItem is one document waiting for a role, as the office's events
// tell it: the latest review step taken on it anywhere in the office.
type InboxItem struct {
	DocID  string    `json:"doc_id"`
	Title  string    `json:"title,omitempty"`
	File   string    `json:"file,omitempty"` // the output of the latest step
	State  string    `json:"state"`
	Waits  string    `json:"waits"`  // the role it waits for
	Action string    `json:"action"` // the latest step: its action, role, person, desk, time
	Role   string    `json:"role"`
	Actor  string    `json:"actor"`
	Source string    `json:"source"`
	Time   time.Time `json:"time"`
	// Conflict is set when two desks took different decisions on the same
	// submission: nobody should act until people have sorted it out.
	Conflict bool `json:"conflict,omitempty"`
}

// Inbox folds review events into where each document stands. Feed it
// every event with Add (any order), then call Items. It is the events'
// view of what review.Inbox reads from the files in a shared folder: the
// proposal is known from the events' fields (attribute, secrecy line) and
// the draft's mark (document type, policy document), not from the signed
// trail, so a 定密 record without a level is not seen here.
type Inbox struct {
	steps map[string][]inboxEntry
	marks map[string]inboxEntry
}

type inboxEntry struct {
	source string
	e      audit.Event
}

// NewInbox returns an empty Inbox.
func NewInbox() *Inbox {
	return &Inbox{steps: map[string][]inboxEntry{}, marks: map[string]inboxEntry{}}
}

// Add offers one event; only review steps and marks are kept.
func (b *Inbox) Add(source string, e audit.Event) {
	if e.DocID == "" {
		return
	}
	switch e.Type {
	case audit.TypeReviewSubmit, audit.TypeReviewApprove, audit.TypeReviewReturn, audit.TypeReviewSign:
		b.steps[e.DocID] = append(b.steps[e.DocID], inboxEntry{source, e})
	case audit.TypeMark:
		if old, ok := b.marks[e.DocID]; !ok || e.Time.After(old.e.Time) {
			b.marks[e.DocID] = inboxEntry{source, e}
		}
	}
}

// Items returns the documents that wait for someone under route rt,
// oldest step first. Issued documents are left out.
func (b *Inbox) Items(rt review.Route) []InboxItem {
	var out []InboxItem
	for id, steps := range b.steps {
		last := steps[0]
		for _, s := range steps[1:] {
			if laterStep(s, last) {
				last = s
			}
		}
		e := last.e
		action, role := e.Details["decision"], e.Details["role"]
		st := review.StateOf([]review.Step{{Action: action, Role: role}})
		mark := b.marks[id]
		p := &review.Proposal{Attribute: e.Attribute, Secrecy: e.Secrecy, PolicyDoc: mark.e.Details["policy_doc"] == "true"}
		waits := review.Waits(st, review.CheckSubject{P: p, DocType: mark.e.Details["doc_type"]}, rt)
		conflict := false
		for _, s := range steps {
			conflict = conflict || (s.e.Details["prev"] == e.Details["prev"] && s.e.Details["step_hash"] != e.Details["step_hash"] &&
				s.e.Details["reset"] == e.Details["reset"])
		}
		if waits == "" && !conflict {
			continue
		}
		file := e.File // the step's input; its output is the copy that waits
		if o := e.Details["output"]; o != "" {
			file = filepath.Base(o)
		}
		out = append(out, InboxItem{DocID: id, Title: mark.e.Details["title"], File: file, State: string(st), Waits: waits,
			Action: action, Role: role, Actor: e.Actor.Name, Source: last.source, Time: e.Time, Conflict: conflict})
	}
	slices.SortFunc(out, func(a, b InboxItem) int {
		return cmp.Or(a.Time.Compare(b.Time), cmp.Compare(a.DocID, b.DocID))
	})
	return out
}

// laterStep orders a document's steps by time, then by step number (a
// reset starts a new trail whose numbers begin again, so time comes
// first), then by desk name so the choice never depends on input order.
func laterStep(a, b inboxEntry) bool {
	if c := a.e.Time.Compare(b.e.Time); c != 0 {
		return c > 0
	}
	sa, _ := strconv.Atoi(a.e.Details["step"])
	sb, _ := strconv.Atoi(b.e.Details["step"])
	if sa != sb {
		return sa > sb
	}
	return a.source > b.source
}
