package docx

import "math"

// layout estimates where the body prints: each block's height and page.
// It is an estimate (no font metrics, no kerning, keep-with-next ignored),
// good to a line on the fixed-grid, exact-spacing pages 公文 use; the
// stamper uses it only to decide whether a mark fits, and prefers room the
// document itself leaves, which needs no estimate.
type layout struct {
	blocks []block
	geom   pageGeom
	styles styleSheet
	fmt    []lineFormat // resolved format of each block
	height []int        // twips
	page   []int        // page of the block's last line, from 0
	top    []int        // y of the block's first line on its first page, from the 版心 top
	endY   int          // filled height of the last page
	pages  int
	// em is the line height of a CJK face in ems; tall, when set, is the
	// same layout with a taller face. Which CJK face prints 仿宋 depends on
	// the machine (a 仿宋_GB2312 in Word, Droid Sans Fallback or Noto Sans
	// CJK in LibreOffice), so a mark must fit with either.
	em   float64
	tall *layout
}

// PrepareLayout starts estimating the page layout on another goroutine,
// for a caller that will Stamp: flowing the blocks read with the text
// (twice, for both CJK faces) then overlaps the recognisers and the checks
// instead of following them. The next Stamp (or NotePlan) takes the result.
func (d *Document) PrepareLayout() {
	ch := make(chan *layout, 1)
	d.prepared.Store(&ch)
	go func() { ch <- d.newLayout() }()
}

// pageLayout lays out the main part as it was read: the prepared estimate
// when there is one not yet taken, else a new one.
func (d *Document) pageLayout() *layout {
	if ch := d.prepared.Swap(nil); ch != nil {
		return <-*ch
	}
	return d.newLayout()
}

func (d *Document) newLayout() *layout {
	blocks, geom := d.blocks, d.geom
	l := &layout{blocks: blocks, geom: geom, styles: d.styles().lines, em: emNarrow}
	l.flow()
	l.tall = &layout{blocks: blocks, geom: geom, styles: l.styles, em: emTall}
	l.tall.flow()
	return l
}

// lineHeight is the height of one line of a paragraph in format f.
func (l *layout) lineHeight(f lineFormat) int {
	em := l.em
	if em == 0 {
		em = emNarrow
	}
	natural := float64(f.halfPts) * 10 * em
	// On a line grid LibreOffice gives every line a whole number of grid
	// pitches by font size, ignoring exact spacing (Word keeps it): take the
	// taller reading, so a mark that fits fits in both.
	snap := func(h int) int {
		if !l.geom.gridLines || f.snapOff || l.geom.pitch <= 0 {
			return h
		}
		p := float64(l.geom.pitch)
		return max(h, int(math.Ceil(natural/p-0.01)*p))
	}
	switch f.lineRule {
	case "exact":
		if f.line > 0 {
			return snap(f.line)
		}
	case "atLeast":
		return snap(max(f.line, int(natural)))
	}
	mult := 1.0
	if f.set&setLine != 0 && f.line > 0 {
		mult = float64(f.line) / 240
	}
	h := natural * mult
	if l.geom.gridLines && !f.snapOff && l.geom.pitch > 0 {
		p := float64(l.geom.pitch)
		h = math.Ceil(h/p-0.05) * p
	}
	return int(h)
}

// paraHeight is the height of a paragraph of chars full-width characters in
// format f, set in width w.
func (l *layout) paraHeight(f lineFormat, chars float64, w int) (height, lines, line int) {
	line = l.lineHeight(f)
	avail := w - f.indLeft - f.indRight
	em := float64(f.halfPts) * 10
	lines = 1
	if avail > int(em) && chars > 0 {
		// CJK punctuation may hang past the margin: a line takes one
		// character more than its width before it wraps.
		lines = int(math.Ceil((chars*em + float64(f.firstLine) - em) / float64(avail)))
		lines = max(lines, 1)
	}
	height = lines*line + f.before + f.after + (f.beforeLn+f.afterLn)*line/100
	return height, lines, line
}

// resolveBlock gives a block's paragraph format with its style and size.
func (l *layout) resolveBlock(b *block) lineFormat {
	f := l.styles.resolve(b.format)
	if b.maxHalfPts > 0 && (b.maxHalfPts > f.halfPts || b.text != "") {
		f.halfPts = b.maxHalfPts
	}
	return f
}

// blockHeight estimates one block; lines and line are set for paragraphs
// (a paragraph can break across pages line by line).
func (l *layout) blockHeight(b *block, f lineFormat) (h, lines, line int) {
	w := l.geom.textW()
	if !b.table {
		h, lines, line = l.paraHeight(f, b.charCount, w)
		return max(h, b.inlineH), lines, line
	}
	for r, row := range b.rows {
		if len(row) == 0 {
			continue
		}
		cw := w / len(row)
		rowH := 0
		for c, chars := range row {
			cf := l.styles.resolve(b.rowCells[r][c])
			ch, _, _ := l.paraHeight(cf, chars, cw-216) // default cell margins
			rowH = max(rowH, ch)
		}
		h += rowH
	}
	return h, 0, 0
}

// flow places the blocks on pages.
func (l *layout) flow() {
	n := len(l.blocks)
	l.fmt, l.height, l.page, l.top = make([]lineFormat, n), make([]int, n), make([]int, n), make([]int, n)
	H := l.geom.textH()
	if H <= 0 {
		H = standardPage.textH()
	}
	y, page := 0, 0
	for i := range l.blocks {
		b := &l.blocks[i]
		f := l.resolveBlock(b)
		h, lines, line := l.blockHeight(b, f)
		l.fmt[i], l.height[i] = f, h
		if b.pageBreak && y > 0 {
			page, y = page+1, 0
		}
		l.top[i] = y
		switch {
		case y+h <= H:
			y += h
		case lines > 1 && line > 0:
			fit := max((H-y)/line, 0)
			rest := h - fit*line
			extra := max(rest-1, 0) / H // a hostile line height must not loop
			page, y = page+1+extra, rest-extra*H
		default:
			page, y = page+1, min(h, H)
			l.top[i] = 0
		}
		l.page[i] = page
		if b.sectEnd && i < n-1 {
			page, y = page+1, 0
		}
	}
	l.endY, l.pages = y, page+1
}

// Line heights of CJK faces in ems (ascent + descent): Droid Sans Fallback
// and Word's faces, and the taller Noto Sans CJK. On a line grid a line
// takes as many whole pitches as its face needs.
const (
	emNarrow = 1.3
	emTall   = 1.45
)

// free is the room left on the last page, in twips: the smaller of the two
// faces' readings when they agree on the page count. When they do not, the
// document already paginates differently by face and the narrow reading
// (Word's) decides.
func (l *layout) free() int {
	f := l.geom.textH() - l.endY
	if l.tall != nil && l.tall.pages == l.pages {
		f = min(f, l.tall.geom.textH()-l.tall.endY)
	}
	return f
}

// band is a vertical stretch of the first page, in twips from the page top.
type band struct{ y0, y1 int }

func (a band) overlaps(b band) bool { return a.y0 < b.y1 && b.y0 < a.y1 }

// obstacles are the bands of the first page that floating objects print on.
func (l *layout) obstacles() []band {
	var out []band
	g := l.geom
	for i := range l.blocks {
		if l.page[i] > 0 {
			break
		}
		for _, f := range l.blocks[i].floats {
			if !f.obstacle {
				continue
			}
			h := max(f.h, 120)                 // a rule has no height but a stroke
			origin, extent := g.top, g.textH() // margin and its inside/outside variants
			switch f.relV {
			case "page":
				origin, extent = 0, g.h
			case "topMargin":
				origin, extent = 0, g.top
			case "bottomMargin":
				origin, extent = g.h-g.bottom, g.bottom
			case "paragraph", "line", "":
				origin = g.top + l.top[i]
			}
			y := origin + f.offV
			switch f.alignV {
			case "top":
				y = origin
			case "bottom":
				y = origin + extent - h
			case "center":
				y = origin + (extent-h)/2
			}
			out = append(out, band{y - 60, y + h + 60})
		}
	}
	return out
}

// lineBand is where the first line of block i prints on the first page,
// when it is on the first page.
func (l *layout) lineBand(i int) (band, bool) {
	if i >= len(l.blocks) || l.page[i] > 0 {
		return band{}, false
	}
	y := l.geom.top + l.top[i]
	return band{y, y + l.height[i]}, true
}

// isClear reports whether band b is free of every obstacle.
func isClear(b band, obs []band) bool {
	for _, o := range obs {
		if b.overlaps(o) {
			return false
		}
	}
	return true
}
