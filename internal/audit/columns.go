package audit

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/scan"
)

// column is one column of the CSV and XLSX exports: its Chinese heading,
// its XLSX width in characters and how an event fills it. Every value is
// worded for people (Chinese names, never internal ids), except the
// technical columns' hashes and paths.
type column struct {
	name  string
	width float64
	value func(*Event) string
}

// peopleColumns are what a reader needs: the first XLSX sheet, and the
// first columns of the CSV.
var peopleColumns = []column{
	{"序号", 8, func(e *Event) string { return strconv.FormatUint(e.Seq, 10) }},
	{"时间", 20, func(e *Event) string { return FormatTime(e) }},
	{"事件", 12, func(e *Event) string { return TypeLabel(e.Type) }},
	{"操作人", 12, func(e *Event) string { return e.Actor.Name }},
	{"文件", 30, func(e *Event) string { return baseName(e.File) }},
	{"标题", 36, func(e *Event) string { return e.Details["title"] }},
	{"公开属性", 12, func(e *Event) string { return AttributeLabel(e.Attribute) }},
	{"密级和保密期限", 16, func(e *Event) string { return e.Secrecy }},
	{"依据", 28, func(e *Event) string { return e.Basis }},
	{"理由", 36, func(e *Event) string { return e.Reason }},
	{"确认说明", 24, func(e *Event) string { return e.Acknowledged }},
	{"发现", 40, func(e *Event) string { return FindingsText(e.Findings) }},
}

// techColumns are the second XLSX sheet 技术信息 and the CSV's remaining
// columns: what verifies the chain and identifies machines and files.
var techColumns = []column{
	{"序号", 8, func(e *Event) string { return strconv.FormatUint(e.Seq, 10) }},
	{"时间", 20, func(e *Event) string { return FormatTime(e) }},
	{"时区", 10, func(e *Event) string { return zoneName(e.TZOffset) }},
	{"系统用户", 12, func(e *Event) string { return e.Actor.OSUser }},
	{"计算机", 14, func(e *Event) string { return e.Actor.Machine }},
	{"文档编号", 20, func(e *Event) string { return e.DocID }},
	{"文件路径", 50, func(e *Event) string { return e.File }},
	{"原公开属性", 12, func(e *Event) string { return AttributeLabel(e.PrevAttribute) }},
	{"原密级", 14, func(e *Event) string { return e.PrevSecrecy }},
	{"输入SHA256", 20, func(e *Event) string { return e.InputSHA256 }},
	{"输出SHA256", 20, func(e *Event) string { return e.OutputSHA256 }},
	{"版本", 10, func(e *Event) string { return e.Version }},
	{"前一哈希", 20, func(e *Event) string { return e.PrevHash }},
	{"哈希", 20, func(e *Event) string { return e.Hash }},
	{"详情", 40, func(e *Event) string { return DetailsText(e.Details) }},
}

// csvColumns are the CSV's columns: the people columns, then the technical
// ones without repeating 序号 and 时间.
var csvColumns = append(slices.Clone(peopleColumns), techColumns[2:]...)

// Header is the Chinese header row of the CSV export, one entry per column.
var Header = names(csvColumns)

func names(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.name
	}
	return out
}

// cells appends e's values in cols' order to dst.
func cells(dst []string, cols []column, e *Event) []string {
	for _, c := range cols {
		dst = append(dst, c.value(e))
	}
	return dst
}

// TimeLayout is how exports and the log screen write an event's local time;
// the zone is a column of its own.
const TimeLayout = "2006-01-02 15:04:05"

// EventTime is the one time every people-facing output shows for e: its
// local wall clock, cut to the second. CSV text and XLSX date cells both
// come from it, so the same event never differs by a second between them.
func EventTime(e *Event) time.Time { return e.LocalTime().Truncate(time.Second) }

// FormatTime is EventTime as text in TimeLayout.
func FormatTime(e *Event) string {
	var buf [len(TimeLayout)]byte
	return string(appendTime(buf[:0], EventTime(e)))
}

// appendTime appends t in TimeLayout: by hand for four-digit years, the
// million-row exports' hot path, else by time.Format.
func appendTime(dst []byte, t time.Time) []byte {
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	if y < 1000 || y > 9999 {
		return t.AppendFormat(dst, TimeLayout)
	}
	two := func(b []byte, n int) []byte { return append(b, byte('0'+n/10), byte('0'+n%10)) }
	dst = two(dst, y/100)
	dst = two(dst, y%100)
	dst = two(append(dst, '-'), int(mo))
	dst = two(append(dst, '-'), d)
	dst = two(append(dst, ' '), h)
	dst = two(append(dst, ':'), mi)
	return two(append(dst, ':'), s)
}

// typeNames are the Chinese names of the event types, for people.
var typeNames = map[string]string{
	TypeMark: "标注", TypeClean: "清理隐藏信息", TypeRedact: "遮盖个人信息", TypeReviewSubmit: "提交审核", TypeReviewApprove: "审核通过",
	TypeReviewReturn: "退回", TypeReviewSign: "签发", TypeLifecycle: "状态变更", TypeExport: "导出", TypePublishFailed: "输出失败",
	TypeCheckpoint: "检查点", TypeSettings: "设置", TypeKey: "本机密钥更换",
}

// EventTypes lists the event types that have a Chinese name, for tests and
// selectors.
func EventTypes() []string {
	out := make([]string, 0, len(typeNames))
	for t := range typeNames {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}

// TypeLabel returns the Chinese name of an event type; a type this version
// does not know comes back as itself, so nothing is shown blank.
func TypeLabel(t string) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return t
}

// TypeName returns "中文名（type）" for a known type, else the type itself:
// for the CLI, where the id is what --type takes.
func TypeName(t string) string {
	if n, ok := typeNames[t]; ok {
		return n + "（" + t + "）"
	}
	return t
}

// AttributeLabel returns the Chinese name of a disclosure attribute id
// (public → 主动公开); an unknown or empty id comes back as itself.
func AttributeLabel(id string) string {
	if a, ok := attr.Lookup(id); ok {
		return a.Zh
	}
	return id
}

// baseName is the last element of a path written on any system: the log
// may hold Windows paths read on Linux and the other way round.
func baseName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

// FindingsText says the findings in words: "须处理 身份证号：1101…（正文第3段）".
func FindingsText(fs []FindingRef) string {
	parts := make([]string, len(fs))
	for i, f := range fs {
		kind, _ := scan.KindLabel(f.Kind)
		sev, _ := scan.SeverityLabel(scan.Severity(f.Severity))
		s := sev + " " + kind + "：" + f.Excerpt
		if f.Location != "" {
			s += "（" + f.Location + "）"
		}
		parts[i] = strings.TrimSpace(s)
	}
	return strings.Join(parts, "；")
}

// detailKeys are the Chinese names of the detail keys docattr writes; an
// unknown key stays as it is.
var detailKeys = map[string]string{
	"output": "输出文件", "title": "标题", "quiet": "涉密略去", "machine": "计算机类别", "placement": "标注位置", "secrecy_found": "原有密级标志", "secrecy_until": "保密期限至",
	"policy_doc": "政策文件", "interpretation": "解读", "doc_type": "文件类型", "format": "格式", "events": "事件数",
	"filter_actor": "筛选操作人", "filter_doc": "筛选文档编号", "filter_attribute": "筛选公开属性", "filter_type": "筛选事件类型",
	"filter_from": "筛选起始日期", "filter_to": "筛选截止日期", "key_fingerprint": "密钥指纹", "fingerprint": "密钥指纹",
	"state": "状态", "role": "角色", "decision": "决定", "comment": "意见", "checklist": "核对项", "failed_seq": "失败事件序号",
	"failed_hash": "失败事件哈希", "reset": "重新开始", "changed": "已修改", "prev": "前一步",
}

// detailValueLabels say the values of detail keys another package writes
// (review's role, decision and checklist answers) in words.
var detailValueLabels = map[string]func(string) string{}

// RegisterDetailLabel lets the package that records a detail key say its
// values for people in the exports. Call it from an init function only:
// the table is read without a lock.
func RegisterDetailLabel(key string, label func(string) string) { detailValueLabels[key] = label }

// DetailsText says an event's details for people: keys by their Chinese
// names, sorted, values in words where a label is registered.
func DetailsText(d map[string]string) string {
	if len(d) == 0 {
		return ""
	}
	var keyBuf [8]string // most events have a few details: no allocation for the keys
	keys := keyBuf[:0]
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		name := k
		if zh, ok := detailKeys[k]; ok {
			name = zh
		}
		v := d[k]
		switch k {
		case "filter_attribute":
			v = AttributeLabel(v)
		case "filter_type":
			v = TypeLabel(v)
		default:
			if label, ok := detailValueLabels[k]; ok {
				v = label(v)
			}
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(name)
		b.WriteByte('=')
		b.WriteString(v)
	}
	return b.String()
}
