package scan

import (
	"strings"

	"github.com/docattr/docattr/internal/docx"
)

// Distribution restrictions (内部资料, （此件不得翻印）, 不得外传, 工作秘密, …)
// are marks, not prose: a line counts when, brackets and punctuation aside,
// it consists of nothing but restriction phrases, and a bracketed group
// counts when its content does. 关于加强内部资料管理的通知 or 材料不得外传
// in a sentence are not findings.

// restrictionPhrases, longest first so that the greedy cover prefers them.
var restrictionPhrases = []string{
	"内部资料注意保存", "内部文件注意保存", "仅供内部参考", "仅供内部使用", "仅限内部使用",
	"此件不得翻印", "内部资料", "内部文件", "内部刊物", "内部材料", "内部参考", "内部使用",
	"仅供参阅", "不得翻印", "严禁翻印", "禁止翻印", "不得外传", "严禁外传", "禁止外传", "请勿外传", "不得转发",
	"注意保存", "注意保密", "妥善保管", "阅后收回", "用后收回", "工作秘密",
}

// fillers may stand in a restriction line but are no restriction alone.
var fillers = []string{"此件", "本件", "★"}

// maxMarkLine bounds (in bytes) a line or bracket group that can be a mark.
const maxMarkLine = 40 * 3 * 2

const markPunct = "（）()【】[]〔〕，,、：:；;。.·　 \t"

// restrictionNotes returns the restriction marks in one line of text.
func restrictionNotes(line string, where docx.Where) []string {
	if len(line) <= maxMarkLine {
		if note, ok := restrictionOnly(compact(line)); ok {
			return []string{note}
		}
	}
	var out []string
	for _, g := range bracketGroups(line) {
		if len(g) > maxMarkLine {
			continue
		}
		if note, ok := restrictionOnly(compact(g)); ok {
			out = append(out, note)
		}
	}
	return out
}

// restrictionOnly reports whether s, punctuation and a 工作秘密 period
// aside, is covered by restriction phrases and fillers, at least one of them
// a phrase. It returns s without brackets for the excerpt.
func restrictionOnly(s string) (string, bool) {
	rest := strings.Trim(s, markPunct)
	note := rest
	phrases := 0
	for rest != "" {
		rest = strings.TrimLeft(rest, markPunct)
		if rest == "" {
			break
		}
		matched := false
		for _, p := range restrictionPhrases {
			if strings.HasPrefix(rest, p) {
				rest, matched = rest[len(p):], true
				phrases++
				if p == "工作秘密" && strings.HasPrefix(rest, "★") {
					return note, true // 工作秘密★期限: the rest is its period
				}
				break
			}
		}
		if matched {
			continue
		}
		for _, f := range fillers {
			if strings.HasPrefix(rest, f) {
				rest, matched = rest[len(f):], true
				break
			}
		}
		if !matched {
			return "", false
		}
	}
	return note, phrases > 0
}

// bracketGroups returns the contents of （…） and (…) groups in s.
func bracketGroups(s string) []string {
	var out []string
	for _, pair := range [][2]string{{"（", "）"}, {"(", ")"}, {"【", "】"}} {
		rest := s
		for {
			i := strings.Index(rest, pair[0])
			if i < 0 {
				break
			}
			rest = rest[i+len(pair[0]):]
			j := strings.Index(rest, pair[1])
			if j < 0 {
				break
			}
			out = append(out, rest[:j])
			rest = rest[j+len(pair[1]):]
		}
	}
	return out
}

func restrictionFinding(note string, p docx.Paragraph) Finding {
	f := Finding{Kind: KindRestrictionNote, Severity: Warn, Excerpt: excerpt(note), Location: p.Location(),
		Part: p.Part, Para: p.Index, Basis: basisInternal,
		Message: "标有“" + note + "”等限制传播的标注，文件一般不宜主动公开；如确需公开，请先删除该标注"}
	if strings.Contains(note, "工作秘密") {
		// 工作秘密 is no state secret, but publishing it needs the unit's
		// approval: a finding of its own that blocks until acknowledged.
		f.Kind, f.Severity = KindWorkSecret, Block
		f.Message = "标有工作秘密，不属于国家秘密，但未经批准不得公开；主动公开或依申请公开前须确认已解除并删除该标志"
	}
	return f
}
