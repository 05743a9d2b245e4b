package stats

import (
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/decision"
)

// grounds are the sub-grounds withheld and on-request documents are
// counted by, in the order of 条例第十四–十六条, keyed by basis id.
var grounds = []struct{ basis, label string }{
	{"条例第十四条", "第十四条：依法确定为国家秘密"},
	{"条例第十四条（法律法规禁止）", "第十四条：法律、行政法规禁止公开"},
	{"条例第十四条（三安全一稳定）", "第十四条：危及“三安全一稳定”"},
	{"条例第十五条", "第十五条：保护第三方合法权益"},
	{"条例第十六条第一款", "第十六条：内部事务信息"},
	{"条例第十六条第二款", "第十六条：过程性信息"},
	{"条例第十六条第二款（行政执法案卷）", "第十六条：行政执法案卷信息"},
	{"条例第二十七条", "第二十七条：依申请公开"},
	{"条例第三十七条", "第三十七条：区分处理后公开"},
}

// groundLabel returns the row a non-public decision counts under. The bare
// 第十四条 id is the 国家秘密 ground only with a secrecy level: without one
// (decisions recorded before the ground was split) the sub-ground is not
// known, and guessing 国家秘密 would overstate it.
func groundLabel(d doc) string {
	b, ok := attr.LookupBasis(d.decision.Basis())
	if !ok {
		return NoGround
	}
	if b.ID == "条例第十四条" && d.decision.Secrecy() == "" {
		return "第十四条：未区分具体情形（无密级）"
	}
	for _, g := range grounds {
		if g.basis == b.ID {
			return g.label
		}
	}
	return NoGround
}

// GroundRows returns the sub-ground rows in their order.
func GroundRows() []string {
	var out []string
	for _, g := range grounds {
		out = append(out, g.label)
	}
	return out
}

func groundTable(header []string, cols []column, docs []doc) Table {
	var withBasis []doc
	for _, d := range docs {
		if d.attribute != attr.Public {
			withBasis = append(withBasis, d)
		}
	}
	t := matrix("按依据", "公文公开属性认定情况（已签发）二、非主动公开文件按依据（分款分情形）", "依据", header, cols, withBasis, groundLabel)
	// Every ground row is shown, in article order, also when zero.
	byLabel := map[string]Row{}
	for _, r := range t.Rows {
		byLabel[r.Label] = r
	}
	t.Rows = nil
	for _, l := range GroundRows() {
		if r, ok := byLabel[l]; ok {
			t.Rows = append(t.Rows, r)
			delete(byLabel, l)
		} else {
			t.Rows = append(t.Rows, Row{l, make([]int, len(cols)+1)})
		}
	}
	for _, l := range []string{"第十四条：未区分具体情形（无密级）", NoGround} {
		if r, ok := byLabel[l]; ok {
			t.Rows = append(t.Rows, r)
		}
	}
	return t
}

// Lifecycle states as recorded in lifecycle events (Details["state"]).
var lifecycleStates = []struct{ id, label string }{
	{"amended", "已修改"}, {"repealed", "已废止"}, {"expired", "已失效"},
}

// parseDate parses a YYYY-MM-DD detail. Most events carry none: an empty
// one is told apart before time.Parse, whose error would cost an
// allocation per document.
func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}

// lifecycleDate is the date a lifecycle event states, else its local day.
func lifecycleDate(n *decision.Event) time.Time {
	if t, ok := parseDate(n.Detail("date")); ok {
		return t
	}
	lt := n.LocalTime()
	return time.Date(lt.Year(), lt.Month(), lt.Day(), 0, 0, 0, 0, time.UTC)
}

// stateAt returns each document's lifecycle state at the end of year (its
// latest published lifecycle event dated in or before the year), by its
// place in b.docs; nil when it has none.
func (b *Builder) stateAt(year int) []*decision.Event {
	out := make([]*decision.Event, b.docs.n)
	for i := range b.docs.n {
		d := b.docs.at(i)
		var best *decision.Event
		var bestDate time.Time
		for j := range d.Lifecycle() {
			n := &d.Lifecycle()[j]
			if b.unpublished(n) || publication(n) {
				continue
			}
			date := lifecycleDate(n)
			if date.Year() > year {
				continue
			}
			if best == nil || date.After(bestDate) || date.Equal(bestDate) && decision.Later(n, best) {
				best, bestDate = n, date
			}
		}
		out[i] = best
	}
	return out
}

func (b *Builder) lifecycleTable(states []*decision.Event) Table {
	t := Table{Name: "状态变更", Title: "九、已发布文件状态变更（修改、废止、失效，以标注的日期计）", Header: []string{"状态", "文件数"}, Total: true}
	counts := map[string]int{}
	for _, n := range states {
		if n != nil && lifecycleDate(n).Year() == b.year {
			counts[n.Detail("state")]++
		}
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

// normativeTable is the template's row 规范性文件 (第二部分 主动公开政府信息
// 情况): issued this year, repealed this year (废止 or 失效), in force at the
// end of the year. Only signed documents of type 规范性文件 count.
func (b *Builder) normativeTable(all []doc, states []*decision.Event) Table {
	t := Table{Name: "规范性文件", Title: "八、规范性文件（年度报告“主动公开政府信息情况”栏目）",
		Header: []string{"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"}}
	var issued, repealed, inForce int
	for _, d := range all {
		if !d.signed || d.docType != Normative || int(d.year) > b.year {
			continue
		}
		if int(d.year) == b.year {
			issued++
		}
		// A key with "\x00" is no document id: its state was never looked up.
		n := states[d.index]
		gone := n != nil && b.docs.keyed[d.index] && (n.Detail("state") == "repealed" || n.Detail("state") == "expired")
		if gone && lifecycleDate(n).Year() == b.year {
			repealed++
		}
		if !gone {
			inForce++
		}
	}
	t.Rows = []Row{{Normative, []int{issued, repealed, inForce}}}
	return t
}

// publication reports whether n only records that a document or its 解读
// was published (docattr lifecycle --state published), or its 解密: no
// change of the document's force.
func publication(n *decision.Event) bool {
	s := n.Detail("state")
	return s == "published" || s == "interpretation-published" || s == "declassified"
}
