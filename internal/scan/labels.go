package scan

import "slices"

// label is how people call a finding kind or a severity, in both languages.
type label struct{ zh, en string }

// kindLabels is the one table of finding-kind names: the app's findings
// list, the CLI's lines and the audit exports all read it, so a kind is
// called the same everywhere.
var kindLabels = map[string]label{
	KindIDCard:             {"身份证号", "ID card number"},
	KindMobile:             {"手机号码", "mobile number"},
	KindBankCard:           {"银行卡号", "bank card number"},
	KindSecrecyMark:        {"密级标志", "secrecy mark"},
	KindProcessMarker:      {"过程稿标识", "draft-stage marker"},
	KindRestrictionNote:    {"限制传播标注", "distribution restriction"},
	KindWorkSecret:         {"工作秘密", "work secret"},
	KindHiddenComment:      {"批注", "comment"},
	KindTrackedChange:      {"修订痕迹", "tracked change"},
	KindHiddenText:         {"隐藏文字", "hidden text"},
	KindAuthorMetadata:     {"作者信息", "author metadata"},
	KindEmbeddedObject:     {"嵌入对象", "embedded object"},
	KindConflict:           {"标注矛盾", "contradictory marks"},
	KindEmbeddedUnreadable: {"嵌入内容无法检查", "embedded content that cannot be checked"},
}

var severityLabels = map[Severity]label{
	Block: {"须处理", "must fix"},
	Warn:  {"注意", "warning"},
	Info:  {"提示", "info"},
}

// KindLabel returns the Chinese and English names of a finding kind. A kind
// the table does not know (one recorded by a newer version, say) comes back
// as its id in both languages, so nothing is ever shown blank.
func KindLabel(kind string) (zh, en string) {
	if l, ok := kindLabels[kind]; ok {
		return l.zh, l.en
	}
	return kind, kind
}

// SeverityLabel returns the Chinese and English names of a severity; an
// unknown one comes back as itself.
func SeverityLabel(s Severity) (zh, en string) {
	if l, ok := severityLabels[s]; ok {
		return l.zh, l.en
	}
	return string(s), string(s)
}

// Kinds returns every finding kind the label table names, sorted: for
// tests that walk what people can be shown.
func Kinds() []string {
	out := make([]string, 0, len(kindLabels))
	for k := range kindLabels {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
