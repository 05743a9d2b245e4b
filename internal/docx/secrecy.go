package docx

import (
	"bytes"
	"fmt"
)

// firstLine is the block the secrecy line goes before by GB/T 9704: the
// first line of the 版心, the second after a 份号 (and after a lifecycle
// notice docattr keeps first).
func (pl *placer) firstLine(a Analysis) int {
	first := 0
	for i, b := range pl.l.blocks {
		p := pl.d.paraAt(b.start)
		if pl.gone[b.start] {
			continue
		}
		if (a.Serial != nil && b.start == a.Serial.Start) || (p != nil && p.Anchor == AnchorLifecycle) {
			first = i + 1
			continue
		}
		if b.hasText() {
			break
		}
	}
	return first
}

// framePrAt is the w:framePr of the paragraph starting at off, or nil.
func (d *Document) framePrAt(off int) []byte {
	p := d.paraAt(off)
	if p == nil {
		return nil
	}
	raw := d.main[p.Start:p.End]
	i := bytes.Index(raw, []byte("framePr "))
	if i < 0 {
		return nil
	}
	start := bytes.LastIndexByte(raw[:i], '<')
	end := bytes.Index(raw[i:], []byte("/>"))
	if start < 0 || end < 0 {
		return nil
	}
	return raw[start : i+end+2]
}

func (d *Document) paraAt(off int) *Paragraph {
	for i := range d.mainText.paras {
		if d.mainText.paras[i].Start == off {
			return &d.mainText.paras[i]
		}
	}
	return nil
}

func (pl *placer) placeSecrecy(a Analysis, line string, id, old int) {
	d, l := pl.d, pl.l
	mark := func(spacing []byte) []byte { return d.markParagraph(markSecrecy, line, id, spacing) }
	if old >= 0 { // the earlier line's place, already cleared
		sp := d.spacingAt(old)
		if fr := d.framePrAt(old); fr != nil { // and its frame, if it had one
			sp = fr
		}
		for i := range *pl.ops { // a 版头 cell gets the line, not an empty paragraph
			if op := &(*pl.ops)[i]; op.start == old && op.end > old {
				op.insert = nil
			}
		}
		*pl.ops = append(*pl.ops, splice{start: old, end: old, insert: mark(sp)})
		pl.res.SecrecyPlacement = SecrecyReplacing
		return
	}
	obs := l.obstacles()
	first := pl.firstLine(a)
	lineH := func(i int) int {
		if i < len(l.blocks) {
			f := l.fmt[i]
			f.halfPts = gbBodyHalfPts
			return l.lineHeight(f)
		}
		return gbLinePitch
	}
	// 1. An empty line the template left at the top, clear of the red head.
	for i := first; i < len(l.blocks); i++ {
		b := &l.blocks[i]
		if b.hasText() || b.table {
			break
		}
		if !b.empty || pl.gone[b.start] {
			continue
		}
		if bd, ok := l.lineBand(i); ok && isClear(band{bd.y0, bd.y0 + lineH(i)}, obs) {
			pl.take(i, mark(d.spacingAt(b.start)))
			pl.res.SecrecyPlacement = SecrecyTopLine
			pl.adjust(AdjustFilledLine, "密级和保密期限放在模板顶部预留的空行", "the secrecy line took an empty line the template left at the top")
			return
		}
	}
	// 2. The 密级 cell of a 版头 table.
	for i := 0; i < len(l.blocks) && i <= first+3; i++ {
		b := &l.blocks[i]
		if !b.table {
			continue
		}
		for _, p := range d.mainText.paras {
			if p.Start >= b.start && p.End <= b.end && p.Where == TableCell && reSecrecyCell.MatchString(Compact(p.Text)) {
				*pl.ops = append(*pl.ops, splice{start: p.Start, end: p.End, insert: d.markParagraph(markSecrecy, line, id, p.spacing)})
				pl.res.SecrecyPlacement = SecrecyCell
				pl.adjust(AdjustFilledLine, "密级和保密期限填入版头表格的密级栏", "the secrecy line went into the 密级 cell of the heading table")
				return
			}
		}
	}
	// 3. A new line at the standard's place, when nothing prints there.
	at := d.mainText.bodyStart
	if first > 0 && first <= len(l.blocks) {
		at = l.blocks[first-1].end
	}
	spacing := []byte(nil)
	if first < len(l.blocks) {
		spacing = d.markSpacing(l.fmt[first])
	}
	y := l.geom.top
	if first < len(l.blocks) {
		y += l.top[first]
	}
	h := lineH(first)
	if isClear(band{y, y + h}, obs) {
		*pl.ops = append(*pl.ops, splice{start: at, end: at, insert: mark(spacing)})
		pl.res.SecrecyPlacement = SecrecyInserted
		pl.need += h
		return
	}
	// 4. Its own frame, in the nearest clear band above the red head (the
	// top margin) or else below it, at the 版心's left edge.
	fy := -1
	for _, o := range obs {
		if o.overlaps(band{y, y + h}) && o.y0-h >= l.geom.header+gbLinePitch/2 {
			fy = o.y0 - h
		}
	}
	for fy < 0 || !isClear(band{fy, fy + h}, obs) {
		low := y
		for _, o := range obs {
			if o.overlaps(band{low, low + h}) {
				low = o.y1
			}
		}
		if fy == low || low > l.geom.h/2 {
			break
		}
		fy, y = low, low
	}
	if fy < 0 {
		fy = l.geom.top
	}
	prefix := d.mainText.wPrefix
	if prefix == "" {
		prefix = "w"
	}
	frame := fmt.Sprintf(`<%s:framePr %s:w="%d" %s:h="%d" %s:hRule="exact" %s:wrap="around" %s:vAnchor="page" %s:hAnchor="margin" %s:x="0" %s:y="%d"/>`,
		prefix, prefix, l.geom.textW()/2, prefix, h, prefix, prefix, prefix, prefix, prefix, prefix, fy)
	*pl.ops = append(*pl.ops, splice{start: at, end: at, insert: mark([]byte(frame))})
	pl.res.SecrecyPlacement = SecrecyFrame
	pl.adjust(AdjustFilledLine, "密级和保密期限以定位框印在版心左上角，避开红头", "the secrecy line is a positioned frame at the top left, clear of the red head")
}
