package docx

import (
	"strings"

	"github.com/docattr/docattr/internal/lazyre"
)

// Recognisers for the marks a draft may already print, in the many ways
// offices type them: secrecy lines (密级和保密期限) and disclosure notes.
// They work on one line of text and normalise it first (Compact), so spaced,
// full-width and half-width variants match alike.

// secrecyStars are the characters typed for the ★ of 密级★期限: the star
// itself, the hollow star of some input methods and the asterisks of
// typewritten drafts.
const secrecyStars = "★☆*＊✩✭⭐✱"

var (
	// 秘密★1年, 机密☆5年, 绝密＊, 秘密★2028年12月31日, 机密★会议开始前.
	reSecrecyStar = lazyre.New(`^(绝密|机密|秘密)[` + secrecyStars + `]+(.{0,24})$`)
	// 密级：秘密, 密级:机密★5年, 密级：秘密 保密期限：10年, 秘密等级：绝密.
	reSecrecyLabel = lazyre.New(`^(?:密级|秘密等级|密级和保密期限)[:：]?(绝密|机密|秘密)` +
		`(?:[` + secrecyStars + `]|[,，;；、]?(?:保密期限|保密期|期限|解密时间)[:：]?)?(.{0,24})$`)
	// 绝密 10年, 机密 2028年12月31日 (the star left out).
	reSecrecyPeriod = lazyre.New(`^(绝密|机密|秘密)(\d{1,2}年|[一二三四五六七八九十]{1,3}年|长期|\d{4}年\d{1,2}月(?:\d{1,2}日)?)$`)
	// A level alone on its line: 秘密, 【机密】, 绝 密.
	reSecrecyBare = lazyre.New(`^[【\[〔（(]?(绝密|机密|秘密)[】\]〕）)]?$`)
)

// SecrecyLine returns the secrecy mark, normalised to 密级★期限 (秘密★1年;
// a bare level gives 秘密★, the legal maximum), when text is a line that
// states a level: the starred forms (☆ or ＊ for ★), a 密级： label or a
// level followed by its period. A level alone on a line is a mark only at
// the top of a draft or in a header: see BareSecrecyLine.
func SecrecyLine(text string) (string, bool) {
	if !strings.Contains(text, "密") {
		return "", false
	}
	c := trimUrgency(Compact(text))
	if reDeclassified.MatchString(c) { // no longer in force: see DeclassifiedLine
		return "", false
	}
	for _, re := range []*lazyre.Regexp{reSecrecyStar, reSecrecyLabel, reSecrecyPeriod} {
		if m := re.FindStringSubmatch(c); m != nil {
			period, ok := secrecyPeriod(m[2])
			if !ok {
				return "", false
			}
			return m[1] + "★" + period, true
		}
	}
	return "", false
}

// BareSecrecyLine returns 秘密★ (机密★, 绝密★) when text is nothing but a
// level, e.g. a lone 秘密 line above the title. In prose such a line would
// be odd, but in a table or a list it is not a mark, so callers use it only
// for the first lines of the body and for headers.
func BareSecrecyLine(text string) (string, bool) {
	if !strings.Contains(text, "密") {
		return "", false
	}
	if m := reSecrecyBare.FindStringSubmatch(trimUrgency(Compact(text))); m != nil {
		return m[1] + "★", true
	}
	return "", false
}

// trimUrgency drops a 紧急程度 typed on the same line as the secrecy mark.
func trimUrgency(c string) string {
	for _, u := range []string{"特急", "加急", "特提", "平急"} {
		c = strings.TrimSuffix(c, u)
	}
	return c
}

// secrecyPeriod cleans the text after the star: trailing punctuation goes,
// and what is left must read as a period, a date or a short condition, not
// as the rest of a sentence.
func secrecyPeriod(p string) (string, bool) {
	p = strings.Trim(p, "，,。.；;：:、（）()")
	if strings.ContainsAny(p, "，,。；;") || len([]rune(p)) > 16 {
		return "", false
	}
	return p, true
}

// noteWording is one way of writing a disclosure note, by attribute id (the
// ids of internal/attr).
type noteWording struct {
	text, attribute string
}

// noteWordings are the notes typed in drafts, brackets, spaces and a
// trailing 。 aside. Add new wordings here.
var noteWordings = []noteWording{
	{"此件公开发布", "public"}, {"此文公开发布", "public"}, {"本件公开发布", "public"}, {"本文公开发布", "public"},
	{"此件主动公开", "public"}, {"此文主动公开", "public"}, {"此件公开", "public"},
	{"此件可公开发布", "public"}, {"此件可以公开发布", "public"}, {"此件可公开", "public"},
	{"此件依申请公开", "on-request"}, {"此文依申请公开", "on-request"}, {"本件依申请公开", "on-request"},
	{"此件不予公开", "withheld"}, {"此件不公开", "withheld"}, {"此文不予公开", "withheld"}, {"此文不公开", "withheld"},
	{"本件不予公开", "withheld"}, {"此件不公开发布", "withheld"}, {"此件不宜公开", "withheld"},
	{"此件不予公开发布", "withheld"}, {"此件不对外公开", "withheld"},
	{"此件删减后公开", "redacted"}, {"此文删减后公开", "redacted"},
}

// noteLabels start the option style of note (信息公开选项：主动公开); the
// value after the colon is one of noteValues.
var noteLabels = []string{
	"信息公开选项", "政府信息公开选项", "政务公开选项", "公开选项", "信息公开方式", "公开方式",
	"信息公开属性", "公开属性",
}

var noteValues = map[string]string{
	"主动公开": "public", "公开发布": "public", "公开": "public",
	"依申请公开": "on-request", "依申请": "on-request",
	"不予公开": "withheld", "不公开": "withheld",
	"删减后公开": "redacted",
}

// NoteAttribute returns the attribute id ("public", "on-request",
// "withheld", "redacted") of a disclosure note in any known wording:
// （此件公开发布）, (此文公开发布), 此件不公开。, 信息公开选项：主动公开,
// 公开方式：依申请公开, … A note with more text after it is prose.
func NoteAttribute(text string) (string, bool) {
	// Most paragraphs are prose: skip them before normalising.
	if len(text) > 240 || !strings.Contains(text, "公开") {
		return "", false
	}
	c := strings.TrimRight(Compact(text), "。.")
	if inner, ok := unbracket(c); ok {
		c = strings.TrimRight(inner, "。.")
	}
	for _, w := range noteWordings {
		if c == w.text {
			return w.attribute, true
		}
	}
	for _, l := range noteLabels {
		rest, ok := strings.CutPrefix(c, l)
		if !ok {
			continue
		}
		rest, ok = strings.CutPrefix(rest, "：")
		if !ok {
			rest, ok = strings.CutPrefix(rest, ":")
		}
		if a, known := noteValues[rest]; ok && known {
			return a, true
		}
	}
	return "", false
}

// IsNote reports whether text is a disclosure note in any known wording.
func IsNote(text string) bool {
	_, ok := NoteAttribute(text)
	return ok
}

// unbracket strips one pair of enclosing brackets, full- or half-width.
func unbracket(c string) (string, bool) {
	for _, pair := range [][2]string{{"（", "）"}, {"(", ")"}, {"(", "）"}, {"（", ")"}, {"【", "】"}, {"〔", "〕"}, {"[", "]"}} {
		if strings.HasPrefix(c, pair[0]) && strings.HasSuffix(c, pair[1]) && len(c) > len(pair[0])+len(pair[1]) {
			return c[len(pair[0]) : len(c)-len(pair[1])], true
		}
	}
	return c, false
}
