package docx

import (
	"strings"
	"unicode"
)

// The title (标题) of a 公文 is the centred 2号 paragraph, or paragraphs,
// after the 版头: after the 发文机关标志 (the red head, often a page-anchored
// text box), the 发文字号 or a 命令's 令号 (第1号), and the 签发人 line. A
// 纪要 has its name as head and often no title of its own: its head is then
// the title.

// titleSize is the smallest size, in half-points, that reads as a title
// (18 pt; GB/T 9704 asks for 2号, 22 pt).
const titleSize = 36

// headSize is the size, in half-points, above which a centred line at the
// top is a 发文机关标志 rather than a title (larger than 一号, 26 pt).
const headSize = 52

// maxTitle is the longest title, in characters, and maxTitleLines how many
// paragraphs a title may run over.
const (
	maxTitle      = 120
	maxTitleLines = 4
)

// findTitle returns the title's first paragraph (with the whole title as
// its Text) and all its paragraphs. It looks after the 版头 first, then from
// the top (some documents put their 编号 line under the title); without a
// centred large line it takes a 纪要 head, a centred "…文件" line, the
// first centred line and last the first line of text.
func (d *Document) findTitle(body []Paragraph, fm func(*Paragraph) paraFormat) (*Paragraph, []*Paragraph) {
	var redHeadish, centred, fallback *Paragraph
	scan := func(start int) (*Paragraph, []*Paragraph) {
		limit := 15
		for i := start; i < len(body); i++ {
			p := &body[i]
			c := Compact(p.Text)
			if c == "" || strings.HasPrefix(p.Anchor, AnchorPrefix) || !hasLetter(c) {
				continue
			}
			if start == 0 && aboveDocNumber(body, i) {
				continue // the 发文机关标志 stands right above the 发文字号
			}
			if limit--; limit < 0 {
				break
			}
			if isHeadMark(c) || isHeadCloser(c) || isDateLine(c) {
				continue
			}
			f := fm(p)
			n := len([]rune(c))
			if f.center && (f.red || f.halfPts > headSize) {
				continue // the 发文机关标志
			}
			if n > maxTitle || strings.HasSuffix(c, "：") || strings.HasSuffix(c, ":") {
				continue // prose, or the 主送机关 line
			}
			if f.center && reRedHead.MatchString(c) && n < 30 {
				if redHeadish == nil {
					redHeadish = p // XX文件 without red: a head unless nothing else is
				}
				continue
			}
			if (f.center && f.halfPts >= titleSize) || p.Style == "Title" {
				return joinTitle(body, i, f, fm)
			}
			if centred == nil && f.center {
				centred = p
			}
			if fallback == nil {
				fallback = p
			}
		}
		return nil, nil
	}
	start := headEnd(body)
	if t, all := scan(start); t != nil {
		return t, all
	}
	if start > 0 {
		if t, all := scan(0); t != nil {
			return t, all
		}
	}
	if head := d.minutesHead(); head != nil {
		return head, []*Paragraph{head}
	}
	if t, all := orderTitle(body, start); t != nil {
		return t, all
	}
	for _, p := range []*Paragraph{redHeadish, centred, fallback} {
		if p != nil {
			return p, []*Paragraph{p}
		}
	}
	return nil, nil
}

// joinTitle gathers the title lines that follow body[i] with the same
// alignment and size, and returns a copy of the first with the joined text.
func joinTitle(body []Paragraph, i int, f paraFormat, fm func(*Paragraph) paraFormat) (*Paragraph, []*Paragraph) {
	paras := []*Paragraph{&body[i]}
	text := strings.TrimSpace(body[i].Text)
	for j := i + 1; j < len(body) && len(paras) < maxTitleLines; j++ {
		p := &body[j]
		c := Compact(p.Text)
		if c == "" || isHeadMark(c) || strings.HasSuffix(c, "：") || p.Anchor != "" {
			break
		}
		g := fm(p)
		if !g.center || g.halfPts != f.halfPts || g.red != f.red || len([]rune(text+c)) > maxTitle {
			break
		}
		paras = append(paras, p)
		text += strings.TrimSpace(p.Text)
	}
	if len(paras) == 1 {
		return paras[0], paras
	}
	first := *paras[0]
	first.Text = text
	return &first, paras
}

// headEnd returns the index in body just after the 版头's closing line (发文
// 字号, 令号, 签发人, 编号) among the first lines, or 0 when there is none.
func headEnd(body []Paragraph) int {
	end, seen := 0, 0
	for i := range body {
		c := Compact(body[i].Text)
		if c == "" {
			continue
		}
		if seen++; seen > 10 {
			break
		}
		if isHeadCloser(c) {
			end = i + 1
		}
	}
	return end
}

// isHeadCloser reports whether c is a line that closes the 版头: 发文字号,
// 令号, 签发人, 编号.
func isHeadCloser(c string) bool {
	return reOrderNo.MatchString(c) || reHeadMarker.MatchString(c) ||
		(reDocNumber.MatchString(c) && len([]rune(c)) <= 40 && !strings.ContainsAny(c, "。；"))
}

// orderTitle names a 命令 that has no title of its own by its head and
// number, as it is cited: 某某市人民政府令第12号.
func orderTitle(body []Paragraph, end int) (*Paragraph, []*Paragraph) {
	for i := end - 1; i >= 0; i-- {
		no := Compact(body[i].Text)
		if no == "" {
			continue
		}
		if !reOrderNo.MatchString(no) {
			return nil, nil
		}
		for j := i - 1; j >= 0; j-- {
			head := Compact(body[j].Text)
			if head == "" {
				continue
			}
			if !strings.HasSuffix(head, "令") && !strings.HasPrefix(no, "令") || len([]rune(head)) > 40 {
				return nil, nil
			}
			t := body[j]
			t.Text = strings.TrimSpace(body[j].Text) + strings.TrimSpace(body[i].Text)
			return &t, []*Paragraph{&body[j], &body[i]}
		}
		return nil, nil
	}
	return nil, nil
}

// aboveDocNumber reports whether the next line after body[i] is a 发文字号
// or 令号 line; a labelled number (编号：…) may follow a title instead.
func aboveDocNumber(body []Paragraph, i int) bool {
	for j := i + 1; j < len(body); j++ {
		c := Compact(body[j].Text)
		if c == "" {
			continue
		}
		return isHeadCloser(c) && !strings.HasPrefix(c, "编号") && !strings.HasPrefix(c, "文号")
	}
	return false
}

// isHeadMark reports whether c is one of the marks above the title: 份号,
// secrecy line, 紧急程度, a disclosure note.
func isHeadMark(c string) bool {
	if reSerial.MatchString(c) || c == "特急" || c == "加急" {
		return true
	}
	if _, ok := headSecrecy(c); ok {
		return true
	}
	if _, _, ok := DeclassifiedLine(c, true); ok {
		return true
	}
	return IsNote(c)
}

// minutesHead returns the 纪要 head (XX会议纪要), in the body or in a text
// box at the top, for a 纪要 without a title of its own.
func (d *Document) minutesHead() *Paragraph {
	paras := d.MainParagraphs()
	seen := 0
	for i := range paras {
		p := &paras[i]
		c := Compact(p.Text)
		if c == "" || p.Where == TableCell {
			continue
		}
		if seen++; seen > 8 {
			break
		}
		if strings.HasSuffix(c, "纪要") && len([]rune(c)) <= 40 {
			return p
		}
	}
	return nil
}

// isDateLine reports whether c is a date (the date under a 纪要 head).
func isDateLine(c string) bool {
	ok, _ := IsDate(c)
	return ok
}

// hasLetter reports whether c holds a letter or ideograph: a line of
// punctuation alone (a stray "：") is no title.
func hasLetter(c string) bool {
	for _, r := range c {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
