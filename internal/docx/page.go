package docx

import (
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/xmltok"
)

// pageGeom is a section's page: size, margins and line grid, in twips.
type pageGeom struct {
	w, h                     int
	top, bottom, left, right int
	header                   int
	gridLines                bool // docGrid type lines or linesAndChars
	pitch                    int  // docGrid linePitch
}

// textH and textW are the 版心: the room body text flows in.
func (g pageGeom) textH() int { return g.h - g.top - g.bottom }
func (g pageGeom) textW() int { return g.w - g.left - g.right }

// standardPage is GB/T 9704's page, used when a document says nothing.
var standardPage = pageGeom{w: gbPageW, h: gbPageH, top: gbMarginTop, bottom: gbPageH - gbMarginTop - gbBlockH,
	left: gbMarginLeft, right: gbPageW - gbMarginLeft - gbBlockW, header: 851, pitch: gbLinePitch}

// floatObj is a floating object (drawing anchor, VML shape, frame) that
// does not take room in the text flow but prints over it.
type floatObj struct {
	relV   string // page, margin, paragraph, line, topMargin...
	offV   int    // twips from relV's origin
	alignV string // top, center, bottom (instead of offV)
	h      int    // twips
	// obstacle is set when the object prints something: text, a fill or a
	// line. An empty, transparent box hides nothing.
	obstacle bool
}

// block is one child of w:body as it is laid out.
type block struct {
	start, end int
	table      bool
	text       string // visible text outside text boxes, compacted
	boxText    string // text in the block's text boxes
	format     lineFormat
	// charCount is the paragraph's width in full-width characters.
	charCount float64
	// empty: a paragraph with no text, object, field or bookmark: room a
	// template left, which a mark may take.
	empty   bool
	floats  []floatObj
	inlineH int // tallest inline picture
	// maxHalfPts is the largest w:sz of the runs and the paragraph mark.
	maxHalfPts int
	pageBreak  bool
	sectEnd    bool
	geom       *pageGeom // the section this block ends, when sectEnd
	rows       [][]float64
	rowCells   [][]lineFormat
	cellText   []string // compact text of each table cell (tables only)
}

const emuPerTwip = 635

// countHint is the room made up front for the paragraphs (or body
// children) of size bytes of a part: one per kilobyte, about what Word
// writes (WPS writes a paragraph per two), so the slice is seldom copied
// as it grows. Room never written costs little: the fresh pages of a
// command-line process are mapped on first touch.
func countHint(size int) int { return min(size>>10, 1<<16) + 8 }

// blockReader reads the children of w:body for the page estimate as the
// tokens of the main part go through step (docx.readMain); result is
// complete once every token went through. It only reads: offsets point
// into the part for the stamper to splice.
type blockReader struct {
	step   tokenStep
	result func() ([]block, pageGeom)
	atRest func() bool
}

func newBlockReader(partSize int) blockReader {
	geom := standardPage
	var (
		blocks    = make([]block, 0, countHint(partSize))
		cur       *block
		spare     *block // the last block read, copied into blocks: cur's memory again
		bodyDepth int
		boxes     int
		inPPr     bool
		inRPr     bool
		inRun     bool
		textOn    bool
		inFloat   bool
		flo       floatObj
		floSeen   bool
		cellFmt   lineFormat
		cellChars float64
		cellBuf   strings.Builder
		sect      *pageGeom
		vPos      string // positionV child being read
	)
	isW := func(t *xmltok.Token) bool { return t.Space == NSW || t.Space == nsWStrict }
	attrInt := func(t *xmltok.Token, name string) int {
		for _, a := range t.Attrs {
			if string(a.Local) == name {
				n, _ := strconv.Atoi(strings.TrimSpace(string(a.Value)))
				return n
			}
		}
		return 0
	}
	attr := func(t *xmltok.Token, name string) string {
		for _, a := range t.Attrs {
			if string(a.Local) == name {
				return string(a.Value)
			}
		}
		return ""
	}
	skipTo := -1    // inside an mc:Fallback, the depth that ends it
	var text []byte // the visible text of the block being read
	step := func(s *xmltok.Scanner, t *xmltok.Token) {
		depth := s.Depth()
		if skipTo >= 0 { // the choice was read; its fallback would count the object twice
			if t.Kind == xmltok.EndTag && depth == skipTo {
				skipTo = -1
			}
			return
		}
		if t.Kind == xmltok.Text && inFloat {
			switch vPos {
			case "vposOffset":
				n, _ := strconv.Atoi(strings.TrimSpace(string(t.Raw)))
				flo.offV = n / emuPerTwip
			case "valign":
				flo.alignV = strings.TrimSpace(string(t.Raw))
			}
		}
		if t.Kind == xmltok.Text && cur != nil && textOn {
			txt := t.Unescaped()
			if boxes > 0 {
				cur.boxText += txt
				flo.obstacle = flo.obstacle || strings.TrimSpace(txt) != ""
				return
			}
			if cur.table {
				cellBuf.WriteString(txt)
				cellChars += textWidth(txt)
			} else {
				text = append(text, txt...)
				cur.charCount += textWidth(txt)
			}
			return
		}
		if t.Kind != xmltok.StartTag && t.Kind != xmltok.EndTag {
			return
		}
		local := string(t.Local)
		if t.Kind == xmltok.EndTag {
			switch {
			case bodyDepth > 0 && depth == bodyDepth && cur != nil:
				cur.end = t.End
				all := string(text)
				text = text[:0]
				cur.charCount -= textWidth(all[len(strings.TrimRight(all, " \t\u3000\u00a0")):]) // trailing blanks take no room
				cur.text = Compact(all)
				cur.empty = cur.empty && !cur.table && cur.text == "" && len(cur.floats) == 0 && cur.inlineH == 0 && !cur.sectEnd && !cur.pageBreak
				blocks = append(blocks, *cur)
				spare, cur = cur, nil
				// Nothing of a block's is carried to the next one.
				cellChars, cellFmt, flo, floSeen = 0, lineFormat{}, floatObj{}, false
				cellBuf.Reset()
			case local == "txbxContent" || local == "textbox":
				boxes--
			case local == "anchor":
				if inFloat && cur != nil && boxes == 0 {
					cur.floats = append(cur.floats, flo)
					inFloat = false
				}
			case local == "pPr":
				inPPr = false
			case local == "rPr":
				inRPr = false
			case local == "r":
				inRun = false
			case local == "t":
				textOn = false
			case local == "tc" && cur != nil && cur.table && boxes == 0:
				n := len(cur.rows) - 1
				if n >= 0 {
					cur.rows[n] = append(cur.rows[n], cellChars)
					cur.rowCells[n] = append(cur.rowCells[n], cellFmt)
					cur.cellText = append(cur.cellText, Compact(cellBuf.String()))
				}
			}
			if local == "positionV" {
				vPos = ""
			}
			return
		}
		if !isW(t) {
			switch local {
			case "anchor":
				if cur != nil && boxes == 0 {
					inFloat, flo, floSeen = true, floatObj{relV: "paragraph"}, true
				}
			case "positionV":
				if inFloat {
					flo.relV, vPos = attr(t, "relativeFrom"), "v"
				}
			case "positionH":
				vPos = ""
			case "extent":
				if inFloat {
					flo.h = attrInt(t, "cy") / emuPerTwip
				} else if cur != nil && boxes == 0 {
					cur.inlineH = max(cur.inlineH, attrInt(t, "cy")/emuPerTwip)
				}
			case "solidFill", "ln", "blipFill":
				if inFloat && boxes == 0 && !t.SelfClosing {
					flo.obstacle = true
				}
			case "prstGeom":
				if inFloat && attr(t, "prst") == "line" {
					flo.obstacle = true
				}
			case "shape", "rect", "line", "roundrect":
				if st := attr(t, "style"); cur != nil && boxes == 0 && !inFloat && strings.Contains(st, "position:absolute") {
					flo = vmlFloat(st)
					if !floSeen { // the DrawingML choice already counted it
						cur.floats = append(cur.floats, flo)
					}
				}
			case "textbox":
				if !t.SelfClosing {
					boxes++
				}
			case "Fallback":
				if !t.SelfClosing {
					skipTo = depth - 1
				}
			}
			if t.Kind == xmltok.StartTag && inFloat && vPos == "v" {
				switch local {
				case "posOffset", "align":
					vPos = "v" + local
				}
			}
			return
		}
		if local == "body" {
			bodyDepth = depth
			return
		}
		if bodyDepth > 0 && depth == bodyDepth+1 && cur == nil {
			if local == "sectPr" {
				sect = &pageGeom{}
				*sect = standardPage
				geom = *sect
				return
			}
			if spare == nil {
				spare = &block{}
			}
			cur, spare, text = spare, nil, text[:0]
			*cur = block{start: t.Start, table: local == "tbl", empty: local == "p"}
			floSeen = false
			if t.SelfClosing {
				cur.end = t.End
				blocks = append(blocks, *cur)
				spare, cur = cur, nil
			}
			return
		}
		if sect != nil && cur == nil {
			readSect(t, sect, attrInt)
			geom = *sect
			return
		}
		if cur == nil {
			return
		}
		switch local {
		case "txbxContent":
			if !t.SelfClosing {
				boxes++
			}
		case "tr":
			if cur.table && boxes == 0 {
				cur.rows = append(cur.rows, nil)
				cur.rowCells = append(cur.rowCells, nil)
			}
		case "tc":
			if cur.table && boxes == 0 {
				cellChars, cellFmt = 0, lineFormat{}
				cellBuf.Reset()
			}
		case "pPr":
			inPPr = !t.SelfClosing
		case "rPr":
			inRPr = !t.SelfClosing
		case "r":
			inRun = !t.SelfClosing
		case "t":
			textOn = !t.SelfClosing && inRun
		case "tab":
			if inRun && boxes == 0 && !cur.table {
				cur.charCount += 2
			}
		case "pStyle":
			if inPPr && boxes == 0 {
				if cur.table {
					cellFmt.styleID = attr(t, "val")
				} else {
					cur.format.styleID = attr(t, "val")
				}
			}
		case "br":
			if inRun && attr(t, "type") == "page" {
				cur.pageBreak = true
			}
		case "pageBreakBefore":
			if inPPr && OnOff(s, t) && !cur.table {
				cur.pageBreak = true
			}
		case "sectPr":
			if inPPr && !cur.table {
				cur.sectEnd = true
				cur.geom = &pageGeom{}
				*cur.geom = standardPage
			}
		case "framePr":
			if inPPr && !cur.table {
				cur.floats = append(cur.floats, floatObj{relV: attr(t, "vAnchor"), offV: attrInt(t, "y"), h: attrInt(t, "h"), obstacle: true})
			}
		case "bookmarkStart", "fldChar", "fldSimple", "object", "sym", "footnoteReference", "endnoteReference":
			cur.empty = false
		default:
			if cur.geom != nil && inPPr {
				readSect(t, cur.geom, attrInt)
			}
			if boxes > 0 {
				return
			}
			if cur.table {
				if inPPr || inRPr {
					cellFmt.readProp(s, t, inRPr)
				}
			} else if inPPr || inRPr {
				// A run's size counts for the line; the paragraph mark's
				// size (w:pPr/w:rPr) counts too, as Word sizes the last
				// line by it.
				if local == "sz" && inRPr {
					cur.maxHalfPts = max(cur.maxHalfPts, attrInt(t, "val"))
					return
				}
				cur.format.readProp(s, t, inRPr)
			}
		}
	}
	atRest := func() bool { // as the body's start tag left it (split.go)
		return bodyDepth > 0 && cur == nil && boxes == 0 && !inPPr && !inRPr && !inRun && !textOn &&
			!inFloat && skipTo < 0 && sect == nil && vPos == "" && len(text) == 0 &&
			cellChars == 0 && cellFmt == (lineFormat{}) && cellBuf.Len() == 0 && flo == (floatObj{}) && !floSeen
	}
	return blockReader{step: step, result: func() ([]block, pageGeom) { return blocks, geom }, atRest: atRest}
}

func readSect(t *xmltok.Token, g *pageGeom, attrInt func(*xmltok.Token, string) int) {
	switch string(t.Local) {
	case "pgSz":
		if w, h := attrInt(t, "w"), attrInt(t, "h"); w > 0 && h > 0 {
			g.w, g.h = w, h
		}
	case "pgMar":
		g.top, g.bottom = abs(attrInt(t, "top")), abs(attrInt(t, "bottom"))
		g.left, g.right, g.header = attrInt(t, "left"), attrInt(t, "right"), attrInt(t, "header")
	case "docGrid":
		for _, a := range t.Attrs {
			if string(a.Local) == "type" {
				g.gridLines = string(a.Value) == "lines" || string(a.Value) == "linesAndChars"
			}
		}
		if p := attrInt(t, "linePitch"); p > 0 {
			g.pitch = p
		}
	}
}

// vmlFloat reads the position of an absolutely positioned VML shape.
func vmlFloat(style string) floatObj {
	f := floatObj{relV: "paragraph", obstacle: true}
	for _, kv := range strings.Split(style, ";") {
		k, v, _ := strings.Cut(kv, ":")
		switch strings.TrimSpace(k) {
		case "margin-top", "top":
			f.offV = cssTwips(v)
		case "height":
			f.h = cssTwips(v)
		case "mso-position-vertical-relative":
			f.relV = strings.TrimSpace(v)
		case "mso-position-vertical":
			f.alignV = strings.TrimSpace(v)
		}
	}
	return f
}
