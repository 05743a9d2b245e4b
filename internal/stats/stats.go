// Package stats counts a year of disclosure decisions from audit events:
// the office's 公文公开属性认定情况 and the annual report's (政府信息公开工作
// 年度报告, 国办公开办函〔2021〕30号 template) 规范性文件 row.
//
// # Counting rule
//
// A document is its record's DocID and counts once. Its decision is the
// signer's (its latest review.sign event) when it was signed, else its
// latest mark; documents never signed are counted apart (未签发). Its year
// and month are those of its 成文日期 (the mark event's issue_date detail),
// else of the signing, else of the latest mark, in the zone the event
// happened in. Events of every source (the local log and imported logs of
// other installations) are pooled before choosing, so a document marked at
// one installation and signed at another counts once, by the signature.
// Withheld and on-request documents are counted by the sub-ground of their
// basis (第十四条 国家秘密 / 法律法规禁止 / 三安全一稳定, 第十五条, 第十六条
// 内部事务 / 过程性 / 行政执法案卷). Lifecycle events (已修改/已废止/已失效)
// count by the date they carry. An event whose output was never published
// (a later audit.TypePublishFailed names it) does not count.
//
// What the annual report's tables about applications (依申请公开 answers,
// refusals by ground) count cannot come from here: those are answers to
// applications, not decisions on 公文 (see docs/annual-report.md).
//
// Feed events to a Builder with Add in any order, then call Report.
package stats

import (
	"cmp"
	"maps"
	"slices"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/decision"
)

// LocalSource labels events of this installation's own log in the
// by-source table unless the caller passes a unit name.
const LocalSource = "本机"

// Labels used for rows that have no better name.
const (
	NoActor   = "（未署名）"
	NoGround  = "未注明或无法对应的依据"
	NoDocType = "（未注明类型）"
	// Normative is the document type the 规范性文件 row counts.
	Normative = "规范性文件"
	// DetailIssueDate is the mark event detail holding the 成文日期
	// (YYYY-MM-DD) when the draft had one.
	DetailIssueDate = "issue_date"
)

// YearFilter selects the events a year's count may need. A document's year
// is that of its 成文日期, not of its events, and a 规范性文件 issued years
// ago still counts as 现行有效, so every event is read.
func YearFilter(year int) audit.Filter { return audit.Filter{} }

// Builder collects events. It is not safe for concurrent use.
type Builder struct {
	year   int
	docs   docTable           // each document's marks, signatures and lifecycle events
	failed map[failedKey]bool // events whose output was never published
	keeper decision.Keeper    // for events read in place (AddLog)
}

type failedKey struct {
	source string
	hash   decision.Hash
}

// NewBuilder returns a Builder counting year.
func NewBuilder(year int) *Builder {
	return &Builder{year: year, docs: newDocTable(), failed: map[failedKey]bool{}}
}

// Add offers one event from source. Events other than marks, signatures
// and lifecycle changes are ignored. What the counts read of the event is
// copied (decision.Keep); the rest is not kept.
func (b *Builder) Add(source string, e audit.Event) {
	switch e.Type {
	case audit.TypeMark, audit.TypeReviewSign, audit.TypeLifecycle:
	case audit.TypePublishFailed:
		b.failed[failedKey{source, decision.HashOf(e.Details["failed_hash"])}] = true
		return
	default:
		return
	}
	key := e.DocID
	if key == "" { // not written by docattr's marker: the event is its own document
		key = source + "\x00" + e.Hash
	}
	b.docs.get([]byte(key)).Add(source, &e, decision.KeepHash)
}

// unpublished reports whether n's output was never published.
func (b *Builder) unpublished(n *decision.Event) bool {
	return len(b.failed) > 0 && b.failed[failedKey{n.Source(), n.Hash}]
}

// doc is one document with its final decision.
type doc struct {
	decision  *decision.Event // the signature, else the latest mark
	mark      *decision.Event // the draft the decision stands on; nil when only a signature was seen
	attribute string          // the decision's
	docType   string
	index     int32      // in Builder.docs
	year      int32      // of the 成文日期, else of the signing, else of the marking (local date)
	month     time.Month // of the same date
	signed    bool
}

// documents returns the marked or signed documents with their decisions
// that a count of the year reads: those dated in the year, and the signed
// 规范性文件 dated before it (normativeTable). The documents are folded
// twice, to count them and then to fill a slice of just that size: at a
// million events the slice is a tenth of the count's memory.
func (b *Builder) documents() []doc {
	n := 0
	b.eachDocument(func(doc) { n++ })
	out := make([]doc, 0, n)
	b.eachDocument(func(d doc) { out = append(out, d) })
	return out
}

func (b *Builder) eachDocument(fn func(doc)) {
	for i := range b.docs.n {
		o := b.docs.at(i).Fold(b.unpublished)
		if o.Decision == nil {
			continue
		}
		// For a signed document the type and date are those of the draft
		// the signer saw: a re-mark after signing (a batch re-run) does
		// not change them.
		d := doc{decision: o.Decision, mark: o.Draft, signed: o.Signed, index: int32(i), attribute: o.Decision.Attribute()}
		dated := d.decision.LocalTime()
		if d.mark != nil {
			d.docType = d.mark.Detail("doc_type")
			if t, ok := parseDate(d.mark.Detail(DetailIssueDate)); ok {
				dated = t
			}
		}
		d.year, d.month = int32(dated.Year()), dated.Month()
		if int(d.year) == b.year || int(d.year) < b.year && d.signed && d.docType == Normative {
			fn(d)
		}
	}
}

// Row is one line of a table: a label and one count per value column.
type Row struct {
	Label  string
	Values []int
}

// Table is one block of the report. Header names the label column and then
// the value columns. With Total set, renderers add a 合计 row.
type Table struct {
	Name   string // short name, used as the XLSX sheet name
	Title  string // heading for people
	Header []string
	Rows   []Row
	Total  bool
}

// Totals returns the column sums of t.
func (t Table) Totals() []int {
	if len(t.Rows) == 0 {
		return make([]int, len(t.Header)-1)
	}
	sum := make([]int, len(t.Rows[0].Values))
	for _, r := range t.Rows {
		for i, v := range r.Values {
			sum[i] += v
		}
	}
	return sum
}

// Report is a finished count for one year.
type Report struct {
	Year      int
	Documents int      // signed documents dated in the year
	Unsigned  int      // documents dated in the year never signed
	Sources   []string // sources whose documents are counted, sorted
	// 公文公开属性认定情况 (signed documents): by attribute, by ground, by
	// document type, by month, by unit, by drafter; then the documents
	// never signed, the template's 规范性文件 row and lifecycle changes.
	ByAttribute, ByGround, ByType, ByMonth, BySource, ByDrafter, NotSigned, NormativeRow, Lifecycle Table
}

// Tables returns the report's tables in reading order.
func (r Report) Tables() []Table {
	return []Table{r.ByAttribute, r.ByGround, r.ByType, r.ByMonth, r.BySource, r.ByDrafter, r.NotSigned, r.NormativeRow, r.Lifecycle}
}

// column is one attribute column of the matrix tables.
type column struct{ id, label string }

// Report computes the tables from the events added so far.
func (b *Builder) Report() Report {
	all := b.documents()
	states := b.stateAt(b.year)
	// The year's signed documents, then its unsigned ones, then the rest,
	// in place (the order of documents changes no count): copying them into
	// new slices held a third more memory at the count's peak.
	lo, mid, hi := 0, 0, len(all)
	for mid < hi {
		switch d := &all[mid]; {
		case int(d.year) != b.year:
			hi--
			all[mid], all[hi] = all[hi], all[mid]
		case d.signed:
			all[lo], all[mid] = all[mid], all[lo]
			lo++
			mid++
		default:
			mid++
		}
	}
	docs, unsigned := all[:lo:lo], all[lo:mid:mid]
	srcs := map[string]bool{}
	for _, list := range [][]doc{docs, unsigned} {
		for _, d := range list {
			srcs[d.decision.Source()] = true
		}
	}
	sources := slices.Sorted(maps.Keys(srcs))
	cols := attributeColumns(docs, unsigned)
	r := Report{Year: b.year, Documents: len(docs), Unsigned: len(unsigned), Sources: sources}
	const part = "公文公开属性认定情况（已签发）"

	r.ByAttribute = Table{Name: "按公开属性", Title: part + "一、按公开属性", Header: []string{"公开属性", "文件数"}, Total: true}
	for _, c := range cols {
		n := 0
		for _, d := range docs {
			if d.attribute == c.id {
				n++
			}
		}
		r.ByAttribute.Rows = append(r.ByAttribute.Rows, Row{c.label, []int{n}})
	}
	header := []string{""}
	for _, c := range cols {
		header = append(header, c.label)
	}
	header = append(header, "合计")

	r.ByGround = groundTable(header, cols, docs)
	r.ByType = matrix("按文件类型", part+"三、按文件类型", "文件类型", header, cols, docs, func(d doc) string {
		if d.docType == "" {
			return NoDocType
		}
		return d.docType
	})
	r.ByMonth = Table{Name: "按月份", Title: part + "四、按月份（以成文日期计）", Header: slices.Clone(header), Total: true}
	r.ByMonth.Header[0] = "月份"
	counts := matrixCounts(cols, docs, func(d doc) string { return monthLabel(int(d.month)) })
	for m := 1; m <= 12; m++ {
		r.ByMonth.Rows = append(r.ByMonth.Rows, Row{monthLabel(m), rowValues(counts[monthLabel(m)], len(cols))})
	}
	r.BySource = matrix("按单位", part+"五、按单位（日志来源）", "单位（来源）", header, cols, docs, func(d doc) string { return d.decision.Source() })
	r.ByDrafter = matrix("按拟稿人", part+"六、按拟稿人（标注人）", "拟稿人", header, cols, docs, func(d doc) string {
		if d.mark == nil || d.mark.Actor() == "" {
			return NoActor
		}
		return d.mark.Actor()
	})
	r.NotSigned = Table{Name: "未签发", Title: "七、未签发（只有拟稿标注，不计入以上各表）", Header: []string{"拟标注的公开属性", "文件数"}, Total: true}
	for _, c := range cols {
		n := 0
		for _, d := range unsigned {
			if d.attribute == c.id {
				n++
			}
		}
		r.NotSigned.Rows = append(r.NotSigned.Rows, Row{c.label, []int{n}})
	}
	r.NormativeRow = b.normativeTable(all, states)
	r.Lifecycle = b.lifecycleTable(states)
	return r
}

// attributeColumns returns the standard attributes in their order, then
// any other attribute the documents carry (删减后公开, or ids a newer
// version wrote), sorted.
func attributeColumns(lists ...[]doc) []column {
	var cols []column
	for _, a := range attr.Attributes(nil) {
		cols = append(cols, column{a.ID, a.Zh})
	}
	var extra []string
	for _, docs := range lists {
		for _, d := range docs {
			id := d.attribute
			if !slices.ContainsFunc(cols, func(c column) bool { return c.id == id }) && !slices.Contains(extra, id) {
				extra = append(extra, id)
			}
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		label := id
		if a, ok := attr.Lookup(id); ok {
			label = a.Zh
		} else if id == "" {
			label = "（未注明）"
		}
		cols = append(cols, column{id, label})
	}
	return cols
}

// matrix counts docs by key (rows) and attribute (columns) with a total
// column; rows are sorted by total, largest first, then by label.
func matrix(name, title, labelHeader string, header []string, cols []column, docs []doc, key func(doc) string) Table {
	h := slices.Clone(header)
	h[0] = labelHeader
	t := Table{Name: name, Title: title, Header: h, Total: true}
	counts := matrixCounts(cols, docs, key)
	for label, c := range counts {
		t.Rows = append(t.Rows, Row{label, rowValues(c, len(cols))})
	}
	slices.SortFunc(t.Rows, func(a, b Row) int {
		if c := cmp.Compare(b.Values[len(b.Values)-1], a.Values[len(a.Values)-1]); c != 0 {
			return c
		}
		return cmp.Compare(a.Label, b.Label)
	})
	return t
}

func matrixCounts(cols []column, docs []doc, key func(doc) string) map[string][]int {
	counts := map[string][]int{}
	for _, d := range docs {
		k := key(d)
		if counts[k] == nil {
			counts[k] = make([]int, len(cols))
		}
		for i, c := range cols {
			if d.attribute == c.id {
				counts[k][i]++
			}
		}
	}
	return counts
}

// rowValues returns counts (may be nil) followed by their sum.
func rowValues(counts []int, n int) []int {
	v := make([]int, n+1)
	copy(v, counts)
	for _, c := range v[:n] {
		v[n] += c
	}
	return v
}

func monthLabel(m int) string {
	return []string{"", "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月"}[m]
}

// addTypes are the event types Add reads.
var addTypes = append(slices.Clone(decision.Types), audit.TypePublishFailed)

// AddLog adds the events of l under source, as Add would, reading each in
// place (audit.View) rather than decoding it. A tampered event stops it
// with the log's ErrTampered error.
func (b *Builder) AddLog(l *audit.Log, source string) error {
	return l.ViewTypes(YearFilter(b.year), addTypes, func(w *audit.View) error {
		b.addView(source, w)
		return nil
	})
}

// addView is Add for an event read in place.
func (b *Builder) addView(source string, w *audit.View) {
	switch string(w.Type()) {
	case audit.TypeMark, audit.TypeReviewSign, audit.TypeLifecycle:
	case audit.TypePublishFailed:
		h, _ := w.Detail("failed_hash")
		b.failed[failedKey{source, decision.HashOf(string(h))}] = true
		return
	default:
		return
	}
	id := w.DocID()
	if len(id) == 0 {
		id = []byte(source + "\x00" + string(w.Hash()))
	}
	d := b.docs.get(id)
	d.AddView(&b.keeper, source, w, decision.KeepHash)
}
