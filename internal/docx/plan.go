package docx

import (
	"bytes"
	"strconv"
)

// Adjustment is one change Stamp made to the document's own layout so the
// marks fit without adding a page.
type Adjustment struct {
	Kind string `json:"kind"` // one of the Adjust* values
	Zh   string `json:"zh"`
	En   string `json:"en"`
}

// Kinds of Adjustment.
const (
	AdjustFilledLine    = "filled-empty-line"    // a mark took an empty line in its place
	AdjustTookPadding   = "took-padding"         // an empty padding line before the 版记 or page end went
	AdjustSignatureRoom = "took-signature-space" // GB/T 9704 §7.3.5: a blank line above the signature went
	AdjustTightened     = "tightened-signature"  // GB/T 9704 §7.3.5: signature, date and note lines set tighter
	AdjustMayOverflow   = "may-overflow"         // no room found: the page may grow
)

// placer decides where the marks go and what room they take; it collects
// splices for the stamper.
type placer struct {
	d     *Document
	l     *layout
	ops   *[]splice
	res   *StampResult
	gone  map[int]bool // block starts removed or replaced already
	need  int          // twips of flow the new marks add
	notes bool         // an earlier note in the body went: its line is free
	// noteSpacing is that note's line spacing: a line tightened before
	// stays as tight, or the re-marked page grows.
	noteSpacing []byte
	// noteOp is the note's splice in ops (-1 before it is placed), and
	// noteText and noteID rebuild it when its line is tightened.
	noteOp   int
	noteText string
	noteID   int
}

func (pl *placer) take(i int, insert []byte) {
	b := &pl.l.blocks[i]
	pl.gone[b.start] = true
	*pl.ops = append(*pl.ops, splice{start: b.start, end: b.end, insert: insert})
}

func (pl *placer) adjust(kind, zh, en string) {
	pl.res.Adjustments = append(pl.res.Adjustments, Adjustment{Kind: kind, Zh: zh, En: en})
}

// spacingAt is the raw w:spacing of the paragraph starting at off.
func (d *Document) spacingAt(off int) []byte {
	for _, p := range d.mainText.paras {
		if p.Start == off && p.TopLevel {
			return paraSpacing(p)
		}
	}
	return nil
}

// paraSpacing is the paragraph's own w:spacing; the reader may have kept the
// character spacing (w:val) of the paragraph mark's run properties instead,
// which is no paragraph property.
func paraSpacing(p Paragraph) []byte {
	if bytes.Contains(p.spacing, []byte(`val=`)) {
		return nil
	}
	return p.spacing
}

// markSpacing is the w:spacing of a new mark line: the line rule of the
// paragraph it stands by, without that paragraph's space before and after
// (a title's or a date's extra space is theirs, not the mark's).
func (d *Document) markSpacing(f lineFormat) []byte {
	prefix := d.mainText.wPrefix
	if prefix == "" {
		prefix = "w"
	}
	sp := `<` + prefix + `:spacing ` + prefix + `:before="0" ` + prefix + `:beforeLines="0" ` + prefix + `:after="0" ` + prefix + `:afterLines="0"`
	if f.set&setLine != 0 && f.line > 0 {
		rule := f.lineRule
		if rule == "" {
			rule = "auto"
		}
		sp += ` ` + prefix + `:line="` + strconv.Itoa(f.line) + `" ` + prefix + `:lineRule="` + rule + `"`
	}
	return []byte(sp + `/>`)
}

// placeMarks prints the secrecy line and the note. The earlier marks are
// already spliced out (their paragraphs' indexes in removed).
func (d *Document) placeMarks(opts StampOptions, a Analysis, removed map[int]bool, ops *[]splice, res *StampResult, nextID int) {
	pl := &placer{d: d, l: d.pageLayout(), ops: ops, res: res, gone: map[int]bool{}, noteOp: -1}
	oldSecrecy := -1
	for idx := range removed {
		p := d.mainText.paras[idx]
		pl.gone[p.Start] = true
		switch {
		case p.Anchor == AnchorNote || IsNote(p.Text):
			if p.direct {
				pl.notes = true
				pl.noteSpacing = d.lineProps(p)
			}
		case (p.direct || p.Where == TableCell) && (p.Anchor == AnchorSecrecy || (a.Secrecy != nil && p.Start == a.Secrecy.Start) ||
			(a.Declassified != nil && p.Start == a.Declassified.Start)):
			oldSecrecy = p.Start
		}
	}
	if opts.SecrecyLine != nil && *opts.SecrecyLine != "" {
		pl.placeSecrecy(a, *opts.SecrecyLine, nextID, oldSecrecy)
		nextID++
	}
	after := -1
	if a.Date != nil {
		after = pl.l.blockAt(a.Date.Start)
	}
	if opts.Note != "" {
		after = pl.placeNote(a, opts.Note, nextID)
	}
	pl.makeRoom(after, a.Date != nil)
}

func (pl *placer) placeNote(a Analysis, note string, id int) int {
	d, l := pl.d, pl.l
	after := -1
	if a.Date != nil {
		after, pl.res.NotePlacement = l.blockAt(a.Date.Start), PlacedAfterDate
		if a.Date.direct {
			pl.keepWithNext(*a.Date)
		}
	} else {
		limit, why := l.limitNoDate()
		for i := min(limit, len(l.blocks)) - 1; i >= 0; i-- {
			b := &l.blocks[i]
			if !pl.gone[b.start] && b.hasText() {
				after = i
				break
			}
		}
		pl.res.NotePlacement = why
		if limit == len(l.blocks) {
			pl.res.NotePlacement = PlacedAfterLast
		}
	}
	at, spacing := d.mainText.bodyStart, []byte(nil)
	lineH := gbLinePitch
	if after >= 0 {
		b := &l.blocks[after]
		at, spacing = b.end, d.markSpacing(l.fmt[after])
		f := l.fmt[after]
		f.halfPts = gbBodyHalfPts
		lineH = l.lineHeight(f)
	}
	next := after + 1
	switch {
	case pl.notes: // the earlier note's line is free again
		if pl.noteSpacing != nil {
			spacing = pl.noteSpacing
		}
	case next < len(l.blocks) && l.blocks[next].empty && !pl.gone[l.blocks[next].start]:
		b := &l.blocks[next]
		if sp := d.spacingAt(b.start); sp != nil {
			spacing = sp
		}
		pl.take(next, d.markParagraph(markNote, note, id, spacing))
		pl.adjust(AdjustFilledLine, "附注放在成文日期下预留的空行", "the note took the empty line below the date")
		return after
	default:
		pl.need += lineH
	}
	*pl.ops = append(*pl.ops, splice{start: at, end: at, insert: d.markParagraph(markNote, note, id, spacing)})
	pl.noteOp, pl.noteText, pl.noteID = len(*pl.ops)-1, note, id
	return after
}

// keepWithNext sets w:keepNext on the 成文日期 so it never ends a page
// that its note starts the next of: where the faces of a machine differ, the
// date and its note move together.
func (pl *placer) keepWithNext(p Paragraph) {
	d := pl.d
	raw := d.main[p.Start:p.End]
	if bytes.Contains(raw, []byte("keepNext")) {
		return
	}
	prefix := d.mainText.wPrefix
	if prefix == "" {
		prefix = "w"
	}
	keep := []byte("<" + prefix + ":keepNext/>")
	open := bytes.IndexByte(raw, '>') + 1 // end of the w:p start tag
	if open <= 0 || raw[open-2] == '/' {
		return // <w:p/>: no date text in it
	}
	at := open
	rest := bytes.TrimLeft(raw[open:], " \t\r\n")
	name := rest
	if i := bytes.IndexAny(rest, " />"); i >= 0 {
		name = rest[:i]
	}
	if bytes.HasSuffix(name, []byte(":pPr")) && !bytes.Equal(name, []byte("<"+prefix+":pPr")) {
		return // properties under another prefix: not ours to splice into
	}
	if bytes.Equal(name, []byte("<"+prefix+":pPr")) {
		open = len(raw) - len(rest)
		end := bytes.IndexByte(raw[open:], '>')
		if end < 0 || raw[open+end-1] == '/' {
			return
		}
		at = open + end + 1
		if st := []byte("<" + prefix + ":pStyle"); bytes.HasPrefix(raw[at:], st) {
			if e := bytes.Index(raw[at:], []byte("/>")); e >= 0 {
				at += e + 2
			}
		}
	} else {
		keep = []byte("<" + prefix + ":pPr><" + prefix + ":keepNext/></" + prefix + ":pPr>")
	}
	*pl.ops = append(*pl.ops, splice{start: p.Start + at, end: p.Start + at, insert: keep})
}

// lineProps is a paragraph's w:snapToGrid and w:spacing, as written.
func (d *Document) lineProps(p Paragraph) []byte {
	sp := paraSpacing(p)
	if sp == nil {
		return nil
	}
	raw := d.main[p.Start:p.End]
	if i := bytes.Index(raw, []byte("snapToGrid ")); i >= 0 {
		start := bytes.LastIndexByte(raw[:i], '<')
		if end := bytes.Index(raw[i:], []byte("/>")); start >= 0 && end >= 0 {
			return append(append([]byte(nil), raw[start:i+end+2]...), sp...)
		}
	}
	return sp
}

// lineNoise is less than the estimate can tell apart: a mark short of room
// by this much fits.
const lineNoise = gbLinePitch / 8

// makeRoom finds room for what the marks add: empty padding after the
// note, else the estimate's free room on the last page, else the blank
// lines above the signature and then tighter signature lines (GB/T 9704
// §7.3.5; only when there is a 成文日期). The 版记 never moves.
func (pl *placer) makeRoom(after int, dated bool) {
	l := pl.l
	if pl.need <= 0 {
		return
	}
	took := 0
	for _, i := range l.padding(max(after, 0)) {
		if pl.need <= lineNoise {
			break
		}
		if pl.gone[l.blocks[i].start] {
			continue
		}
		pl.take(i, nil)
		pl.need -= l.height[i]
		took++
	}
	if took > 0 {
		pl.adjust(AdjustTookPadding, "去掉版记（或页尾）前的 "+strconv.Itoa(took)+" 个空行，页数不变",
			"removed "+strconv.Itoa(took)+" empty padding line(s) before the 版记 or page end to keep the page count")
	}
	slack := gbLinePitch / 4
	if pl.need <= 0 || l.free() >= pl.need+slack || after < 0 || !dated {
		if pl.need > 0 && l.free() < pl.need {
			pl.adjust(AdjustMayOverflow, "末页可能容不下标注，请打印预览核对页数", "the last page may not hold the marks: check the page count in print preview")
		}
		return // the signature remedies need a signature
	}
	took = 0
	for _, i := range l.blanksBeforeSignature(after) {
		if pl.need <= lineNoise { // one more blank would pull the page up
			break
		}
		if pl.gone[l.blocks[i].start] {
			continue
		}
		pl.take(i, nil)
		pl.need -= l.height[i]
		took++
	}
	if took > 0 {
		pl.adjust(AdjustSignatureRoom, "末页容不下标注：按 GB/T 9704 第7.3.5条收回署名前的 "+strconv.Itoa(took)+" 个空行",
			"the last page was full: took back "+strconv.Itoa(took)+" blank line(s) above the signature (GB/T 9704 §7.3.5)")
	}
	if pl.need > 0 && l.free() < pl.need {
		pl.tighten(after)
	}
	if pl.need > 0 && l.free() < pl.need {
		pl.adjust(AdjustMayOverflow, "末页可能容不下标注，请打印预览核对页数", "the last page may not hold the marks: check the page count in print preview")
	}
}

// NotePlan tells where Stamp would put a disclosure note and why, in
// Chinese and English, for inspect and the app.
func (d *Document) NotePlan() (placement, zh, en string) {
	a := d.Analyze()
	if a.Date != nil {
		return PlacedAfterDate, "成文日期之下（GB/T 9704 附注位置）", "below the 成文日期 (GB/T 9704's place for the 附注)"
	}
	_, why := d.pageLayout().limitNoDate()
	switch why {
	case PlacedBeforeBanji:
		return why, "未找到成文日期：放在版记（抄送、印发）之前的最后一段正文之后", "no 成文日期: after the last text before the 版记 (抄送/印发)"
	case PlacedBeforeAttachments:
		return why, "未找到成文日期：放在附件之前的最后一段正文之后", "no 成文日期: after the last text before the attachments"
	}
	return PlacedAfterLast, "未找到成文日期：放在正文最后一段（或表格）之后", "no 成文日期: after the last paragraph or table of the body"
}
