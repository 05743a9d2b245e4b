package docx

import (
	"regexp"
	"strings"
	"unicode"
)

// Analysis is what a 公文 draft already carries, found in its text.
type Analysis struct {
	Title *Paragraph // title candidate
	Date  *Paragraph // 成文日期 paragraph: the last body paragraph that is a date
	// DatePlaceholder is set when the date is a 年　月　日 placeholder.
	DatePlaceholder bool
	Serial          *Paragraph  // 份号 line
	Secrecy         *Paragraph  // existing secrecy line (密级★期限) among the first lines
	SecrecyText     string      // the mark as found, e.g. "秘密★1年"
	SecrecyInHeader bool        // the mark was found in a header, not the body
	Notes           []Paragraph // existing disclosure notes (typed or ours)
	Lifecycle       *Paragraph  // docattr's 已修改/已废止/已失效 notice
	NoteText        string      // text of the first note
}

var (
	reDateArabic  = regexp.MustCompile(`^\d{4}年\d{1,2}月\d{1,2}日$`)
	reDateChinese = regexp.MustCompile(`^[〇零○ＯO一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$`)
	reDateBlank   = regexp.MustCompile(`^(\d{4}|[〇零○一二三四五六七八九]{4}|[_＿×X]*)年[_＿×X]*月[_＿×X]*日$`)
	reSecrecyLine = regexp.MustCompile(`^(绝密|机密|秘密)[★☆*＊](.{0,24})$`)
	reSerial      = regexp.MustCompile(`^(份号[:：]?)?\d{6}$`)
	reNote        = regexp.MustCompile(`^[（(]此件(公开发布|主动公开|依申请公开|不予公开|删减后公开)[）)]$`)
	reOption      = regexp.MustCompile(`^信息公开选项[:：](主动公开|依申请公开|不予公开|删减后公开)$`)
	reRedHead     = regexp.MustCompile(`(文件|公报|简报|纪要)$`)
	reDocNumber   = regexp.MustCompile(`〔\d{4}〕\d+号|\[\d{4}\]\d+号`)
	reAttachment  = regexp.MustCompile(`^附件[0-9一二三四五六七八九十]*[:：]?$`)
)

// Compact normalises paragraph text for matching: full-width ASCII to
// half-width and all white space (including the ideographic space) and
// invisible characters (IsInvisible) removed.
func Compact(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || IsInvisible(r) {
			continue
		}
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// IsDate reports whether text is a 成文日期 (or a placeholder for one).
func IsDate(text string) (isDate, placeholder bool) {
	c := Compact(text)
	if reDateArabic.MatchString(c) {
		return validArabicDate(c), false
	}
	if reDateChinese.MatchString(c) {
		return true, false
	}
	if reDateBlank.MatchString(c) {
		return true, true
	}
	return false, false
}

func validArabicDate(c string) bool {
	var y, m, d int
	n := 0
	for _, part := range strings.FieldsFunc(c, func(r rune) bool { return r == '年' || r == '月' || r == '日' }) {
		v := 0
		for _, r := range part {
			v = v*10 + int(r-'0')
		}
		switch n {
		case 0:
			y = v
		case 1:
			m = v
		case 2:
			d = v
		}
		n++
	}
	return y >= 1900 && y <= 2200 && m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// IsNote reports whether text is a disclosure mark in either style.
func IsNote(text string) bool {
	// Most paragraphs are prose: skip them before normalising.
	if len(text) > 120 || (!strings.Contains(text, "此件") && !strings.Contains(text, "信息公开选项")) {
		return false
	}
	c := Compact(text)
	return reNote.MatchString(c) || reOption.MatchString(c)
}

// SecrecyLine returns the secrecy mark when text is a secrecy line.
func SecrecyLine(text string) (string, bool) {
	c := Compact(text)
	if m := reSecrecyLine.FindStringSubmatch(c); m != nil {
		return c, true
	}
	return "", false
}

// headLines is how many non-empty body paragraphs count as "the first lines".
const headLines = 6

// Analyze finds title, date, 份号, secrecy line and notes.
//
// The document is read-only, so the analysis is computed once and shared;
// the paragraphs it points to must not be modified.
func (d *Document) Analyze() Analysis {
	d.analyzeOnce.Do(func() { d.analysis = d.analyze() })
	return d.analysis
}

func (d *Document) analyze() Analysis {
	var a Analysis
	body := d.Body()
	seen := 0
	for i := range body {
		p := &body[i]
		c := Compact(p.Text)
		if c == "" {
			continue
		}
		seen++
		if seen > headLines {
			break
		}
		if a.Serial == nil && a.Secrecy == nil && reSerial.MatchString(c) {
			a.Serial = p
			continue
		}
		if mark, ok := SecrecyLine(c); ok && a.Secrecy == nil {
			a.Secrecy, a.SecrecyText = p, mark
		}
	}
	if a.Secrecy == nil {
		for i := range d.Paragraphs {
			p := &d.Paragraphs[i]
			if p.Where != Header {
				continue
			}
			for _, line := range strings.Split(p.Text, "\n") {
				if mark, ok := SecrecyLine(line); ok {
					a.SecrecyText, a.SecrecyInHeader = mark, true
					a.Secrecy = p
					break
				}
			}
			if a.Secrecy != nil {
				break
			}
		}
	}
	a.Title = d.findTitle(body)
	a.Date, a.DatePlaceholder = d.findDate(body)
	for _, p := range d.MainParagraphs() {
		if (p.TopLevel && IsNote(p.Text)) || p.Anchor == AnchorNote {
			a.Notes = append(a.Notes, p)
		}
	}
	for i := range body {
		if body[i].Anchor == AnchorLifecycle {
			a.Lifecycle = &body[i]
			break
		}
	}
	if len(a.Notes) > 0 {
		a.NoteText = Compact(a.Notes[0].Text)
	}
	return a
}

// findDate finds the 成文日期: the last body paragraph that is a date (or
// whose last line is, when the signature and date share a paragraph), or
// failing that the last such paragraph in a table. Attachments (附件) come
// after the 成文日期 in GB/T 9704 and may carry dates of their own, so a
// date before the first standalone 附件 heading wins when there is one.
func (d *Document) findDate(body []Paragraph) (*Paragraph, bool) {
	cut := len(d.main)
	for _, p := range body {
		if reAttachment.MatchString(Compact(p.Text)) {
			cut = p.Start
			break
		}
	}
	paras := d.MainParagraphs()
	search := func(limit int) (*Paragraph, bool) {
		for i := len(body) - 1; i >= 0; i-- {
			if ok, ph := IsDate(lastLine(body[i].Text)); ok && body[i].Start < limit {
				return &body[i], ph
			}
		}
		for i := len(paras) - 1; i >= 0; i-- { // signature blocks laid out in a table
			if paras[i].Where != TableCell || paras[i].Start >= limit {
				continue
			}
			if ok, ph := IsDate(lastLine(paras[i].Text)); ok {
				return &paras[i], ph
			}
		}
		return nil, false
	}
	if p, ph := search(cut); p != nil {
		return p, ph
	}
	return search(len(d.main) + 1)
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.LastIndex(s, "\n"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// findTitle picks the first large, centred paragraph near the top that is not
// a mark, the 发文机关标志 or the 发文字号; failing that, the first ordinary
// non-empty paragraph.
func (d *Document) findTitle(body []Paragraph) *Paragraph {
	var fallback *Paragraph
	limit := 15
	for i := range body {
		p := &body[i]
		c := Compact(p.Text)
		if c == "" || strings.HasPrefix(p.Anchor, AnchorPrefix) {
			continue
		}
		if limit--; limit < 0 {
			break
		}
		if reSerial.MatchString(c) || reSecrecyLine.MatchString(c) || reDocNumber.MatchString(c) ||
			c == "特急" || c == "加急" || (reRedHead.MatchString(c) && p.Center && len([]rune(c)) < 30) {
			continue
		}
		if (p.Style == "Title" || p.Style == "a3" || (p.Center && p.FontHalfPts >= 36)) && len([]rune(c)) <= 120 {
			return p
		}
		if fallback == nil && len([]rune(c)) <= 120 {
			fallback = p
		}
	}
	return fallback
}
