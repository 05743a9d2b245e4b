// Package due lists what falls due for the openness office from the audit
// events: secrecy periods that end and the yearly secrecy review
// (《保守国家秘密法》), withheld and on-request documents to re-evaluate
// (条例第十八条), public documents not yet published within 20 working days
// (条例第二十六条), policy documents whose 解读 is not published within 3
// working days (国办发〔2016〕80号), and 废止/失效 documents to flag on the
// website.
//
// A document's state is folded from its events like the statistics: the
// signer's decision when signed, else the latest mark; its date is the
// 成文日期 (the mark's issue_date), else of signing or marking. Lifecycle
// events with state "published" (the document is on the website, with the
// date and URL) and "interpretation-published" close the publication
// items; a "published" event dated on or after a 废止/失效 closes that
// change's website item.
package due

import (
	"cmp"
	"slices"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/decision"
)

// Kinds of items, in the order they are listed.
const (
	SecrecyEnds     = "secrecy-ends"             // 保密期限届满
	SecrecyReview   = "secrecy-review"           // 年度定密审核
	Reevaluate      = "reevaluate"               // 不予公开、依申请公开定期评估（条例第十八条）
	Unpublished     = "unpublished"              // 主动公开满20个工作日未发布（条例第二十六条）
	NoInterp        = "no-interpretation"        // 政策性文件3个工作日内未发布解读
	WebsiteNotice   = "website-notice"           // 废止、失效须在网站原文上标注
	PublishedState  = "published"                // lifecycle state: the document is on the website
	InterpPublished = "interpretation-published" // lifecycle state: its 解读 is on the website
)

// KindLabel names each kind for people.
var KindLabel = map[string]string{
	SecrecyEnds: "保密期限即将届满", SecrecyReview: "年度保密审核（定密复核）", Reevaluate: "不公开、依申请公开文件定期评估",
	Unpublished: "主动公开文件应在20个工作日内公开", NoInterp: "政策性文件解读应在3个工作日内发布", WebsiteNotice: "废止、失效文件须在网站原文上标注",
}

var kindOrder = []string{SecrecyEnds, SecrecyReview, Reevaluate, Unpublished, NoInterp, WebsiteNotice}

// Item is one thing that falls due.
type Item struct {
	Kind      string `json:"kind"`
	Label     string `json:"label"`
	DocID     string `json:"doc_id"`
	File      string `json:"file,omitempty"`
	Attribute string `json:"attribute,omitempty"`
	Secrecy   string `json:"secrecy,omitempty"`
	Issued    string `json:"issued,omitempty"` // 成文日期 (or signing/marking day), YYYY-MM-DD
	Due       string `json:"due"`              // YYYY-MM-DD
	Overdue   bool   `json:"overdue"`
	Source    string `json:"source,omitempty"`
}

// Options say when and how far ahead to look.
type Options struct {
	Today    time.Time // the day the list is for; its date only
	Within   int       // days ahead to include; overdue items are always included
	Calendar Calendar
}

// Builder collects events. It is not safe for concurrent use.
type Builder struct {
	docs map[string]*decision.Doc
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{docs: map[string]*decision.Doc{}} }

// Add offers one event from source; other events than marks, signatures
// and lifecycle changes, and events without a document id, are ignored.
func (b *Builder) Add(source string, e audit.Event) {
	if e.DocID == "" {
		return
	}
	switch e.Type {
	case audit.TypeMark, audit.TypeReviewSign, audit.TypeLifecycle:
	default:
		return
	}
	s := b.docs[e.DocID]
	if s == nil {
		s = &decision.Doc{}
		b.docs[e.DocID] = s
	}
	s.Add(source, &e, decision.KeepFile)
}

// AddLog adds every event of l under source.
func (b *Builder) AddLog(l *audit.Log, source string) error {
	return l.ListTypes(audit.Filter{}, decision.Types, func(e audit.Event) error {
		b.Add(source, e)
		return nil
	})
}

// Items returns what falls due by opt.Today + opt.Within days, overdue
// first within each kind, kinds in a fixed order.
func (b *Builder) Items(opt Options) []Item {
	today := dateOf(opt.Today)
	horizon := today.AddDate(0, 0, max(opt.Within, 0))
	var out []Item
	for id, s := range b.docs {
		o := s.Fold(nil)
		if o.Decision == nil {
			continue
		}
		d := o.Decision
		issued := dateOf(d.LocalTime())
		mark := o.Draft
		if mark != nil {
			if t, err := time.Parse(time.DateOnly, mark.Detail("issue_date")); err == nil {
				issued = t
			}
		}
		file := d.File()
		add := func(kind string, when time.Time) {
			if when.After(horizon) {
				return
			}
			out = append(out, Item{Kind: kind, Label: KindLabel[kind], DocID: id, File: file, Attribute: d.Attribute(),
				Secrecy: d.Secrecy(), Issued: issued.Format(time.DateOnly), Due: when.Format(time.DateOnly),
				Overdue: when.Before(today), Source: d.Source()})
		}
		life, lifeDate := latestChange(s.Lifecycle())
		gone := life == "repealed" || life == "expired"
		published, pubDate := lastOf(s.Lifecycle(), PublishedState)
		interp, _ := lastOf(s.Lifecycle(), InterpPublished)

		if gone {
			if !published || pubDate.Before(lifeDate) {
				add(WebsiteNotice, lifeDate)
			}
			continue // nothing else is due for a document no longer in force
		}
		switch {
		case d.Secrecy() != "" && life != "declassified":
			if mark != nil {
				if until, err := time.Parse(time.DateOnly, mark.Detail("secrecy_until")); err == nil {
					add(SecrecyEnds, until)
				}
			}
			add(SecrecyReview, nextAnniversary(issued, today))
		case d.Attribute() == attr.Withheld || d.Attribute() == attr.OnRequest:
			add(Reevaluate, nextAnniversary(issued, today))
		case d.Attribute() == attr.Public:
			deadline := opt.Calendar.AddWorkdays(issued, 20)
			if !published {
				add(Unpublished, deadline)
			}
			policy := mark != nil && mark.Detail("policy_doc") == "true"
			if policy && !interp {
				from := issued
				if published {
					from = pubDate
				}
				add(NoInterp, opt.Calendar.AddWorkdays(from, 3))
			}
		}
	}
	slices.SortFunc(out, func(a, b Item) int {
		return cmp.Or(cmp.Compare(slices.Index(kindOrder, a.Kind), slices.Index(kindOrder, b.Kind)),
			cmp.Compare(a.Due, b.Due), cmp.Compare(a.DocID, b.DocID))
	})
	return out
}

// nextAnniversary returns the first anniversary of issued on or after
// today (the yearly review falls on the day the document was issued).
func nextAnniversary(issued, today time.Time) time.Time {
	years := today.Year() - issued.Year()
	for {
		a := issued.AddDate(years, 0, 0)
		if !a.Before(today) && years >= 1 {
			return a
		}
		years++
	}
}

// lifecycleDate is the date an event states, else its local day.
func lifecycleDate(e *decision.Event) time.Time {
	if t, err := time.Parse(time.DateOnly, e.Detail("date")); err == nil {
		return t
	}
	return dateOf(e.LocalTime())
}

// latestChange returns the latest lifecycle state that changes the
// document (not the publication records) and its date.
func latestChange(list []decision.Event) (string, time.Time) {
	var best *decision.Event
	for i := range list {
		n := &list[i]
		switch n.Detail("state") {
		case PublishedState, InterpPublished:
			continue
		}
		if best == nil || decision.Later(n, best) {
			best = n
		}
	}
	if best == nil {
		return "", time.Time{}
	}
	return best.Detail("state"), lifecycleDate(best)
}

// lastOf reports whether a lifecycle event of state exists and the latest
// date it states.
func lastOf(list []decision.Event, st string) (bool, time.Time) {
	var found bool
	var when time.Time
	for i := range list {
		if n := &list[i]; n.Detail("state") == st {
			if d := lifecycleDate(n); !found || d.After(when) {
				when = d
			}
			found = true
		}
	}
	return found, when
}
