package docx

import (
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/xmltok"
)

// blockReader reads the children of w:body for the page estimate as the
// tokens of the main part go through step (docx.readMain); result is
// complete once every token went through. It only reads: offsets point
// into the part for the stamper to splice.
type blockReader struct {
	step   tokenStep
	result func() ([]block, pageGeom)
	atRest func() bool
}

// blockState is a blockReader's state; step is a method for the reason
// storyState's is.
type blockState struct {
	geom      pageGeom
	blocks    []block
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
	skipTo    int    // inside an mc:Fallback, the depth that ends it
	text      []byte // the visible text of the block being read
}

func newBlockReader(partSize int) blockReader {
	r := &blockState{geom: standardPage, blocks: make([]block, 0, countHint(partSize)), skipTo: -1}
	return blockReader{step: r.step, result: func() ([]block, pageGeom) { return r.blocks, r.geom }, atRest: r.atRest}
}

// attrInt reads an attribute of t named name (any namespace) as a number;
// attrText reads it as it is.
func attrInt(t *xmltok.Token, name string) int {
	for _, a := range t.Attrs {
		if string(a.Local) == name {
			n, _ := strconv.Atoi(strings.TrimSpace(string(a.Value)))
			return n
		}
	}
	return 0
}

func attrText(t *xmltok.Token, name string) string {
	for _, a := range t.Attrs {
		if string(a.Local) == name {
			return string(a.Value)
		}
	}
	return ""
}

func (r *blockState) step(s *xmltok.Scanner, t *xmltok.Token) {
	depth := s.Depth()
	if r.skipTo >= 0 { // the choice was read; its fallback would count the object twice
		if t.Kind == xmltok.EndTag && depth == r.skipTo {
			r.skipTo = -1
		}
		return
	}
	if t.Kind == xmltok.Text && r.inFloat {
		switch r.vPos {
		case "vposOffset":
			n, _ := strconv.Atoi(strings.TrimSpace(string(t.Raw)))
			r.flo.offV = n / emuPerTwip
		case "valign":
			r.flo.alignV = strings.TrimSpace(string(t.Raw))
		}
	}
	if t.Kind == xmltok.Text && r.cur != nil && r.textOn {
		txt := t.Unescaped()
		if r.boxes > 0 {
			if r.cur.boxText == "" {
				txt = strings.Clone(txt) // not a view of the part's bytes (Unescaped)
			}
			r.cur.boxText += txt
			r.flo.obstacle = r.flo.obstacle || strings.TrimSpace(txt) != ""
			return
		}
		if r.cur.table {
			r.cellBuf.WriteString(txt)
			r.cellChars += textWidth(txt)
		} else {
			r.text = append(r.text, txt...)
			r.cur.charCount += textWidth(txt)
		}
		return
	}
	if t.Kind != xmltok.StartTag && t.Kind != xmltok.EndTag {
		return
	}
	// Compared as string(local): no string is made for every tag.
	local := t.Local
	if t.Kind == xmltok.EndTag {
		switch {
		case r.bodyDepth > 0 && depth == r.bodyDepth && r.cur != nil:
			r.cur.end = t.End
			all := string(r.text)
			r.text = r.text[:0]
			r.cur.charCount -= textWidth(all[len(strings.TrimRight(all, " \t\u3000\u00a0")):]) // trailing blanks take no room
			r.cur.text = Compact(all)
			r.cur.empty = r.cur.empty && !r.cur.table && r.cur.text == "" && len(r.cur.floats) == 0 && r.cur.inlineH == 0 && !r.cur.sectEnd && !r.cur.pageBreak
			r.blocks = append(r.blocks, *r.cur)
			r.spare, r.cur = r.cur, nil
			// Nothing of a block's is carried to the next one.
			r.cellChars, r.cellFmt, r.flo, r.floSeen = 0, lineFormat{}, floatObj{}, false
			r.cellBuf.Reset()
		case string(local) == "txbxContent" || string(local) == "textbox":
			r.boxes--
		case string(local) == "anchor":
			if r.inFloat && r.cur != nil && r.boxes == 0 {
				r.cur.floats = append(r.cur.floats, r.flo)
				r.inFloat = false
			}
		case string(local) == "pPr":
			r.inPPr = false
		case string(local) == "rPr":
			r.inRPr = false
		case string(local) == "r":
			r.inRun = false
		case string(local) == "t":
			r.textOn = false
		case string(local) == "tc" && r.cur != nil && r.cur.table && r.boxes == 0:
			n := len(r.cur.rows) - 1
			if n >= 0 {
				r.cur.rows[n] = append(r.cur.rows[n], r.cellChars)
				r.cur.rowCells[n] = append(r.cur.rowCells[n], r.cellFmt)
				r.cur.cellText = append(r.cur.cellText, Compact(r.cellBuf.String()))
			}
		}
		if string(local) == "positionV" {
			r.vPos = ""
		}
		return
	}
	if !isWord(t) {
		switch string(local) {
		case "anchor":
			if r.cur != nil && r.boxes == 0 {
				r.inFloat, r.flo, r.floSeen = true, floatObj{relV: "paragraph"}, true
			}
		case "positionV":
			if r.inFloat {
				r.flo.relV, r.vPos = attrText(t, "relativeFrom"), "v"
			}
		case "positionH":
			r.vPos = ""
		case "extent":
			if r.inFloat {
				r.flo.h = attrInt(t, "cy") / emuPerTwip
			} else if r.cur != nil && r.boxes == 0 {
				r.cur.inlineH = max(r.cur.inlineH, attrInt(t, "cy")/emuPerTwip)
			}
		case "solidFill", "ln", "blipFill":
			if r.inFloat && r.boxes == 0 && !t.SelfClosing {
				r.flo.obstacle = true
			}
		case "prstGeom":
			if r.inFloat && attrText(t, "prst") == "line" {
				r.flo.obstacle = true
			}
		case "shape", "rect", "line", "roundrect":
			if st := attrText(t, "style"); r.cur != nil && r.boxes == 0 && !r.inFloat && strings.Contains(st, "position:absolute") {
				r.flo = vmlFloat(st)
				if !r.floSeen { // the DrawingML choice already counted it
					r.cur.floats = append(r.cur.floats, r.flo)
				}
			}
		case "textbox":
			if !t.SelfClosing {
				r.boxes++
			}
		case "Fallback":
			if !t.SelfClosing {
				r.skipTo = depth - 1
			}
		}
		if t.Kind == xmltok.StartTag && r.inFloat && r.vPos == "v" {
			switch string(local) {
			case "posOffset", "align":
				r.vPos = "v" + string(local)
			}
		}
		return
	}
	if string(local) == "body" {
		r.bodyDepth = depth
		return
	}
	if r.bodyDepth > 0 && depth == r.bodyDepth+1 && r.cur == nil {
		if string(local) == "sectPr" {
			r.sect = &pageGeom{}
			*r.sect = standardPage
			r.geom = *r.sect
			return
		}
		if r.spare == nil {
			r.spare = &block{}
		}
		r.cur, r.spare, r.text = r.spare, nil, r.text[:0]
		*r.cur = block{start: t.Start, table: string(local) == "tbl", empty: string(local) == "p"}
		r.floSeen = false
		if t.SelfClosing {
			r.cur.end = t.End
			r.blocks = append(r.blocks, *r.cur)
			r.spare, r.cur = r.cur, nil
		}
		return
	}
	if r.sect != nil && r.cur == nil {
		readSect(t, r.sect)
		r.geom = *r.sect
		return
	}
	if r.cur == nil {
		return
	}
	switch string(local) {
	case "txbxContent":
		if !t.SelfClosing {
			r.boxes++
		}
	case "tr":
		if r.cur.table && r.boxes == 0 {
			r.cur.rows = append(r.cur.rows, nil)
			r.cur.rowCells = append(r.cur.rowCells, nil)
		}
	case "tc":
		if r.cur.table && r.boxes == 0 {
			r.cellChars, r.cellFmt = 0, lineFormat{}
			r.cellBuf.Reset()
		}
	case "pPr":
		r.inPPr = !t.SelfClosing
	case "rPr":
		r.inRPr = !t.SelfClosing
	case "r":
		r.inRun = !t.SelfClosing
	case "t":
		r.textOn = !t.SelfClosing && r.inRun
	case "tab":
		if r.inRun && r.boxes == 0 && !r.cur.table {
			r.cur.charCount += 2
		}
	case "pStyle":
		if r.inPPr && r.boxes == 0 {
			if r.cur.table {
				r.cellFmt.styleID = attrText(t, "val")
			} else {
				r.cur.format.styleID = attrText(t, "val")
			}
		}
	case "br":
		if r.inRun && attrText(t, "type") == "page" {
			r.cur.pageBreak = true
		}
	case "pageBreakBefore":
		if r.inPPr && OnOff(s, t) && !r.cur.table {
			r.cur.pageBreak = true
		}
	case "sectPr":
		if r.inPPr && !r.cur.table {
			r.cur.sectEnd = true
			r.cur.geom = &pageGeom{}
			*r.cur.geom = standardPage
		}
	case "framePr":
		if r.inPPr && !r.cur.table {
			r.cur.floats = append(r.cur.floats, floatObj{relV: attrText(t, "vAnchor"), offV: attrInt(t, "y"), h: attrInt(t, "h"), obstacle: true})
		}
	case "bookmarkStart", "fldChar", "fldSimple", "object", "sym", "footnoteReference", "endnoteReference":
		r.cur.empty = false
	default:
		if r.cur.geom != nil && r.inPPr {
			readSect(t, r.cur.geom)
		}
		if r.boxes > 0 {
			return
		}
		if r.cur.table {
			if r.inPPr || r.inRPr {
				r.cellFmt.readProp(s, t, r.inRPr)
			}
		} else if r.inPPr || r.inRPr {
			// A run's size counts for the line; the paragraph mark's
			// size (w:pPr/w:rPr) counts too, as Word sizes the last
			// line by it.
			if string(local) == "sz" && r.inRPr {
				r.cur.maxHalfPts = max(r.cur.maxHalfPts, attrInt(t, "val"))
				return
			}
			r.cur.format.readProp(s, t, r.inRPr)
		}
	}
}

// atRest reports whether the reader is as the body's start tag left it
// (split.go).
func (r *blockState) atRest() bool {
	return r.bodyDepth > 0 && r.cur == nil && r.boxes == 0 && !r.inPPr && !r.inRPr && !r.inRun && !r.textOn &&
		!r.inFloat && r.skipTo < 0 && r.sect == nil && r.vPos == "" && len(r.text) == 0 &&
		r.cellChars == 0 && r.cellFmt == (lineFormat{}) && r.cellBuf.Len() == 0 && r.flo == (floatObj{}) && !r.floSeen
}
