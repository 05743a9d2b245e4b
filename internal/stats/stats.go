// Package stats counts a year of disclosure decisions from audit events, for
// the annual report on government information disclosure (政府信息公开工作
// 年度报告) and for the office's own overview.
//
// # Counting rule
//
// A document is its record's DocID. Each document counts once per year, by
// its latest "mark" event whose local time (the zone it happened in) falls
// in that year: a draft marked 依申请公开 in March and re-marked 主动公开 in
// May is one 主动公开 document of May. Events of every source (the local log
// and imported logs of other installations) are pooled before choosing the
// latest, so a document marked at two installations still counts once.
// Withheld documents are further counted by the annual report row of their
// legal basis (attr.Basis.ReportRow). Lifecycle events (已修改/已废止/已失效)
// count documents by their latest lifecycle state in the year. An event
// whose output was never published (a later audit.TypePublishFailed names
// it) does not count.
//
// Feed events to a Builder with Add in any order, then call Report.
package stats

import (
	"cmp"
	"slices"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
)

// LocalSource labels events of this installation's own log in the
// by-source table unless the caller passes a unit name.
const LocalSource = "本机"

// Labels used for rows that have no better name.
const (
	NoActor  = "（未署名）"
	NoGround = "未注明或无法对应的依据"
)

// YearFilter selects the events that can fall in year: the calendar year in
// UTC widened by a day on each side, because an event counts by its own
// local time. Builder.Add drops the events outside the year.
func YearFilter(year int) audit.Filter {
	return audit.Filter{
		From: time.Date(year-1, 12, 31, 0, 0, 0, 0, time.UTC),
		To:   time.Date(year+1, 1, 1, 0, 0, 0, 0, time.UTC),
	}
}

// Builder collects events for one year. It is not safe for concurrent use.
type Builder struct {
	year      int
	marks     map[string][]entry // document key → its mark events
	lifecycle map[string][]entry // document key → its lifecycle events
	failed    map[string]bool    // source \x00 hash of events whose output was never published
	sources   []string           // in order of first appearance
}

type entry struct {
	source string
	e      audit.Event
}

// NewBuilder returns a Builder counting year.
func NewBuilder(year int) *Builder {
	return &Builder{year: year, marks: map[string][]entry{}, lifecycle: map[string][]entry{}, failed: map[string]bool{}}
}

// Add offers one event from source. Events that are not marks or lifecycle
// changes, or that fall outside the year, are ignored. The event is copied.
func (b *Builder) Add(source string, e audit.Event) {
	var into map[string][]entry
	switch e.Type {
	case audit.TypeMark:
		into = b.marks
	case audit.TypeLifecycle:
		into = b.lifecycle
	case audit.TypePublishFailed:
		b.failed[source+"\x00"+e.Details["failed_hash"]] = true
		return
	default:
		return
	}
	if e.LocalTime().Year() != b.year {
		return
	}
	if !slices.Contains(b.sources, source) {
		b.sources = append(b.sources, source)
	}
	key := e.DocID
	if key == "" { // not written by docattr's marker: the event is its own document
		key = source + "\x00" + e.Hash
	}
	into[key] = append(into[key], entry{source, e})
}

// latest returns each document's latest event that was published.
func (b *Builder) latest(events map[string][]entry) map[string]entry {
	out := make(map[string]entry, len(events))
	for key, list := range events {
		for _, n := range list {
			if b.failed[n.source+"\x00"+n.e.Hash] {
				continue
			}
			if old, ok := out[key]; !ok || later(n, old) {
				out[key] = n
			}
		}
	}
	return out
}

// later reports whether a happened after b: by time, then (same source) by
// seq, then by source name so that the choice never depends on input order.
func later(a, b entry) bool {
	if c := a.e.Time.Compare(b.e.Time); c != 0 {
		return c > 0
	}
	if a.source == b.source {
		return a.e.Seq > b.e.Seq
	}
	return a.source > b.source
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
	Documents int      // documents counted (distinct ids with a mark in the year)
	Sources   []string // sources that contributed, in order of first event
	// Tables, in order: by attribute, withheld by ground, by month, by
	// drafter, by source, lifecycle.
	ByAttribute, WithheldByGround, ByMonth, ByDrafter, BySource, Lifecycle Table
}

// Tables returns the report's tables in reading order.
func (r Report) Tables() []Table {
	return []Table{r.ByAttribute, r.WithheldByGround, r.ByMonth, r.ByDrafter, r.BySource, r.Lifecycle}
}

// column is one attribute column of the matrix tables.
type column struct{ id, label string }

// Report computes the tables from the events added so far.
func (b *Builder) Report() Report {
	marks := b.latest(b.marks)
	docs := make([]entry, 0, len(marks))
	for _, en := range marks {
		docs = append(docs, en)
	}
	cols := attributeColumns(docs)
	r := Report{Year: b.year, Documents: len(docs), Sources: slices.Clone(b.sources)}

	r.ByAttribute = Table{Name: "按公开属性", Title: "一、按公开属性", Header: []string{"公开属性", "文件数"}, Total: true}
	for _, c := range cols {
		n := 0
		for _, d := range docs {
			if d.e.Attribute == c.id {
				n++
			}
		}
		r.ByAttribute.Rows = append(r.ByAttribute.Rows, Row{c.label, []int{n}})
	}

	r.WithheldByGround = groundTable(docs)

	header := []string{""}
	for _, c := range cols {
		header = append(header, c.label)
	}
	header = append(header, "合计")
	month := func(d entry) string { return monthLabel(int(d.e.LocalTime().Month())) }
	r.ByMonth = Table{Name: "按月份", Title: "三、按月份（以当年最后一次标注的月份计）", Header: slices.Clone(header), Total: true}
	r.ByMonth.Header[0] = "月份"
	counts := matrixCounts(cols, docs, month)
	for m := 1; m <= 12; m++ {
		r.ByMonth.Rows = append(r.ByMonth.Rows, Row{monthLabel(m), rowValues(counts[monthLabel(m)], len(cols))})
	}
	r.ByDrafter = matrix("按拟稿人", "四、按拟稿人（标注人）", "拟稿人", header, cols, docs, func(d entry) string {
		if d.e.Actor.Name == "" {
			return NoActor
		}
		return d.e.Actor.Name
	})
	r.BySource = matrix("按单位", "五、按单位（日志来源）", "单位（来源）", header, cols, docs, func(d entry) string { return d.source })
	r.Lifecycle = lifecycleTable(b.latest(b.lifecycle))
	return r
}

// attributeColumns returns the standard attributes in their order, then
// any other attribute the documents carry (删减后公开, or ids a newer
// version wrote), sorted.
func attributeColumns(docs []entry) []column {
	var cols []column
	for _, a := range attr.Attributes(nil) {
		cols = append(cols, column{a.ID, a.Zh})
	}
	var extra []string
	for _, d := range docs {
		id := d.e.Attribute
		if !slices.ContainsFunc(cols, func(c column) bool { return c.id == id }) && !slices.Contains(extra, id) {
			extra = append(extra, id)
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

// ReportRows returns the rows of the annual report's refusal table, in the
// catalogue's order.
func ReportRows() []string {
	var rows []string
	for _, b := range attr.Bases() {
		if b.ReportRow != "" && !slices.Contains(rows, b.ReportRow) {
			rows = append(rows, b.ReportRow)
		}
	}
	return rows
}

func groundTable(docs []entry) Table {
	t := Table{Name: "不予公开依据", Title: "二、不予公开文件按理由（年度报告栏目）", Header: []string{"理由", "文件数"}, Total: true}
	counts := map[string]int{}
	for _, d := range docs {
		if d.e.Attribute != attr.Withheld {
			continue
		}
		row := NoGround
		if b, ok := attr.LookupBasis(d.e.Basis); ok && b.ReportRow != "" {
			row = b.ReportRow
		}
		counts[row]++
	}
	for _, name := range ReportRows() {
		t.Rows = append(t.Rows, Row{name, []int{counts[name]}})
	}
	if n := counts[NoGround]; n > 0 {
		t.Rows = append(t.Rows, Row{NoGround, []int{n}})
	}
	return t
}

// matrix counts docs by key (rows) and attribute (columns) with a total
// column; rows are sorted by total, largest first, then by label.
func matrix(name, title, labelHeader string, header []string, cols []column, docs []entry, key func(entry) string) Table {
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

func matrixCounts(cols []column, docs []entry, key func(entry) string) map[string][]int {
	counts := map[string][]int{}
	for _, d := range docs {
		k := key(d)
		if counts[k] == nil {
			counts[k] = make([]int, len(cols))
		}
		for i, c := range cols {
			if d.e.Attribute == c.id {
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

// Lifecycle states as recorded in lifecycle events (Details["state"]).
var lifecycleStates = []struct{ id, label string }{
	{"amended", "已修改"}, {"repealed", "已废止"}, {"expired", "已失效"},
}

func lifecycleTable(docs map[string]entry) Table {
	t := Table{Name: "状态变更", Title: "六、已发布文件状态变更（修改、废止、失效）", Header: []string{"状态", "文件数"}, Total: true}
	counts := map[string]int{}
	for _, d := range docs {
		counts[d.e.Details["state"]]++
	}
	for _, s := range lifecycleStates {
		t.Rows = append(t.Rows, Row{s.label, []int{counts[s.id]}})
		delete(counts, s.id)
	}
	other := 0
	for _, n := range counts {
		other += n
	}
	if other > 0 {
		t.Rows = append(t.Rows, Row{"其他", []int{other}})
	}
	return t
}

// AddLog adds the events of l that can fall in the builder's year, under
// source. A tampered event stops it with the log's ErrTampered error.
func (b *Builder) AddLog(l *audit.Log, source string) error {
	return l.List(YearFilter(b.year), func(e audit.Event) error {
		b.Add(source, e)
		return nil
	})
}
