package docx

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/lazyre"
)

// Analysis is what a 公文 draft already carries, found in its text.
type Analysis struct {
	// Title is the title's first paragraph; when the title runs over
	// several paragraphs, Text is the whole title joined and TitleParas
	// lists them all.
	Title      *Paragraph
	TitleParas []*Paragraph
	Date       *Paragraph // 成文日期 paragraph: the last date of a signature block before the attachments
	// DatePlaceholder is set when the date is a 年　月　日 placeholder.
	DatePlaceholder bool
	Serial          *Paragraph  // 份号 line
	Secrecy         *Paragraph  // existing secrecy line (密级★期限) among the first lines
	SecrecyText     string      // the mark, normalised, e.g. "秘密★1年" (密级：秘密 gives "秘密★")
	SecrecyInHeader bool        // the mark was found in a header, not the body
	Notes           []Paragraph // existing disclosure notes (typed in any known wording, or ours)
	Lifecycle       *Paragraph  // docattr's 已修改/已废止/已失效 notice
	NoteText        string      // text of the first note

	// Declassified is a secrecy line annotated as declassified (秘密★1年
	// （已于2027年3月1日解密）), in the first lines or a header: no mark in
	// force (Secrecy is nil unless a level was set again below it).
	// DeclassifiedMark is the original mark (秘密★1年) and DeclassifiedOn
	// the date printed, "" when none.
	Declassified                     *Paragraph
	DeclassifiedMark, DeclassifiedOn string
}

var (
	reDateArabic  = lazyre.New(`^\d{4}年\d{1,2}月\d{1,2}日$`)
	reDateChinese = lazyre.New(`^[〇零○ＯO一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日$`)
	reDateBlank   = lazyre.New(`^(\d{4}|[〇零○一二三四五六七八九]{4}|[_＿×X]*)年[_＿×X]*月[_＿×X]*日$`)
	reSerial      = lazyre.New(`^(份号[:：]?)?\d{6}$`)
	reRedHead     = lazyre.New(`(文件|公报|简报)$`)
	// 发文字号 and the like that close the 版头: 国办发〔2017〕24号, X政函[2020]XX号,
	// 南宁站[2025]（通知）08号, 令 第1号, 签发人：, 编号：.
	reDocNumber  = lazyre.New(`[〔\[［【(（]\s*(\d{4}|[XＸ×]{2,4}|)\s*[〕\]］】)）].{0,24}号`)
	reOrderNo    = lazyre.New(`^(.{0,12}令)?第[0-9一二三四五六七八九十百零〇]+号$`)
	reHeadMarker = lazyre.New(`^(签发人|签发|编号|文号)[:：]|签发人[:：]`)
)

// Compact normalises paragraph text for matching: full-width ASCII to
// half-width and all white space (including the ideographic space) and
// invisible format characters (IsInvisible) removed, so that 秘\u200b密★
// reads as the mark it prints.
func Compact(s string) string {
	// Most text has nothing to drop: return it as it is, without building
	// a copy a character at a time. ASCII and the three-byte range
	// U+4000–U+ECFF, U+E000–U+EFFF (CJK text; no space, invisible or
	// full-width digit there) are passed over without decoding.
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' || (c >= '\t' && c <= '\r') {
				return compactFrom(s, i)
			}
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xEE && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError || compactChanges(r) {
			return compactFrom(s, i)
		}
		i += n
	}
	return s
}

func compactChanges(r rune) bool {
	return unicode.IsSpace(r) || r == '\u3000' || r == '\u00a0' || IsInvisible(r) || (r >= '０' && r <= '９')
}

// compactFrom is Compact of s whose first i bytes Compact keeps as they are.
// What it keeps goes into the copy a stretch at a time, not a character
// at a time; CJK text is passed over as in Compact.
func compactFrom(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0 // start of the stretch kept as it is
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf && c != ' ' && (c < '\t' || c > '\r') {
			i++
			continue
		}
		if c >= 0xE4 && c <= 0xEE && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		bad := r == utf8.RuneError && n == 1 // read as U+FFFD, as range does
		if !bad && !compactChanges(r) {
			i += n
			continue
		}
		b.WriteString(s[from:i])
		switch {
		case bad:
			b.WriteRune(utf8.RuneError)
		case r >= '０' && r <= '９':
			b.WriteByte(byte(r - '０' + '0'))
		}
		i += n
		from = i
	}
	b.WriteString(s[from:])
	return b.String()
}

// IsDate reports whether text is a 成文日期 (or a placeholder for one).
func IsDate(text string) (isDate, placeholder bool) {
	// Every form has 年 and 日, which Compact keeps: most paragraphs are
	// ruled out without compacting them.
	if !strings.Contains(text, "日") || !strings.Contains(text, "年") {
		return false, false
	}
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
		if a.Secrecy == nil {
			// A level set again below a declassified line is the mark in force.
			if mark, date, ok := DeclassifiedLine(c, true); ok {
				if a.Declassified == nil {
					a.Declassified, a.DeclassifiedMark, a.DeclassifiedOn = p, mark, date
				}
				continue
			}
			if mark, ok := headSecrecy(c); ok {
				a.Secrecy, a.SecrecyText = p, mark
			}
		}
	}
	// A header prints its mark on every page: it is the document's mark,
	// and docattr does not edit headers, so a second line in the body would
	// double it.
	for i := range d.Paragraphs {
		p := &d.Paragraphs[i]
		if p.Where != Header || !strings.Contains(p.Text, "密") {
			continue
		}
		for _, line := range strings.Split(p.Text, "\n") {
			if mark, date, ok := DeclassifiedLine(line, true); ok && a.Declassified == nil {
				a.Declassified, a.DeclassifiedMark, a.DeclassifiedOn = p, mark, date
			}
			if mark, ok := headSecrecy(line); ok {
				a.Secrecy, a.SecrecyText, a.SecrecyInHeader = p, mark, true
				break
			}
		}
		if a.SecrecyInHeader {
			break
		}
	}
	fm := d.formatter()
	a.Title, a.TitleParas = d.findTitle(body, fm)
	after := -1 // a 纪要 carries its date under the head: that date is not a 成文日期
	if n := len(a.TitleParas); n > 0 && a.TitleParas[n-1].Part == d.Pkg.Main && strings.HasSuffix(Compact(a.Title.Text), "纪要") {
		after = a.TitleParas[n-1].Index
	}
	a.Date, a.DatePlaceholder = d.findDate(after)
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

// headSecrecy recognises a secrecy line where a level alone is one too: the
// first lines of the body and headers.
func headSecrecy(line string) (string, bool) {
	if mark, ok := SecrecyLine(line); ok {
		return mark, true
	}
	return BareSecrecyLine(line)
}

// formatter returns a function giving a paragraph's effective formatting,
// reading the styles once.
func (d *Document) formatter() func(*Paragraph) paraFormat {
	return func(p *Paragraph) paraFormat {
		return d.format(p, d.styles().formats)
	}
}

// findDate finds the 成文日期: the last date (or date placeholder) of a
// signature block before the attachments. A signature block is a body
// paragraph that is a date, or whose last line is one when organ and date
// share a paragraph, or a cell of a signature table (joint issues lay the
// organs and the date out in a borderless table). A date in a data table
// (a milestone table, a schedule) is not a 成文日期. Attachments come after
// the 成文日期 and may carry dates of their own: an attachment heading
// (附件, 附件1：标题) ends the search, and so does a list after 附件： once
// a date has been seen (before the date it is the 附件说明). In a 纪要
// (after >= 0, the index of its head) a date counts only after some text
// that follows the head: the date under the head is not a 成文日期.
func (d *Document) findDate(after int) (*Paragraph, bool) {
	paras := d.MainParagraphs()
	signature := signatureTables(paras)
	var found *Paragraph
	placeholder := false
	nonEmpty := 0
	text := after < 0 // body text seen after a 纪要's head
	for i := range paras {
		p := &paras[i]
		switch {
		case p.TopLevel:
			if ok, strong := AttachmentStart(p.Text); ok && (found != nil || (strong && nonEmpty > 2)) {
				return found, placeholder
			}
			if strings.TrimSpace(p.Text) != "" {
				nonEmpty++
			}
		case p.Where == TableCell && signature[p.blockEnd]:
		default:
			continue
		}
		ok, ph := IsDate(lastLine(p.Text))
		switch {
		case ok && text:
			found, placeholder = p, ph
		case !ok && p.Index > after && p.TopLevel && strings.TrimSpace(p.Text) != "":
			text = true
		}
	}
	return found, placeholder
}

// signatureTables returns the body tables (by the end of their XML) that
// are signature blocks: a few short cells holding organ names (at least one
// ending like one: 局, 委员会, 人民政府, …), seal notes and a single date,
// the last thing in the table. A cell with other digits, a sentence or a
// column heading (时间, 日期) makes a data table.
func signatureTables(paras []Paragraph) map[int]bool {
	type tally struct {
		cells, dates, organs int
		lastIsDate, bad      bool
	}
	tables := map[int]*tally{}
	for _, p := range paras {
		if p.Where != TableCell {
			continue
		}
		t := tables[p.blockEnd]
		if t == nil {
			t = &tally{}
			tables[p.blockEnd] = t
		}
		for _, line := range strings.Split(p.Text, "\n") {
			c := Compact(line)
			if c == "" {
				continue
			}
			t.cells++
			if ok, _ := IsDate(c); ok {
				t.dates++
				t.lastIsDate = true
				continue
			}
			t.lastIsDate = false
			if len([]rune(c)) > 40 || strings.ContainsAny(c, "0123456789。；;：:？?！!") ||
				strings.Contains(c, "时间") || strings.Contains(c, "日期") || strings.Contains(c, "期限") {
				t.bad = true
			}
			if reOrgan.MatchString(c) {
				t.organs++
			}
		}
	}
	out := map[int]bool{}
	for end, t := range tables {
		if !t.bad && t.dates == 1 && t.lastIsDate && t.organs > 0 && t.cells <= 16 {
			out[end] = true
		}
	}
	return out
}

// reOrgan matches how the name of an issuing organ (or its seal note) ends.
var reOrgan = lazyre.New(`(委员会|人民政府|政府|委|局|厅|办公室|办|部|院|署|会|室|处|司|站|所|中心|公司|集团|学校|大学|党组|支部|盖章|印章|[(（]章[)）])[)）]?$`)

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	if i := strings.LastIndex(s, "\n"); i >= 0 {
		return s[i+1:]
	}
	return s
}
