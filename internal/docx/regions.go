package docx

import (
	"strings"

	"github.com/docattr/docattr/internal/lazyre"
)

// The parts of a 公文 that bound where a note may go when there is no
// 成文日期: GB/T 9704 puts the 附注 after the body and its signature,
// before the 附件 (which start on a page of their own) and before the 版记
// (抄送 and 印发 lines, often a table or a box anchored to the page foot).
var (
	reBanji          = lazyre.New(`^抄送[:：]|(\d{4}年\d{1,2}月\d{1,2}日|年月日)印发$|^印发[:：]?\d{4}年`)
	reAttachHead     = lazyre.New(`^附件[0-9一二三四五六七八九十]*[:：]?$`)
	reAttachNumbered = lazyre.New(`^附件[0-9一二三四五六七八九十]+[:：]\S`)
	reSecrecyCell    = lazyre.New(`^密级[0-9]*$`)
)

// isBanji reports whether the block is (or starts) the 版记.
func isBanji(b *block) bool {
	if b.table {
		for _, c := range b.cellText {
			if reBanji.MatchString(c) {
				return true
			}
		}
		return false
	}
	if reBanji.MatchString(b.text) {
		return true
	}
	box := Compact(b.boxText)
	return b.text == "" && box != "" && (strings.HasSuffix(box, "印发") || strings.Contains(box, "抄送"))
}

// isAttachmentStart reports whether the block starts the attachments:
// a 附件 heading alone, "附件1：标题", or a table opening with one.
func isAttachmentStart(b *block) bool {
	if b.table {
		return len(b.cellText) > 0 && (reAttachHead.MatchString(b.cellText[0]) || reAttachNumbered.MatchString(b.cellText[0]))
	}
	c := b.text
	return len([]rune(c)) <= 60 && (reAttachHead.MatchString(c) || reAttachNumbered.MatchString(c))
}

// floatingOnly is a paragraph that only holds floating objects: it takes a
// line, but the template put it there for its objects, not as room.
func (b *block) floatingOnly() bool {
	return !b.table && b.text == "" && len(b.floats) > 0
}

// hasText says a block prints text in the flow.
func (b *block) hasText() bool {
	if b.table {
		for _, c := range b.cellText {
			if c != "" {
				return true
			}
		}
		return false
	}
	return b.text != ""
}

// blockAt returns the index of the block that holds byte offset off.
func (l *layout) blockAt(off int) int {
	for i, b := range l.blocks {
		if off >= b.start && off < b.end {
			return i
		}
	}
	return -1
}

// limitNoDate is the first block the note must stay before when there is no
// 成文日期, and why: the 版记 or the attachments.
func (l *layout) limitNoDate() (int, string) {
	seen := false
	for i := range l.blocks {
		b := &l.blocks[i]
		if seen && isBanji(b) {
			return i, PlacedBeforeBanji
		}
		if seen && isAttachmentStart(b) {
			return i, PlacedBeforeAttachments
		}
		seen = seen || b.hasText()
	}
	return len(l.blocks), PlacedAfterLast
}

// padding finds the room a template leaves after block from: the empty
// paragraphs right before the 版记, a page break, the section's end or the
// end of the body (floating-only paragraphs in between are skipped, never
// taken). It returns them nearest the stop first.
func (l *layout) padding(from int) []int {
	stop := len(l.blocks)
	for i := from + 1; i < len(l.blocks); i++ {
		b := &l.blocks[i]
		if isBanji(b) || b.pageBreak {
			stop = i
			break
		}
		if b.sectEnd {
			stop = i // the paragraph holding sectPr stays
			break
		}
	}
	var run []int
	for i := stop - 1; i > from; i-- {
		b := &l.blocks[i]
		switch {
		case b.empty:
			run = append(run, i)
		case b.floatingOnly() && len(run) == 0:
			continue
		default:
			return run
		}
	}
	return run
}

// blanksBeforeSignature are the empty paragraphs between the body and the
// 成文日期 at block date: the spacing GB/T 9704 §7.3.5 lets a drafter take
// back when the signature and date do not fit. Nearest the body first.
func (l *layout) blanksBeforeSignature(date int) []int {
	var out []int
	for i := date - 1; i >= 0 && date-i <= 8; i-- {
		b := &l.blocks[i]
		if b.table || b.pageBreak || b.sectEnd || l.page[i] != l.page[date] {
			break
		}
		if len([]rune(b.text)) > 30 { // body text: the signature block starts below
			break
		}
		if b.empty {
			out = append([]int{i}, out...)
		}
	}
	return out
}
