package docx

import (
	"bytes"
	"math"
	"strconv"
)

// gbTightLineRatio is the tightest line the §7.3.5 remedy (调整行距) sets:
// the font size and a sliver, so the glyphs of two lines never touch.
const gbTightLineRatio = 1.15

// tighten is GB/T 9704 §7.3.5's second remedy: when no blank line is left
// to take back, the signature lines, the 成文日期 and the note get a
// tighter exact line spacing (off the line grid, which would round it back)
// until what the marks add fits. Only paragraphs that state their spacing
// are changed; their other properties stay as they are.
func (pl *placer) tighten(date int) {
	d, l := pl.d, pl.l
	type line struct {
		block int // -1 for the note
		h     int
		min   int
	}
	var lines []line
	for i := date; i >= 0 && date-i < 4; i-- {
		b := &l.blocks[i]
		if b.table || b.empty || pl.gone[b.start] || len([]rune(b.text)) > 30 || l.page[i] != l.page[date] {
			break
		}
		p := d.paraAt(b.start)
		if p == nil || paraSpacing(*p) == nil || !p.direct {
			break
		}
		lines = append(lines, line{i, l.lineHeight(l.fmt[i]), int(float64(l.fmt[i].halfPts) * 10 * gbTightLineRatio)})
	}
	if pl.noteOp >= 0 && date >= 0 {
		f := l.fmt[date]
		f.halfPts = gbBodyHalfPts
		lines = append(lines, line{-1, l.lineHeight(f), int(gbBodyHalfPts * 10 * gbTightLineRatio)})
	}
	if len(lines) == 0 {
		return
	}
	cut := int(math.Ceil(float64(pl.need) / float64(len(lines))))
	prefix := d.mainText.wPrefix
	if prefix == "" {
		prefix = "w"
	}
	for _, ln := range lines {
		h := max(ln.h-cut, ln.min)
		if h >= ln.h {
			continue
		}
		pl.need -= ln.h - h
		sp := []byte(`<` + prefix + `:snapToGrid ` + prefix + `:val="0"/><` + prefix + `:spacing ` + prefix + `:before="0" ` +
			prefix + `:after="0" ` + prefix + `:line="` + strconv.Itoa(h) + `" ` + prefix + `:lineRule="exact"/>`)
		if ln.block < 0 {
			op := &(*pl.ops)[pl.noteOp]
			op.insert = d.markParagraph(markNote, pl.noteText, pl.noteID, sp)
			continue
		}
		p := d.paraAt(l.blocks[ln.block].start)
		off := bytes.Index(d.main[p.Start:p.End], p.spacing)
		if off < 0 {
			continue
		}
		if bytes.Contains(d.main[p.Start:p.End], []byte("snapToGrid")) {
			sp = sp[bytes.IndexByte(sp[1:], '<')+1:] // keep the paragraph's own snapToGrid
		}
		start := p.Start + off
		*pl.ops = append(*pl.ops, splice{start: start, end: start + len(p.spacing), insert: sp})
	}
	pl.adjust(AdjustTightened, "末页容不下标注：按 GB/T 9704 第7.3.5条收紧署名、成文日期和附注的行距",
		"the last page was full: tightened the line spacing of the signature, date and note (GB/T 9704 §7.3.5)")
}
