package scan

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/docx"
)

// markResult is what the mark detectors found, kept apart for the conflict
// check and the suggestion.
type markResult struct {
	findings []Finding
	secrecy  []string // secrecy marks found, e.g. "秘密★1年"
	// publicComment is set when a 征求意见稿 is meant to be published for
	// public comment (现向社会公开征求意见 …).
	publicComment bool
}

// findMarks runs the secrecy, process and restriction detectors. Comment
// paragraphs are left out (comments are reported as hidden data and a
// reviewer's remark is not a mark), and so are tracked deletions.
func findMarks(d *docx.Document, an *analysis) markResult {
	var res markResult
	head := firstLines(d)
	isTitle := func(p docx.Paragraph) bool { // titles are top-level body paragraphs
		if !p.TopLevel || p.Part != d.Pkg.Main {
			return false
		}
		for _, t := range an.get().TitleParas { // a title may run over several paragraphs
			if t.Part == p.Part && t.Index == p.Index {
				return true
			}
		}
		return false
	}
	prevCell := "" // the last non-empty table cell line: 版头 tables put 密级 and the level in two cells
	for _, p := range d.Paragraphs {
		if p.Where == docx.Comment {
			continue
		}
		afterLabel := false
		if p.Where == docx.TableCell && strings.TrimSpace(p.Text) != "" {
			afterLabel = secrecyLabel(prevCell)
			prevCell = p.Text
		}
		h := hintsOf(p.Text)
		if h == 0 {
			continue
		}
		atTop := p.Where == docx.Header || (head[p.Index] && p.Part == d.Pkg.Main) || afterLabel
		eachLine(p.Text, func(line string) {
			// A secrecy line annotated 已解密 is no longer a mark: after 解密 a
			// document is assessed for disclosure again.
			if h&hintSecret != 0 && !declassified(line) {
				marks := secrecyMarks(line)
				if len(marks) == 0 && atTop { // a level alone: 秘密 above the title, 机密 in a header
					if m, ok := docx.BareSecrecyLine(line); ok {
						marks = []string{m}
					}
				}
				for _, m := range marks {
					res.secrecy = append(res.secrecy, m)
					res.findings = append(res.findings, Finding{Kind: KindSecrecyMark, Severity: Block, Excerpt: m,
						Location: p.Location(), Part: p.Part, Para: p.Index, Basis: basisSecret,
						Message: "标有国家秘密密级标志，涉密文件不得公开"})
				}
			}
			if h&hintRestrict != 0 {
				for _, m := range restrictionNotes(line, p.Where) {
					res.findings = append(res.findings, restrictionFinding(m, p))
				}
			}
		})
		if h&hintProcess == 0 {
			continue
		}
		title := isTitle(p)
		if title || headingLike(p, head[p.Index] && p.Part == d.Pkg.Main) {
			if words := processMarkers(p.Text, title); len(words) > 0 {
				res.findings = append(res.findings, Finding{Kind: KindProcessMarker, Severity: Warn,
					Excerpt:  excerpt(strings.Join(words, "、") + "：" + strings.TrimSpace(p.Text)),
					Location: p.Location(), Part: p.Part, Para: p.Index, Basis: basisProcess,
					Message: "标题或标题行含有“" + strings.Join(words, "、") + "”，属于过程稿等过程性信息"})
			}
		}
	}
	if hasCommentDraft(res.findings) && forPublicComment(d) {
		res.publicComment = true
		for i := range res.findings {
			f := &res.findings[i]
			if f.Kind == KindProcessMarker && strings.Contains(f.Excerpt, "征求意见稿") {
				f.Message = "征求意见稿拟向社会公开征求意见，可以主动公开；定稿印发时请删除“征求意见稿”字样"
			}
		}
	}
	return res
}

// secrecyMarks returns the secrecy marks in one line of text, normalised to
// 密级★期限: a whole line docx.SecrecyLine reads as one (秘密★1年, 密级：秘密,
// 绝密 10年, ☆ or ＊ for ★), else every 绝密, 机密 or 秘密 followed by ★, ☆
// or ＊ and every 密级：level inside the line, with the period. 商业秘密★ and
// 工作秘密★ are not state-secret marks (the latter is a finding of its
// own), and a mark quoted as an example (“秘密★1年”) is not one. A level
// alone on a line is left to the caller, which knows whether the line is at
// the top of the draft.
func secrecyMarks(line string) []string {
	if !strings.Contains(line, "密") {
		return nil
	}
	c := compact(line)
	if m, ok := docx.SecrecyLine(c); ok {
		return []string{m}
	}
	var out []string
	for i := 0; i < len(c); {
		j := strings.Index(c[i:], "密")
		if j < 0 {
			break
		}
		at := i + j
		i = at + len("密")
		if at < len("秘") {
			continue
		}
		level := c[at-len("秘") : i]
		if level != "绝密" && level != "机密" && level != "秘密" {
			continue
		}
		before := c[:at-len("秘")]
		star, size := utf8.DecodeRuneInString(c[i:])
		if star != '★' && star != '☆' && star != '＊' {
			if labelled(before) && !quoted(strings.TrimSuffix(strings.TrimRight(before, ":："), "密级"), c[i:]) {
				out = append(out, level+"★"+labelPeriod(c[i:]))
			}
			continue
		}
		if strings.HasSuffix(before, "商业") || strings.HasSuffix(before, "工作") {
			continue
		}
		period := periodAfter(c[i+size:])
		if quoted(before, c[i+size+len(period):]) {
			continue
		}
		out = append(out, level+"★"+period)
	}
	return out
}

func declassified(line string) bool {
	_, _, ok := docx.DeclassifiedLine(line, true)
	return ok
}

// secrecyLabel reports whether a table cell is the 密级 label of a 版头
// table (密级, 密级：), so that a level alone in the next cell is a mark.
func secrecyLabel(cell string) bool {
	c := strings.TrimRight(compact(cell), ":：")
	return c == "密级" || c == "秘密等级" || c == "密级和保密期限"
}

// labelled reports whether the text before a level ends with a 密级 label
// (密级：, 密级:).
func labelled(before string) bool {
	b := strings.TrimRight(before, ":：")
	return len(b) < len(before) && (strings.HasSuffix(b, "密级") || strings.HasSuffix(b, "秘密等级"))
}

// labelPeriod is the period written after a labelled level, as in
// 密级：秘密，保密期限：10年; anything else after the level is not one.
func labelPeriod(s string) string {
	s = strings.TrimLeft(s, ",，;；、")
	for _, l := range []string{"保密期限", "保密期", "期限"} {
		if rest, ok := strings.CutPrefix(s, l); ok && (strings.HasPrefix(rest, "：") || strings.HasPrefix(rest, ":")) {
			return periodAfter(strings.TrimLeft(rest, ":："))
		}
	}
	return ""
}

// periodAfter takes the 保密期限 / 解密时间 / 解密条件 after the star: up to
// the next punctuation or 紧急程度 (特急, 加急), at most 16 characters.
func periodAfter(s string) string {
	n := 0
	for i, r := range s {
		if n == 16 || strings.ContainsRune("，,。；;、：:）)」”\"'’》", r) ||
			strings.HasPrefix(s[i:], "特急") || strings.HasPrefix(s[i:], "加急") {
			return s[:i]
		}
		n++
	}
	return s
}

func quoted(before, after string) bool {
	r, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return strings.ContainsRune("“「『\"‘", r) && strings.ContainsRune("”」』\"’", r2)
}

// Draft-stage words; 请示 is handled apart (only as the document type).
var processWords = []string{"征求意见稿", "讨论稿", "送审稿", "审议稿", "代拟稿", "草案", "初稿", "修改稿", "草稿"}

// processMarkers returns the draft-stage words of a title or heading. Words
// inside 《》 name another document (关于《××条例（草案）》的说明) and do not
// count. For the title, a 请示 as document type (the title ends with 请示,
// trailing brackets aside) counts too.
func processMarkers(text string, title bool) []string {
	c := stripBookTitles(compact(text))
	var out []string
	for _, w := range processWords {
		if strings.Contains(c, w) {
			if w == "草稿" && strings.Contains(c, "起草稿") {
				continue
			}
			out = append(out, w)
		}
	}
	if title && strings.HasSuffix(trimTrailingBrackets(c), "请示") {
		out = append(out, "请示")
	}
	return out
}

// stripBookTitles removes 《…》 spans.
func stripBookTitles(s string) string {
	for {
		i := strings.Index(s, "《")
		if i < 0 {
			return s
		}
		j := strings.Index(s[i:], "》")
		if j < 0 {
			return s[:i]
		}
		s = s[:i] + s[i+j+len("》"):]
	}
}

// trimTrailingBrackets drops trailing （…） groups and punctuation.
func trimTrailingBrackets(s string) string {
	for {
		s = strings.TrimRight(s, "。.；;：:")
		if strings.HasSuffix(s, "）") || strings.HasSuffix(s, ")") {
			i := max(strings.LastIndex(s, "（"), strings.LastIndex(s, "("))
			if i < 0 {
				return s
			}
			s = s[:i]
			continue
		}
		return s
	}
}

// headingLike reports whether a paragraph reads as a title or heading rather
// than prose: a heading or title style, a short centred line, a short line
// among the first lines of the body, a header, footer or text box line, or
// a line that is nothing but a bracketed marker (（征求意见稿）).
func headingLike(p docx.Paragraph, inHead bool) bool {
	if len(p.Text) > 80*4 { // longer than 80 characters even in UTF-8 and with spaces
		return false
	}
	c := compact(p.Text)
	n := utf8.RuneCountInString(c)
	if n > 80 {
		return false
	}
	switch {
	case p.Where == docx.Header || p.Where == docx.Footer || p.Where == docx.TextBox:
		return true
	case headingStyle(p.Style):
		return true
	case p.Center && n <= 60:
		return true
	case inHead && n <= 60 && !strings.ContainsAny(c, "。；"):
		return true
	}
	inner := strings.Trim(c, "（）()【】[]")
	for _, w := range processWords {
		if inner == w {
			return true
		}
	}
	return false
}

// headingStyle recognises title and heading style ids: Title, Subtitle,
// Heading1-9, and the ids Chinese Word gives them (1-9 for 标题 1-9, a3/a5
// for 标题/副标题).
func headingStyle(id string) bool {
	l := strings.ToLower(id)
	switch {
	case l == "title" || l == "subtitle" || l == "a3" || l == "a5":
		return true
	case strings.HasPrefix(l, "heading"):
		return true
	case len(l) == 1 && l[0] >= '1' && l[0] <= '9':
		return true
	}
	return strings.HasPrefix(id, "标题")
}

// headLines is how many non-empty body paragraphs count as the first lines.
const headLines = 6

// firstLines returns the indexes (in the main part) of the first non-empty
// top-level body paragraphs.
func firstLines(d *docx.Document) map[int]bool {
	out := map[int]bool{}
	for _, p := range d.Paragraphs {
		if len(out) == headLines || p.Part != d.Pkg.Main {
			break
		}
		if p.TopLevel && strings.TrimSpace(p.Text) != "" {
			out[p.Index] = true
		}
	}
	return out
}

// hasCommentDraft reports whether a process marker names a 征求意见稿.
func hasCommentDraft(fs []Finding) bool {
	for _, f := range fs {
		if f.Kind == KindProcessMarker && strings.Contains(f.Excerpt, "征求意见稿") {
			return true
		}
	}
	return false
}

// hints are what a single pass over a paragraph's characters tells the
// detectors: which of them can possibly match. Most prose has none.
type hints uint8

const (
	hintSecret   hints = 1 << iota // 密
	hintRestrict                   // a character of a restriction phrase
	hintProcess                    // 稿, 草, 请示
	hintComment                    // 征, 截, 欢, 请 (public comment phrases)
)

func hintsOf(text string) hints {
	var h hints
	prev := uint32(0)
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c < 0xC0: // ASCII, or a stray continuation byte
			prev = 0
			i++
			continue
		case c < 0xE0:
			prev = 0
			i += 2
			continue
		case c >= 0xF0:
			prev = 0
			i += 4
			continue
		case i+2 >= len(text):
			return h
		}
		// Every hint is a character of three bytes: their UTF-8 as one
		// number, compared without decoding (the text is most of a
		// draft's, and decoding each character was most of this).
		k := uint32(c)<<16 | uint32(text[i+1])<<8 | uint32(text[i+2])
		i += 3
		switch k {
		case 0xE5AF86: // 密
			h |= hintSecret | hintRestrict
		case 0xE58685, 0xE7BFBB, 0xE5A496, 0xE8BDAC, 0xE5AD98, 0xE694B6, 0xE99885, 0xE7A798, 0xE7AEA1: // 内翻外转存收阅秘管
			h |= hintRestrict
		case 0xE7A8BF, 0xE88D89: // 稿草
			h |= hintProcess
		case 0xE5BE81, 0xE688AA, 0xE6ACA2, 0xE8AFB7: // 征截欢请
			h |= hintComment
		case 0xE7A4BA: // 示, after 请: 请示
			if prev == 0xE8AFB7 {
				h |= hintProcess
			}
		}
		prev = k
	}
	return h
}

// eachLine calls fn for every line of text without allocating.
func eachLine(text string, fn func(line string)) {
	for {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			fn(text)
			return
		}
		fn(text[:i])
		text = text[i+1:]
	}
}

// compact is docx.Compact (full-width digits to ASCII, white space removed)
// and invisible characters dropped (docx.IsInvisible), with one allocation: the
// check calls it for many lines.
func compact(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || docx.IsInvisible(r):
			continue
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}
