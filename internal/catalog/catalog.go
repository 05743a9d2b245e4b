package catalog

import (
	"cmp"
	"slices"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/decision"
)

// Entry is one line of the 公开目录.
type Entry struct {
	IndexNo   string `json:"index_no"`   // 索引号
	DocNumber string `json:"doc_number"` // 文号
	Title     string `json:"title"`      // 标题
	Date      string `json:"date"`       // 成文日期 YYYY-MM-DD
	Publisher string `json:"publisher"`  // 发布机构
	Topic     string `json:"topic"`      // 主题分类
	Via       string `json:"via"`        // 公开方式
	Validity  string `json:"validity"`   // 有效性: 有效 / 已修改 / 已废止 / 已失效
	URL       string `json:"url,omitempty"`
	DocID     string `json:"doc_id"` // 文档编号
}

// Header is the column row of the exports, in Entry's order.
var Header = []string{"索引号", "文号", "标题", "成文日期", "发布机构", "主题分类", "公开方式", "有效性", "网址", "文档编号"}

// Cells returns e in Header's order.
func (e Entry) Cells() []string {
	return []string{e.IndexNo, e.DocNumber, e.Title, e.Date, e.Publisher, e.Topic, e.Via, e.Validity, e.URL, e.DocID}
}

type doc struct {
	first  decision.Event // earliest event: allocation order
	events decision.Doc
}

// Builder collects events. It is not safe for concurrent use.
type Builder struct {
	docs map[string]*doc
}

// NewBuilder returns an empty Builder.
func NewBuilder() *Builder { return &Builder{docs: map[string]*doc{}} }

// Add offers one event from source (the unit whose log it is).
func (b *Builder) Add(source string, e audit.Event) {
	if e.DocID == "" {
		return
	}
	switch e.Type {
	case audit.TypeMark, audit.TypeReviewSign, audit.TypeLifecycle:
	default:
		return
	}
	n := decision.Keep(source, &e, 0)
	d := b.docs[e.DocID]
	if d == nil {
		d = &doc{first: n}
		b.docs[e.DocID] = d
	}
	if earlier(&n, &d.first) {
		d.first = n
	}
	d.events.Add(source, &e, 0)
}

// earlier orders events by time, then source and seq, so the allocation
// never depends on the order events were added.
func earlier(a, b *decision.Event) bool { return decision.Later(b, a) }

// AddLog adds every event of l under source.
func (b *Builder) AddLog(l *audit.Log, source string) error {
	return l.ListTypes(audit.Filter{}, decision.Types, func(e audit.Event) error {
		b.Add(source, e)
		return nil
	})
}

// Options choose what Entries lists.
type Options struct {
	Year            int
	IncludeUnsigned bool // also documents only marked, never signed
}

// Entries returns the catalog of year: publicly disclosed documents dated
// in it, by 索引号. Numbers are allocated over every public document of a
// unit and year, whether or not listed, so that they do not change when
// a document is signed later.
func (b *Builder) Entries(c Config, opt Options) []Entry {
	type cand struct {
		id   string
		d    *doc
		o    decision.Outcome
		date time.Time
	}
	groups := map[string][]cand{} // unit \x00 year → documents
	for id, d := range b.docs {
		o := d.events.Fold(nil)
		if o.Decision == nil {
			continue
		}
		a := o.Decision.Attribute()
		if a != attr.Public && a != attr.Redacted {
			continue
		}
		date := dateOf(o.Decision.LocalTime())
		if m := o.Draft; m != nil {
			if t, err := time.Parse(time.DateOnly, m.Detail("issue_date")); err == nil {
				date = t
			}
		}
		k := d.first.Source() + "\x00" + date.Format("2006")
		groups[k] = append(groups[k], cand{id, d, o, date})
	}
	var out []Entry
	for _, list := range groups {
		slices.SortFunc(list, func(x, y cand) int {
			if earlier(&x.d.first, &y.d.first) {
				return -1
			}
			if earlier(&y.d.first, &x.d.first) {
				return 1
			}
			return cmp.Compare(x.id, y.id)
		})
		for i, cd := range list {
			if cd.date.Year() != opt.Year || (!opt.IncludeUnsigned && !cd.o.Signed) {
				continue
			}
			out = append(out, entryOf(c, cd.id, cd.d, cd.o, cd.date, i+1))
		}
	}
	slices.SortFunc(out, func(x, y Entry) int {
		return cmp.Or(cmp.Compare(x.Publisher, y.Publisher), cmp.Compare(x.IndexNo, y.IndexNo))
	})
	return out
}

func entryOf(c Config, id string, d *doc, o decision.Outcome, date time.Time, seq int) Entry {
	e := Entry{IndexNo: c.IndexNumber(date.Year(), seq), Date: date.Format(time.DateOnly), Publisher: d.first.Source(),
		DocID: id, Via: c.Via, Validity: "有效"}
	if dm := o.Draft; dm != nil {
		e.DocNumber, e.Title, e.Topic = dm.Detail("doc_number"), dm.Detail("title"), dm.Detail("topic")
		if v := dm.Detail("via"); v != "" {
			e.Via = v
		}
	}
	var latest *decision.Event
	for i := range d.events.Lifecycle() {
		n := &d.events.Lifecycle()[i]
		switch st := n.Detail("state"); st {
		case "published":
			if u := n.Detail("url"); u != "" {
				e.URL = u
			}
			continue
		case "interpretation-published", "declassified": // no change of validity
			continue
		}
		if latest == nil || earlier(latest, n) {
			latest = n
		}
	}
	if latest != nil {
		switch latest.Detail("state") {
		case "amended":
			e.Validity = "已修改"
		case "repealed":
			e.Validity = "已废止"
		case "expired":
			e.Validity = "已失效"
		}
	}
	return e
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
